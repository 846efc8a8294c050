// Refunds: the supplier's org-admin (or a platform admin) refunds a received payment, wholly or in
// part, through Stripe (an idempotency key per item and refund number). The item's status follows
// Stripe's charge.refunded event (webhook.service.ts) — in test mode delivered like the payments'.

import type Stripe from 'stripe';
import { AppError, badRequest, conflict } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { DealChanges } from '../deals/deal-changes';
import { assertCanRefund } from './payments.policy';
import { itemById, itemOf, updateItem } from './payment-items';
import { RECEIVED, type PaymentItemLean } from './payment-item.model';
import type { RefundInput } from './payments.schemas';
import { presentItem } from './payments.presenter';
import type { TestCheckout } from './test-checkout.service';
import { viaStripe } from './stripe';

/** What has been refunded: Stripe's last word or the refunds asked for (each listed once by id), whichever is more. */
const refundedTotal = (i: PaymentItemLean) => Math.min(i.amount, Math.max(i.refundedAmount, i.refunds.reduce((s, r) => s + r.amount, 0)));

export class PaymentRefunds {
  constructor(private readonly deps: { stripe: Stripe | null; testMode: boolean; changes: DealChanges; testCheckout: TestCheckout }) {}

  /** Refunds `input.amount` fen (default: what is left) of a received item. */
  async refund(user: SessionUser, dealId: string, itemId: string, input: RefundInput) {
    const { stripe } = this.deps;
    const deal = await this.deps.changes.load(dealId);
    assertCanRefund(user, deal);
    const item = await itemOf(dealId, itemId);
    if (!(RECEIVED as string[]).includes(item.status) || !item.intentId) throw conflict('not_paid', 'Only a received payment can be refunded', { status: item.status });
    const left = item.amount - refundedTotal(item);
    if (left <= 0) throw conflict('already_refunded', 'This payment is already refunded in full', { status: item.status });
    const amount = input.amount ?? left;
    if (amount > left) throw badRequest('validation_failed', `amount: at most ${left} fen can still be refunded`, 'amount');
    if (!stripe) throw new AppError(503, 'payments_unavailable', 'Payments are not configured on this server');
    const refund = await viaStripe(() => stripe.refunds.create(
      { payment_intent: item.intentId!, amount, metadata: { dealId, itemId, key: item.key } },
      { idempotencyKey: `techbridge:refund:${itemId}:${item.refunds.length + 1}:${amount}` },
    ));
    const { item: recorded } = await updateItem(item._id, (i) =>
      i.refunds.some((r) => r.id === refund.id) ? null : { $push: { refunds: { id: refund.id, amount, reason: input.reason ?? '', by: user.id, at: new Date() } } },
    );
    if (this.deps.testMode) await this.deps.testCheckout.refunded(recorded, refund, refundedTotal(recorded));
    return presentItem((await itemById(itemId))!);
  }
}
