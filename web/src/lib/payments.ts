// How payments read in the browser: amounts to the fen in 元, basis points as percentages, and which
// items the buyer may pay now (the server decides; this only hides buttons that would be refused).
import type { DealPayments, PaymentItem } from '../api/types';
import type { Lang } from './format';

/** Fen as 元 to the fen: "¥24,000.00" / "CN¥24,000.00". */
export function yuanText(fen: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);
}

/** Basis points as a percentage: 100 → "1%", 350 → "3.5%". */
export const bpsText = (bps: number) => `${Number((bps / 100).toFixed(2))}%`;

/** Whether the buyer may start paying `item` now. */
export function canPayNow(p: Pick<DealPayments, 'status' | 'can'>, item: PaymentItem): boolean {
  if (!p.can.pay || item.review) return false;
  if (!['pending', 'processing', 'failed'].includes(item.status)) return false;
  return p.status === 'paying' || (item.kind === 'royalty' && p.status === 'completed');
}

/** Whether the supplier's admin may refund something of `item`. */
export const canRefund = (p: Pick<DealPayments, 'can'>, item: PaymentItem) =>
  p.can.refund && ['paid', 'partially_refunded'].includes(item.status) && item.refundedAmount < item.amount;

export const STATUS_COLORS: Record<PaymentItem['status'], string> = {
  pending: 'default',
  processing: 'processing',
  paid: 'green',
  failed: 'red',
  partially_refunded: 'orange',
  refunded: 'purple',
};
