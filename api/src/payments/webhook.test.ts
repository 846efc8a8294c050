import assert from 'node:assert/strict';
import Stripe from 'stripe';
import supertest from 'supertest';
import { startTestServer, type TestServer } from '../../test/server';
import { loadConfig } from '../config';
import { STRIPE_MOCK_WEBHOOK_SECRET } from './stripe';
import { webhookSecret } from './payments.routes';
import { WebhookEvent } from './webhook-event.model';

/** Issue 14, item 6: the Stripe webhook route exists, verifies, and processes each event once. */
describe('POST /api/payments/webhook', () => {
  let srv: TestServer;
  const stripe = new Stripe('sk_test_123');
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  const event = (id: string) => JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', livemode: false, data: { object: { id: 'pi_1', object: 'payment_intent' } } });
  const post = (payload: string, signature?: string) => {
    const req = supertest(srv.url).post('/api/payments/webhook').set('content-type', 'application/json');
    return (signature ? req.set('stripe-signature', signature) : req).send(payload);
  };

  it('accepts an event signed with the secret, once per event id (no CSRF token, no session)', async () => {
    const payload = event('evt_test_once');
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_MOCK_WEBHOOK_SECRET });
    const first = await post(payload, header).expect(200);
    assert.deepEqual(first.body, { received: true });
    const again = await post(payload, header).expect(200);
    assert.equal(again.body.duplicate, true);
    assert.equal(await WebhookEvent.countDocuments({ _id: 'evt_test_once' }), 1);
  });

  it('answers 400 for a bad, missing or foreign-secret signature and records nothing', async () => {
    const payload = event('evt_test_bad');
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_MOCK_WEBHOOK_SECRET });
    const tampered = await post(payload.replace('pi_1', 'pi_2'), header).expect(400);
    assert.equal(tampered.body.error.code, 'invalid_signature');
    const foreign = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });
    await post(payload, foreign).expect(400);
    const missing = await post(payload).expect(400);
    assert.equal(missing.body.error.code, 'missing_signature');
    await post('{not json', header).expect(400);
    assert.equal(await WebhookEvent.countDocuments(), 0);
  });

  it('has no signing-secret default outside development and test', () => {
    assert.equal(webhookSecret({ NODE_ENV: 'production' }), null);
    assert.equal(webhookSecret({ NODE_ENV: 'test' }), STRIPE_MOCK_WEBHOOK_SECRET);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), STRIPE_SECRET_KEY: 'sk_live_x' }),
      /STRIPE_WEBHOOK_SECRET/,
    );
  });
});
