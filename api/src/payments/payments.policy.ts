import { forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { assertCanRead, sideOf } from '../deals/deals.policy';

interface DealParties {
  supplierOrg: unknown;
  buyerOrg: unknown;
  brokerOrg?: unknown;
}

/** The deal's payments are read by its participants and platform admins (anyone else: 404). */
export const assertCanSeePayments = (user: SessionUser, deal: DealParties): void => assertCanRead(user, deal);

/**
 * Paying an item, and filing a royalty report, is for members of the buyer organisation: the other
 * participants and platform admins get 403, anyone else the 404 of a deal they cannot see.
 */
export function assertPayer(user: SessionUser, deal: DealParties, what = 'pay'): void {
  const side = sideOf(user, deal);
  if (side === 'buyer') return;
  if (side || isPlatformAdmin(user)) throw forbidden(`Only the buyer's members can ${what}`, 'not_the_buyer');
  throw notFound('Deal');
}

/** A refund is given by an administrator of the supplier organisation or by a platform admin. */
export function assertCanRefund(user: SessionUser, deal: DealParties): void {
  if (isPlatformAdmin(user)) return;
  const side = sideOf(user, deal);
  if (side === 'supplier' && user.roles.includes('org-admin')) return;
  if (side === 'supplier') throw forbidden("Only an administrator of the supplier's organisation can refund", 'not_org_admin');
  if (side) throw forbidden('Only the supplier refunds a payment', 'not_the_supplier');
  throw notFound('Deal');
}
