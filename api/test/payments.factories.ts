// Factories for payment tests: a deal carried to `contracted` the way the platform does it (offer,
// both acceptances, the system transition both signatures make), then its items issued.
import Stripe from 'stripe';
import supertest from 'supertest';
import { User } from '../src/auth/user.model';
import { STRIPE_MOCK_WEBHOOK_SECRET } from '../src/payments/stripe';
import { PaymentItem, type PaymentItemLean } from '../src/payments/payment-item.model';
import { startStripeMock } from '../../scripts/services.mjs';
import { startTestServer, type TestServer } from './server';
import { signUp, type SignedIn } from './factories';
import { equityTerms, licenseTerms, openDealFor, transferTerms, type Parties } from './deals.factories';

type Mode = 'license' | 'transfer' | 'equity';
const TERMS = { license: licenseTerms, transfer: transferTerms, equity: equityTerms };

/** A deal of `mode` agreed on `terms` and moved to contracted by the platform (as both signatures do). */
export async function contractedDeal(srv: TestServer, mode: Mode = 'license', over: Record<string, unknown> = {}): Promise<Parties & { dealId: string }> {
  const d = await openDealFor(srv.url, mode);
  await d.supplier.client.room('offer:create', { dealId: d.dealId, replacesVersion: 0, terms: TERMS[mode](over) }).expect(201);
  await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(200);
  await d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(200);
  await srv.services.deals.changes.changeBySystem(d.dealId, () => ({
    set: { status: 'contracted' },
    guard: { status: 'agreed' },
    events: [{ kind: 'system', action: 'deal.transitioned', from: 'agreed', to: 'contracted', data: { action: 'deal.transitioned', from: 'agreed', to: 'contracted' } }],
  }));
  return d;
}

/** A contracted deal whose items are issued (status paying). */
export async function payingDeal(srv: TestServer, mode: Mode = 'license', over: Record<string, unknown> = {}) {
  const d = await contractedDeal(srv, mode, over);
  await srv.services.payments.onContracted(d.dealId);
  return d;
}

/** The deal's items by key. */
export async function itemsByKey(dealId: string): Promise<Record<string, PaymentItemLean>> {
  const items = await PaymentItem.find({ deal: dealId }).lean<PaymentItemLean[]>();
  return Object.fromEntries(items.map((i) => [i.key, i]));
}

/** Another user in `orgId` with only the member role. */
export async function memberOf(url: string, orgId: string): Promise<SignedIn> {
  const u = await signUp(url, { kind: 'enterprise' });
  await User.updateOne({ _id: u.user.id }, { $set: { org: orgId, roles: ['member'] } });
  return { ...u, user: { ...u.user, orgId, roles: ['member'] } };
}

const stripe = new Stripe('sk_test_123');

/** POSTs an event to the webhook route, signed with the local secret (or `secret`). */
export function deliverEvent(url: string, event: object, secret = STRIPE_MOCK_WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return supertest(url).post('/api/payments/webhook').set('content-type', 'application/json').set('stripe-signature', header).send(payload);
}

let n = 0;
/** A payment_intent.* event for an item (its real amount and metadata unless overridden). */
export function intentEvent(type: 'payment_intent.succeeded' | 'payment_intent.payment_failed', item: PaymentItemLean, over: Record<string, unknown> = {}) {
  return {
    id: `evt_t_${Date.now().toString(36)}_${++n}`,
    object: 'event',
    type,
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: item.intentId ?? `pi_t_${n}`,
        object: 'payment_intent',
        amount: item.amount,
        currency: 'cny',
        metadata: { dealId: String(item.deal), itemId: String(item._id), key: item.key },
        payment_method_types: ['card'],
        last_payment_error: type === 'payment_intent.payment_failed' ? { message: 'Your card was declined.' } : null,
        ...over,
      },
    },
  };
}

/** A charge.refunded event for an item's current intent. */
export function refundEvent(item: PaymentItemLean, amountRefunded: number) {
  return {
    id: `evt_r_${Date.now().toString(36)}_${++n}`,
    object: 'event',
    type: 'charge.refunded',
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: `ch_t_${n}`, object: 'charge', amount: item.amount, amount_refunded: amountRefunded, currency: 'cny', payment_intent: item.intentId, refunds: { data: [{ id: `re_t_${n}`, amount: amountRefunded, created: Math.floor(Date.now() / 1000), reason: null }] } } },
  };
}

/**
 * Registers, in the calling `describe`, a stripe-mock and a realtime test server pointed at it;
 * `use` receives the server (and the mock) once started; `env` adds to the server's environment. Both stop after the block.
 */
export function withStripeMockServer(use: (srv: TestServer, mock: Awaited<ReturnType<typeof startStripeMock>>) => void, env: Record<string, string> = {}): void {
  let mock: Awaited<ReturnType<typeof startStripeMock>> | undefined;
  let srv: TestServer | undefined;
  before(async function () {
    this.timeout(300_000);
    mock = await startStripeMock();
    srv = await startTestServer({ STRIPE_API_BASE: mock.url, ...env }, {}, { realtime: true });
    use(srv, mock);
  });
  after(async () => {
    await srv?.close();
    await mock?.stop();
  });
}
