// Reading a deal's payments: its items with their fee split, its royalty reports, totals, and what
// the reader may do (pay: the buyer's members; refund: the supplier's admins and platform admins;
// report royalties: the buyer's members on a licence with a royalty).

import type { SessionUser } from '../auth/auth.types';
import type { DealChanges } from '../deals/deal-changes';
import { sideOf } from '../deals/deals.policy';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { assertCanSeePayments } from './payments.policy';
import { itemsOf } from './payment-items';
import { RoyaltyReport, type RoyaltyReportLean } from './royalty-report.model';
import { presentPayments } from './payments.presenter';
import { royaltyRateOf } from './royalties.service';

export class PaymentReads {
  constructor(private readonly deps: { changes: DealChanges; testMode: boolean }) {}

  /** GET /api/deals/:id/payments. */
  async list(user: SessionUser, dealId: string) {
    const deal = await this.deps.changes.load(dealId);
    assertCanSeePayments(user, deal);
    const side = sideOf(user, deal);
    const royaltyRate = royaltyRateOf(deal);
    const [items, reports] = await Promise.all([itemsOf(dealId), RoyaltyReport.find({ deal: deal._id }).sort({ period: 1 }).lean<RoyaltyReportLean[]>()]);
    const signed = deal.status === 'paying' || deal.status === 'completed';
    return presentPayments({
      dealId,
      status: deal.status,
      testMode: this.deps.testMode,
      royaltyRate,
      items,
      reports,
      can: {
        pay: side === 'buyer',
        refund: isPlatformAdmin(user) || (side === 'supplier' && user.roles.includes('org-admin')),
        report: side === 'buyer' && royaltyRate !== null && signed,
      },
    });
  }
}
