// What leaves the server about a deal's payments: items with their fee split, royalty reports,
// totals and what the viewer may do. Never Stripe's client secrets or the events applied.

import type { PaymentItemLean } from './payment-item.model';
import type { RoyaltyReportLean } from './royalty-report.model';
import { totalFees } from './fees';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** One payment item. */
export function presentItem(i: PaymentItemLean) {
  return {
    id: String(i._id),
    key: i.key,
    kind: i.kind,
    label: { zh: i.label?.zh ?? '', en: i.label?.en ?? '' },
    amount: i.amount,
    currency: i.currency,
    due: i.due ?? null,
    contractHash: i.contractHash ?? null,
    fees: {
      amount: i.amount,
      platformFeeBps: i.fees.platformFeeBps,
      platformFee: i.fees.platformFee,
      brokerCommissionBps: i.fees.brokerCommissionBps,
      brokerCommission: i.fees.brokerCommission,
      supplierNet: i.fees.supplierNet,
    },
    status: i.status,
    method: i.method ?? null,
    paidAt: iso(i.paidAt),
    failureReason: i.failureReason || null,
    review: i.review ? { reason: i.review.reason, at: iso(i.review.at)! } : null,
    refundedAmount: i.refundedAmount ?? 0,
    refunds: (i.refunds ?? []).map((r) => ({ amount: r.amount, reason: r.reason ?? '', at: iso(r.at)! })),
    attempt: i.attempt,
    royaltyReportId: i.royaltyReport ? String(i.royaltyReport) : null,
  };
}

/** One royalty report. */
export function presentRoyaltyReport(r: RoyaltyReportLean) {
  return {
    id: String(r._id),
    period: r.period,
    sales: r.sales,
    rateBps: r.rateBps,
    amount: r.amount,
    note: r.note ?? '',
    filedBy: { id: String(r.filedBy), name: r.filedByName ?? '' },
    itemKey: r.itemKey ?? null,
    createdAt: iso(r.createdAt)!,
  };
}

/** GET /api/deals/:id/payments. */
export function presentPayments(input: {
  dealId: string;
  status: string;
  testMode: boolean;
  /** The agreed royalty rate in percent for a licence with royalties, else null. */
  royaltyRate: number | null;
  items: PaymentItemLean[];
  reports: RoyaltyReportLean[];
  can: { pay: boolean; refund: boolean; report: boolean };
}) {
  const items = input.items.map(presentItem);
  const fees = totalFees(items.map((i) => i.fees));
  const paid = items.filter((i) => i.paidAt).reduce((s, i) => s + i.amount - i.refundedAmount, 0);
  const outstanding = items.filter((i) => !i.paidAt).reduce((s, i) => s + i.amount, 0);
  return {
    dealId: input.dealId,
    status: input.status,
    testMode: input.testMode,
    royaltyRate: input.royaltyRate,
    items,
    totals: { ...fees, paid, outstanding },
    reports: input.reports.map(presentRoyaltyReport),
    can: input.can,
  };
}
