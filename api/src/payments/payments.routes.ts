import { Router } from 'express';
import Stripe from 'stripe';
import type { Logger } from '../logger';
import { badRequest, notFound } from '../errors';
import { validate } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import { STRIPE_MOCK_KEY, verifyWebhook } from './stripe';
import { WebhookEvent } from './webhook-event.model';
import type { PaymentServices } from './payments.module';
import { PaymentItemParams, RefundInput, RoyaltyReportInput, TestCheckoutInput } from './payments.schemas';

export { webhookSecret } from './webhook-secret';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * POST /api/payments/webhook: the raw body (see app.ts) is verified against the `Stripe-Signature`
 * header with the SDK (400 when it fails), the event is recorded once by its id (a unique insert),
 * processed (webhook.service.ts), and only then marked processed — a delivery of an event recorded
 * but not processed (a crash in between) processes it; one already processed answers 200 at once.
 * Then the deal's payment routes: read, pay, the test-mode checkout, refund, royalty reports.
 */
export function paymentRoutes(deps: { payments: PaymentServices; logger: Logger }): Router {
  const r = Router();
  const { payments } = deps;
  const secret = payments.webhookSecret;
  const verifier = payments.stripe ?? new Stripe(STRIPE_MOCK_KEY, { telemetry: false });

  // production without a signing secret: no webhook (config.ts refuses it with a Stripe key)
  if (secret)
    r.post('/payments/webhook', async (req, res) => {
      const signature = req.get('stripe-signature');
      if (!signature) throw badRequest('missing_signature', 'The Stripe-Signature header is required', 'stripe-signature');
      if (!Buffer.isBuffer(req.body)) throw badRequest('invalid_body', 'The webhook body must be the raw JSON Stripe sent (application/json)');
      let event: Stripe.Event;
      try {
        event = verifyWebhook(verifier, req.body, signature, secret);
      } catch {
        throw badRequest('invalid_signature', 'The webhook signature does not match', 'stripe-signature');
      }
      try {
        await WebhookEvent.create({ _id: event.id, type: event.type, livemode: !!event.livemode });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        const seen = await WebhookEvent.findById(event.id).lean();
        if (seen?.processedAt) return void res.json({ received: true, duplicate: true });
      }
      await payments.webhooks.process(event);
      await WebhookEvent.updateOne({ _id: event.id }, { $set: { processedAt: new Date() } });
      deps.logger.info({ eventId: event.id, type: event.type }, 'stripe webhook event processed');
      res.json({ received: true });
    });

  r.get('/deals/:id/payments', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await payments.reads.list(currentUser(req), String(req.params.id)));
  });

  r.post('/deals/:id/payments/:itemId/intent', requireUser, validate({ params: PaymentItemParams }), async (req, res) => {
    res.status(201).json(await payments.checkout.start(currentUser(req), String(req.params.id), String(req.params.itemId)));
  });

  // Test mode only (stripe-mock): 404 with a real Stripe key.
  r.post('/deals/:id/payments/:itemId/test-checkout', requireUser, (_req, _res, next) => next(payments.testCheckout.enabled ? undefined : notFound('Route')));
  r.post('/deals/:id/payments/:itemId/test-checkout', validate({ params: PaymentItemParams, body: TestCheckoutInput }), async (req, res) => {
    res.json(await payments.testCheckout.pay(currentUser(req), String(req.params.id), String(req.params.itemId), req.body));
  });

  r.post('/deals/:id/payments/:itemId/refund', requireUser, validate({ params: PaymentItemParams, body: RefundInput }), async (req, res) => {
    res.json(await payments.refunds.refund(currentUser(req), String(req.params.id), String(req.params.itemId), req.body));
  });

  r.post('/deals/:id/royalty-reports', requireUser, validate({ params: idParams, body: RoyaltyReportInput }), async (req, res) => {
    res.status(201).json(await payments.royalties.report(currentUser(req), String(req.params.id), req.body));
  });

  return r;
}
