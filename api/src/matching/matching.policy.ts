import { forbidden } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';

interface MatchSides {
  demandOrg: unknown;
  supplierOrg: unknown;
}

export const isBroker = (user: SessionUser) => user.roles.includes('broker') && !!user.orgId;

/** Which side of a match the user's organisation is on, if any. */
export function sideOf(user: SessionUser, m: MatchSides): 'buyer' | 'supplier' | null {
  if (!user.orgId) return null;
  if (String(m.demandOrg) === user.orgId) return 'buyer';
  if (String(m.supplierOrg) === user.orgId) return 'supplier';
  return null;
}

/** A match is visible to both sides, to brokers whose portfolio holds either side, and to platform admins. */
export function canSeeMatch(user: SessionUser, m: MatchSides, portfolioOrgs: readonly string[] = []): boolean {
  if (sideOf(user, m) || isPlatformAdmin(user)) return true;
  return isBroker(user) && (portfolioOrgs.includes(String(m.demandOrg)) || portfolioOrgs.includes(String(m.supplierOrg)));
}

/** Only brokers (members of an agency with the broker role) use the broker workspace. */
export function assertBroker(user: SessionUser): void {
  if (!isBroker(user)) throw forbidden('Only brokers of a technology-transfer agency can do this', 'not_broker');
}
