import assert from 'node:assert/strict';
import { startStripeMock } from '../../../scripts/services.mjs';
import { createStripeClient, STRIPE_MOCK_WEBHOOK_SECRET, verifyWebhook } from './stripe';

describe('Stripe against stripe-mock', () => {
  let mock: Awaited<ReturnType<typeof startStripeMock>>;
  before(async function () {
    this.timeout(300_000);
    mock = await startStripeMock();
  });
  after(() => mock?.stop());

  it('runs stripe-mock and creates a CNY payment intent through the official SDK', async () => {
    const stripe = createStripeClient({ STRIPE_API_BASE: mock.url })!;
    const intent = await stripe.paymentIntents.create({ amount: 80_000_000, currency: 'cny' });
    assert.match(intent.id, /^pi_/);
    assert.equal(intent.object, 'payment_intent');
  });

  it('verifies a webhook signed by the SDK test helper and rejects a tampered body', () => {
    const stripe = createStripeClient({ STRIPE_API_BASE: mock.url })!;
    const payload = JSON.stringify({ id: 'evt_test_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_MOCK_WEBHOOK_SECRET });
    const event = verifyWebhook(stripe, payload, header, STRIPE_MOCK_WEBHOOK_SECRET);
    assert.equal(event.id, 'evt_test_1');
    assert.throws(() => verifyWebhook(stripe, payload.replace('pi_1', 'pi_2'), header, STRIPE_MOCK_WEBHOOK_SECRET), /signature/i);
  });

  it('is off without a key or a mock', () => {
    assert.equal(createStripeClient({}), null);
  });
});
