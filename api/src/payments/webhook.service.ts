// What a verified Stripe event does to payment items: payment_intent.succeeded (paid, when the
// amount and currency are the item's; otherwise held for review, never paid),
// payment_intent.payment_failed (failed with Stripe's reason; the buyer may try again) and
// charge.refunded (refunded or partially refunded). Each event is applied to its item once (the item
// lists the events applied) and in any order: a failure arriving after the success undoes nothing,
// a refund arriving before the success is kept and applied with it.

import type Stripe from 'stripe';
import type { Logger } from '../logger';
import { itemByIntent, itemById, updateItem, type ItemUpdate } from './payment-items';
import { RECEIVED, type PaymentItemLean, type PaymentStatus } from './payment-item.model';
import { paymentEvent, type Settlement } from './settlement';

const refundedStatus = (item: Pick<PaymentItemLean, 'amount'>, refunded: number): PaymentStatus =>
  refunded <= 0 ? 'paid' : refunded >= item.amount ? 'refunded' : 'partially_refunded';

const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : (x?.id ?? null));

export class WebhookProcessor {
  constructor(
    private readonly deps: {
      stripe: Stripe | null;
      /** Re-read objects from Stripe rather than trusting the payload (the real API; stripe-mock answers canned objects). */
      liveReads: boolean;
      settlement: Settlement;
      logger: Logger;
    },
  ) {}

  /** Applies one verified event (unknown types are acknowledged and ignored). */
  async process(event: Stripe.Event): Promise<void> {
    switch (event.type) {
      case 'payment_intent.succeeded':
        return this.succeeded(event.id, await this.intent(event.data.object));
      case 'payment_intent.payment_failed':
        return this.failed(event.id, await this.intent(event.data.object));
      case 'charge.refunded':
        return this.refunded(event.id, await this.charge(event.data.object));
      default:
        return;
    }
  }

  private async intent(pi: Stripe.PaymentIntent): Promise<Stripe.PaymentIntent> {
    return this.deps.liveReads && this.deps.stripe ? this.deps.stripe.paymentIntents.retrieve(pi.id) : pi;
  }

  private async charge(ch: Stripe.Charge): Promise<Stripe.Charge> {
    return this.deps.liveReads && this.deps.stripe ? this.deps.stripe.charges.retrieve(ch.id, { expand: ['refunds'] }) : ch;
  }

  /** The item an intent pays: by its id, or (a Checkout Session's intent, unknown until paid) by its metadata. */
  private async itemFor(pi: Pick<Stripe.PaymentIntent, 'id' | 'metadata'>): Promise<PaymentItemLean | null> {
    if (typeof pi?.id !== 'string') return null;
    const byIntent = await itemByIntent(pi.id);
    if (byIntent) return byIntent;
    const m = pi.metadata ?? {};
    const item = m.itemId ? await itemById(m.itemId) : null;
    return item && String(item.deal) === m.dealId && item.key === m.key ? item : null;
  }

  private async succeeded(eventId: string, pi: Stripe.PaymentIntent): Promise<void> {
    const item = await this.itemFor(pi);
    if (!item) return void this.deps.logger.warn({ eventId, intent: pi.id }, 'payment for no known item ignored');
    if (pi.amount !== item.amount || pi.currency !== item.currency) {
      const reason = `Stripe reported ${pi.amount} ${pi.currency}, the item is ${item.amount} ${item.currency}`;
      this.deps.logger.error({ eventId, itemId: String(item._id), intent: pi.id, amount: pi.amount, currency: pi.currency }, 'payment does not match its item: held for review');
      const { item: held } = await updateItem(item._id, (i) =>
        i.appliedEvents.includes(eventId) ? null : { $set: { review: { reason, eventId, at: new Date() } }, $addToSet: { appliedEvents: eventId } },
      );
      return this.deps.settlement.announce(held, eventId, paymentEvent('payment.review', held, { reason }));
    }
    let paidNow = false;
    const { item: paid } = await updateItem(item._id, (i): ItemUpdate => {
      if (i.appliedEvents.includes(eventId)) return ((paidNow = true), null);
      if ((RECEIVED as string[]).includes(i.status)) {
        // Paid already: nothing undone, nothing twice. Paid by another intent is money received twice.
        if (i.intentId !== pi.id) this.deps.logger.error({ eventId, itemId: String(i._id), intent: pi.id, paidBy: i.intentId }, 'an item already paid was paid again by another PaymentIntent: refund it');
        return ((paidNow = false), null);
      }
      paidNow = true;
      return {
        $set: { status: refundedStatus(i, i.refundedAmount), paidAt: new Date(), method: pi.payment_method_types?.[0] ?? null, failureReason: '', intentId: pi.id },
        $addToSet: { intentIds: pi.id, appliedEvents: eventId },
      };
    });
    if (paidNow) await this.deps.settlement.announce(paid, eventId, paymentEvent('payment.succeeded', paid));
  }

  private async failed(eventId: string, pi: Stripe.PaymentIntent): Promise<void> {
    const item = await this.itemFor(pi);
    if (!item) return void this.deps.logger.warn({ eventId, intent: pi.id }, 'failed payment for no known item ignored');
    const reason = pi.last_payment_error?.message ?? 'The payment was declined';
    let failedNow = false;
    const { item: failed } = await updateItem(item._id, (i): ItemUpdate => {
      if (i.appliedEvents.includes(eventId)) return ((failedNow = i.status === 'failed'), null);
      failedNow = false;
      // A failure never undoes a payment (events may arrive out of order), nor fails a newer attempt.
      if ((RECEIVED as string[]).includes(i.status) || (i.intentId && i.intentId !== pi.id)) return { $addToSet: { appliedEvents: eventId } };
      failedNow = true;
      return { $set: { status: 'failed', failureReason: reason }, $addToSet: { appliedEvents: eventId } };
    });
    if (failedNow) await this.deps.settlement.announce(failed, eventId, paymentEvent('payment.failed', failed, { reason }));
  }

  private async refunded(eventId: string, charge: Stripe.Charge): Promise<void> {
    const intentId = idOf(charge?.payment_intent);
    const item = intentId ? await itemByIntent(intentId) : null;
    if (!item) return void this.deps.logger.warn({ eventId, charge: charge.id }, 'refund for no known item ignored');
    let delta = 0;
    const { item: refunded } = await updateItem(item._id, (i): ItemUpdate => {
      if (i.appliedEvents.includes(eventId)) return null;
      const total = Math.min(i.amount, Math.max(i.refundedAmount, Number.isSafeInteger(charge.amount_refunded) ? charge.amount_refunded : 0));
      delta = total - i.refundedAmount;
      const known = new Set(i.refunds.map((r) => r.id));
      const fresh = (charge.refunds?.data ?? []).filter((r) => !known.has(r.id)).map((r) => ({ id: r.id, amount: r.amount, reason: r.reason ?? '', by: null, at: new Date(r.created * 1000) }));
      return {
        $set: { refundedAmount: total, ...((RECEIVED as string[]).includes(i.status) ? { status: refundedStatus(i, total) } : {}) },
        ...(fresh.length ? { $push: { refunds: { $each: fresh } } } : {}),
        $addToSet: { appliedEvents: eventId },
      };
    });
    if (refunded.appliedEvents.includes(eventId) && refunded.refundedAmount > 0)
      await this.deps.settlement.announce(refunded, eventId, paymentEvent('payment.refunded', refunded, { amount: delta || refunded.refundedAmount }));
  }
}
