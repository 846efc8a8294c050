// The test-mode checkout (no real Stripe key): the buyer picks card, Alipay or WeChat Pay and
// "pays" or "fails"; the PaymentIntent is confirmed against stripe-mock and the event real Stripe
// would send is delivered through the real webhook route (simulated-delivery.ts), so the same
// server path runs as in production. Refunds in test mode send their charge.refunded the same way.

import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { DealChanges } from '../deals/deal-changes';
import { itemById } from './payment-items';
import type { PaymentItemLean } from './payment-item.model';
import type { PaymentCheckout } from './checkout.service';
import type { TestCheckoutInput } from './payments.schemas';
import { payable } from './checkout.service';
import { presentItem } from './payments.presenter';
import type { SimulatedDelivery } from './simulated-delivery';
import { viaStripe } from './stripe';

const METHOD_DATA: Record<TestCheckoutInput['method'], Stripe.PaymentIntentConfirmParams> = {
  card: { payment_method: 'pm_card_visa' },
  alipay: { payment_method_data: { type: 'alipay' }, return_url: 'https://techbridge.test/return' },
  wechat_pay: { payment_method_data: { type: 'wechat_pay' }, payment_method_options: { wechat_pay: { client: 'web' } } },
};

export class TestCheckout {
  constructor(
    private readonly deps: { stripe: Stripe | null; testMode: boolean; changes: DealChanges; checkout: PaymentCheckout; delivery: SimulatedDelivery | null },
  ) {}

  /** Whether test mode is on (the routes answer 404 otherwise). */
  get enabled(): boolean {
    return this.deps.testMode && !!this.deps.stripe && !!this.deps.delivery;
  }

  /** Confirms the item's PaymentIntent on stripe-mock and delivers the outcome's signed event. */
  async pay(user: SessionUser, dealId: string, itemId: string, input: TestCheckoutInput) {
    const { stripe, delivery } = this.deps;
    if (!this.enabled || !stripe || !delivery) throw notFound('Route');
    await payable(this.deps.changes, user, dealId, itemId);
    const started = await this.deps.checkout.start(user, dealId, itemId);
    const intentId = started.intentId!;
    await viaStripe(() => stripe.paymentIntents.confirm(intentId, METHOD_DATA[input.method]));
    const item = (await itemById(itemId))!;
    const object = this.intentObject(item, intentId, input);
    const sent = await delivery.send(input.outcome === 'succeed' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', object);
    return { ...sent, item: presentItem((await itemById(itemId))!) };
  }

  /** A refund's charge.refunded, as Stripe would send it after `stripe.refunds.create`. */
  async refunded(item: PaymentItemLean, refund: Pick<Stripe.Refund, 'id' | 'amount' | 'created'>, refundedTotal: number) {
    if (!this.deps.delivery) return null;
    return this.deps.delivery.send('charge.refunded', {
      id: `ch_test_${randomBytes(8).toString('hex')}`,
      object: 'charge',
      amount: item.amount,
      amount_refunded: refundedTotal,
      currency: item.currency,
      payment_intent: item.intentId,
      refunded: refundedTotal >= item.amount,
      metadata: { dealId: String(item.deal), itemId: String(item._id), key: item.key },
      refunds: { object: 'list', data: [{ id: refund.id, object: 'refund', amount: refund.amount, created: refund.created, reason: null, status: 'succeeded' }] },
    });
  }

  private intentObject(item: PaymentItemLean, intentId: string, input: TestCheckoutInput): Record<string, unknown> {
    const ok = input.outcome === 'succeed';
    return {
      id: intentId,
      object: 'payment_intent',
      amount: item.amount,
      amount_received: ok ? item.amount : 0,
      currency: item.currency,
      metadata: { dealId: String(item.deal), itemId: String(item._id), key: item.key },
      payment_method_types: [input.method],
      status: ok ? 'succeeded' : 'requires_payment_method',
      livemode: false,
      latest_charge: ok ? `ch_test_${randomBytes(8).toString('hex')}` : null,
      last_payment_error: ok ? null : { code: 'card_declined', message: input.method === 'card' ? 'Your card was declined.' : 'The payment was not authorised.', type: 'card_error' },
    };
  }
}
