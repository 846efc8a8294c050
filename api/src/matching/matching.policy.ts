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

/** What a broker sees through its agency's portfolio (see `brokerScope` in brokers/portfolio.service.ts). */
export interface BrokerScope {
  /** Organisations whose admin accepted the agency. */
  orgs: readonly string[];
  /** Their anonymous demands not revealed to the agency: these do not count for their owner. */
  hiddenDemands: readonly string[];
}

/**
 * A match is in a broker's scope when its supplier is a client, or its demand's owner is a client
 * the broker may know (an anonymous demand never places its owner).
 */
export function inBrokerScope(scope: BrokerScope | null, m: MatchSides & { demand: unknown }): boolean {
  if (!scope) return false;
  if (scope.orgs.includes(String(m.supplierOrg))) return true;
  return scope.orgs.includes(String(m.demandOrg)) && !scope.hiddenDemands.includes(String(m.demand));
}

/** A match is visible to both sides, to brokers whose scope holds it, and to platform admins. */
export function canSeeMatch(user: SessionUser, m: MatchSides & { demand: unknown }, scope: BrokerScope | null = null): boolean {
  if (sideOf(user, m) || isPlatformAdmin(user)) return true;
  return isBroker(user) && inBrokerScope(scope, m);
}

/** Only brokers (members of an agency with the broker role) use the broker workspace. */
export function assertBroker(user: SessionUser): void {
  if (!isBroker(user)) throw forbidden('Only brokers of a technology-transfer agency can do this', 'not_broker');
}
