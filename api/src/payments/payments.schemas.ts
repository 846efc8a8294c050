import { z } from 'zod';
import { objectId, text } from '../common/schemas';

// Inputs of the payments domain, shared with web/ (through api/src/schemas.ts).

const fen = z
  .number({ error: 'must be an amount in fen' })
  .int('must be a whole number of fen')
  .min(0, 'must not be negative')
  .max(10_000_000_000_000, 'is too large');

export const PaymentItemParams = z.strictObject({ id: objectId, itemId: objectId });

/** The methods offered to Chinese buyers (Stripe's names). */
export const PAYMENT_METHODS = ['card', 'alipay', 'wechat_pay'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The test-mode checkout's answer: which method the buyer chose and whether the payment goes through. */
export const TestCheckoutInput = z.strictObject({
  method: z.enum(PAYMENT_METHODS, { error: 'must be card, alipay or wechat_pay' }),
  outcome: z.enum(['succeed', 'fail'], { error: 'must be succeed or fail' }),
});
export type TestCheckoutInput = z.infer<typeof TestCheckoutInput>;

/** A refund of a paid item: the whole remainder unless `amount` (fen) says less. */
export const RefundInput = z.strictObject({
  amount: fen.min(1, 'must be at least 1 fen').optional(),
  reason: text(500).optional(),
});
export type RefundInput = z.infer<typeof RefundInput>;

/** A royalty period: a calendar quarter, `2027-Q1`. */
export const royaltyPeriod = z.string({ error: 'is required' }).regex(/^(20\d\d)-Q[1-4]$/, 'must be a quarter like 2027-Q1');

/** A licensee's royalty report: the period's sales in fen and an optional note. */
export const RoyaltyReportInput = z.strictObject({
  period: royaltyPeriod,
  sales: fen,
  note: text(1000).optional(),
});
export type RoyaltyReportInput = z.infer<typeof RoyaltyReportInput>;
