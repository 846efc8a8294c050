import { Router } from 'express';
import Stripe from 'stripe';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { badRequest } from '../errors';
import { STRIPE_MOCK_KEY, STRIPE_MOCK_WEBHOOK_SECRET, verifyWebhook } from './stripe';
import { WebhookEvent } from './webhook-event.model';

/** The webhook's signing secret: the configured one; the local test secret only in development and test. */
export function webhookSecret(config: Pick<Config, 'NODE_ENV' | 'STRIPE_WEBHOOK_SECRET'>): string | null {
  if (config.STRIPE_WEBHOOK_SECRET) return config.STRIPE_WEBHOOK_SECRET;
  return config.NODE_ENV === 'production' ? null : STRIPE_MOCK_WEBHOOK_SECRET;
}

/**
 * POST /api/payments/webhook: the raw body (see app.ts) is verified against the `Stripe-Signature`
 * header with the SDK (400 when it fails), then the event is recorded once by its id (a unique
 * insert; a repeat answers 200 without processing again). Handling event types belongs to the
 * payments domain; until it exists, events are recorded and acknowledged.
 */
export function paymentRoutes(deps: { config: Config; logger: Logger }): Router {
  const r = Router();
  const secret = webhookSecret(deps.config);
  if (!secret) return r; // production without a signing secret: no webhook (config.ts refuses it with a Stripe key)
  const stripe = new Stripe(deps.config.STRIPE_SECRET_KEY ?? STRIPE_MOCK_KEY, { telemetry: false });

  r.post('/payments/webhook', async (req, res) => {
    const signature = req.get('stripe-signature');
    if (!signature) throw badRequest('missing_signature', 'The Stripe-Signature header is required', 'stripe-signature');
    if (!Buffer.isBuffer(req.body)) throw badRequest('invalid_body', 'The webhook body must be the raw JSON Stripe sent (application/json)');
    let event: Stripe.Event;
    try {
      event = verifyWebhook(stripe, req.body, signature, secret);
    } catch {
      throw badRequest('invalid_signature', 'The webhook signature does not match', 'stripe-signature');
    }
    try {
      await WebhookEvent.create({ _id: event.id, type: event.type, livemode: !!event.livemode });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      return void res.json({ received: true, duplicate: true });
    }
    deps.logger.info({ eventId: event.id, type: event.type }, 'stripe webhook event recorded');
    res.json({ received: true });
  });
  return r;
}
