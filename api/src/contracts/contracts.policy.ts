import { forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { sideOf } from '../deals/deals.policy';

interface DealParties {
  supplierOrg: unknown;
  buyerOrg: unknown;
  brokerOrg?: unknown;
}

/**
 * Signing the contract and changing its particulars are for an org admin of the supplier or the
 * buyer: the broker and plain members get 403, a platform admin 403, anyone else the deal's 404.
 */
export function assertSigner(user: SessionUser, deal: DealParties): 'supplier' | 'buyer' {
  const side = sideOf(user, deal);
  if (!side) {
    if (isPlatformAdmin(user)) throw forbidden('Platform administrators can read contracts but not sign them', 'not_a_party');
    throw notFound('Deal');
  }
  if (side === 'broker') throw forbidden('Only the supplier and the buyer sign the contract', 'not_a_principal');
  if (!user.roles.includes('org-admin')) throw forbidden("Only an administrator of the organisation signs for it", 'not_org_admin');
  return side;
}

/** The platform's registration export is for platform admins. */
export function assertCanExportRegistrations(user: SessionUser): void {
  if (!isPlatformAdmin(user)) throw forbidden('Only a platform administrator exports contract registrations', 'not_platform_admin');
}
