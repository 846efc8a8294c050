// Royalty tracking for licences: the licensee (the buyer) reports each quarter's sales; the amount
// due is the sales at the agreed royalty rate, rounded half up to the fen, and becomes a `royalty`
// payment item due in 30 days, paid through the same checkout and webhook as the contract's items.

import type { Types } from 'mongoose';
import { conflict } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { DealChanges } from '../deals/deal-changes';
import type { DealLean } from '../deals/deal.model';
import { feesFor, percentToBps, royaltyDue, type FeePolicy } from './fees';
import { assertPayer } from './payments.policy';
import { issueItems, itemByKey } from './payment-items';
import { RoyaltyReport } from './royalty-report.model';
import type { RoyaltyReportInput } from './payments.schemas';
import { agreedTerms } from './issuing.service';
import { paymentEvent } from './settlement';
import { presentItem, presentRoyaltyReport } from './payments.presenter';

/** Days a royalty is due after its report. */
export const ROYALTY_DUE_DAYS = 30;

/** The agreed royalty rate (percent) of a licence deal that has one, else null. */
export function royaltyRateOf(deal: Pick<DealLean, 'mode' | 'offers' | 'agreedOfferVersion'>): number | null {
  const terms = agreedTerms(deal);
  return deal.mode === 'license' && terms?.mode === 'license' && terms.royaltyRate > 0 ? terms.royaltyRate : null;
}

/** `YYYY-MM-DD` of `d` plus `days` (UTC). */
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

export class Royalties {
  constructor(private readonly deps: { changes: DealChanges; fees: FeePolicy; now?: () => Date }) {}

  /** Files the buyer's report for a period (409 when the period is reported already). */
  async report(user: SessionUser, dealId: string, input: RoyaltyReportInput) {
    const deal = await this.deps.changes.load(dealId);
    assertPayer(user, deal, 'report royalties');
    const rate = royaltyRateOf(deal);
    if (rate === null) throw conflict('no_royalties', 'This deal has no agreed royalty', { status: deal.status });
    if (deal.status !== 'paying' && deal.status !== 'completed') throw conflict('deal_not_contracted', `Royalties are reported once the contract is signed (the deal is ${deal.status})`, { status: deal.status });
    const amount = royaltyDue(input.sales, rate);
    const itemKey = amount > 0 ? `royalty-${input.period}` : null;
    let report;
    try {
      report = await RoyaltyReport.create({ deal: deal._id, period: input.period, sales: input.sales, rateBps: percentToBps(rate), amount, note: input.note ?? '', filedBy: user.id, filedByName: user.name, itemKey });
    } catch (err) {
      if (isDuplicate(err)) throw conflict('period_reported', `Royalties for ${input.period} are already reported`);
      throw err;
    }
    const label = { zh: `提成费 ${input.period}`, en: `Royalty ${input.period}` };
    if (itemKey) {
      const due = addDays((this.deps.now ?? (() => new Date()))(), ROYALTY_DUE_DAYS);
      await issueItems(deal._id, null, [{ key: itemKey, kind: 'royalty', label, amount, due, fees: feesFor(amount, this.deps.fees, !!deal.brokerOrg), royaltyReport: report._id as Types.ObjectId }]);
    }
    await this.deps.changes.changeBySystem(dealId, () => ({ set: {}, events: [paymentEvent('royalty.reported', { key: itemKey ?? `royalty-${input.period}`, label, amount }, { period: input.period })] }));
    const item = itemKey ? await itemByKey(dealId, itemKey) : null;
    return { report: presentRoyaltyReport(report.toObject()), item: item ? presentItem(item) : null };
  }
}
