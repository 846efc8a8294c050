// Starting a payment: the buyer asks to pay an item; the item moves to `processing` under a new
// attempt (pending or failed items) and Stripe gets a PaymentIntent in CNY for card, Alipay and
// WeChat Pay — created with an idempotency key per item and attempt, so a retried request never
// makes a second intent for the same attempt. Against stripe-mock (test mode) the answer carries
// the intent's client secret for the test checkout page; with a real key, a hosted Checkout
// Session the browser is sent to.

import type Stripe from 'stripe';
import { AppError, conflict } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { DealChanges } from '../deals/deal-changes';
import type { DealLean } from '../deals/deal.model';
import { assertPayer } from './payments.policy';
import { itemOf, updateItem } from './payment-items';
import type { PaymentItemLean } from './payment-item.model';
import { PAYMENT_METHODS } from './payments.schemas';
import { viaStripe } from './stripe';
import { presentItem } from './payments.presenter';

export interface CheckoutDeps {
  stripe: Stripe | null;
  /** True against stripe-mock (no real STRIPE_SECRET_KEY): the test checkout page pays. */
  testMode: boolean;
  /** Where Stripe's hosted Checkout sends the buyer back to. */
  appUrl: string;
  changes: DealChanges;
}

/**
 * The methods Chinese buyers use, as `payment_method_types` (the API's parameter; this SDK's types
 * name only its successor, so it is added here).
 */
const withMethods = <P extends object>(params: P): P => ({ ...params, payment_method_types: [...PAYMENT_METHODS] });

const label = (i: PaymentItemLean) => i.label?.zh || i.label?.en || i.key;

const unavailable = () => new AppError(503, 'payments_unavailable', 'Payments are not configured on this server');

/** The deal and item a payer may pay now (checked in that order: who, the deal's state, the item's). */
export async function payable(changes: DealChanges, user: SessionUser, dealId: string, itemId: string): Promise<{ deal: DealLean; item: PaymentItemLean }> {
  const deal = await changes.load(dealId);
  assertPayer(user, deal);
  const item = await itemOf(dealId, itemId);
  const open = deal.status === 'paying' || (item.kind === 'royalty' && deal.status === 'completed');
  if (!open) throw conflict('deal_not_paying', `The deal is ${deal.status}: nothing can be paid now`, { status: deal.status });
  if (item.review) throw conflict('payment_under_review', 'This payment is held for review', { status: item.status });
  if (!['pending', 'processing', 'failed'].includes(item.status)) throw conflict('already_paid', 'This item is already paid', { status: item.status });
  return { deal, item };
}

export class PaymentCheckout {
  constructor(private readonly deps: CheckoutDeps) {}

  /** Starts (or resumes) paying an item; see the module comment. */
  async start(user: SessionUser, dealId: string, itemId: string) {
    const { stripe, testMode } = this.deps;
    const { item: found } = await payable(this.deps.changes, user, dealId, itemId);
    if (!stripe) throw unavailable();
    // A new attempt from pending or failed; an attempt in progress is resumed with its own key.
    const { item } = await updateItem(found._id, (i) =>
      i.status === 'processing' ? null : { $set: { status: 'processing', attempt: i.attempt + 1, intentId: null, checkoutSessionId: null, failureReason: '' } },
    );
    const idempotencyKey = `techbridge:item:${String(item._id)}:attempt:${item.attempt}`;
    const metadata = { dealId, itemId: String(item._id), key: item.key };
    const base = { testMode, itemId: String(item._id), key: item.key, amount: item.amount, currency: item.currency, fees: presentItem(item).fees };
    if (!testMode) return { ...base, ...(await this.checkoutSession(stripe, item, metadata, idempotencyKey)) };
    const intent = item.intentId
      ? await viaStripe(() => stripe.paymentIntents.retrieve(item.intentId!))
      : await viaStripe(() => stripe.paymentIntents.create(
          withMethods<Stripe.PaymentIntentCreateParams>({ amount: item.amount, currency: item.currency, metadata, description: label(item) }),
          { idempotencyKey },
        ));
    if (!item.intentId) await updateItem(item._id, (i) => (i.attempt !== item.attempt || i.intentId ? null : { $set: { intentId: intent.id }, $addToSet: { intentIds: intent.id } }));
    return { ...base, intentId: intent.id, clientSecret: intent.client_secret, checkoutUrl: null };
  }

  /** Stripe's hosted Checkout for the item (a real key): its PaymentIntent carries the item's metadata. */
  private async checkoutSession(stripe: Stripe, item: PaymentItemLean, metadata: Record<string, string>, idempotencyKey: string) {
    const back = `${this.deps.appUrl}/deals/${metadata.dealId}`;
    const session = await viaStripe(() => stripe.checkout.sessions.create(
      withMethods<Stripe.Checkout.SessionCreateParams>({
        mode: 'payment',
        client_reference_id: metadata.itemId,
        line_items: [{ quantity: 1, price_data: { currency: item.currency, unit_amount: item.amount, product_data: { name: label(item) } } }],
        payment_method_options: { wechat_pay: { client: 'web' } },
        payment_intent_data: { metadata },
        metadata,
        success_url: `${back}?paid=${encodeURIComponent(item.key)}`,
        cancel_url: back,
      }),
      { idempotencyKey: `${idempotencyKey}:checkout` },
    ));
    await updateItem(item._id, (i) => (i.attempt !== item.attempt ? null : { $set: { checkoutSessionId: session.id } }));
    return { intentId: typeof session.payment_intent === 'string' ? session.payment_intent : null, clientSecret: null, checkoutUrl: session.url };
  }
}
