import { Router } from 'express';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { idParams } from '../common/schemas';
import { WebhookDeliveryParams, WebhookDeliveryQuery, WebhookInput, WebhookPatch } from './webhooks.schemas';
import type { WebhooksService } from './webhooks.service';

/** An organisation admin's outgoing webhooks: subscribe, change, delete, the delivery log, redeliver. */
export function webhookRoutes(webhooks: WebhooksService): Router {
  const r = Router();
  r.get('/webhooks', requireUser, async (req, res) => {
    res.json(await webhooks.list(currentUser(req)));
  });
  r.post('/webhooks', requireUser, validate({ body: WebhookInput }), async (req, res) => {
    res.status(201).json(await webhooks.create(currentUser(req), valid(req, 'body')));
  });
  r.patch('/webhooks/:id', requireUser, validate({ params: idParams, body: WebhookPatch }), async (req, res) => {
    res.json(await webhooks.update(currentUser(req), valid<{ id: string }>(req, 'params').id, valid(req, 'body')));
  });
  r.delete('/webhooks/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    await webhooks.remove(currentUser(req), valid<{ id: string }>(req, 'params').id);
    res.status(204).end();
  });
  r.get('/webhooks/:id/deliveries', requireUser, validate({ params: idParams, query: WebhookDeliveryQuery }), async (req, res) => {
    res.json(await webhooks.deliveries(currentUser(req), valid<{ id: string }>(req, 'params').id, valid(req, 'query')));
  });
  r.post('/webhooks/:id/deliveries/:deliveryId/redeliver', requireUser, validate({ params: WebhookDeliveryParams }), async (req, res) => {
    const { id, deliveryId } = valid<{ id: string; deliveryId: string }>(req, 'params');
    res.json(await webhooks.redeliver(currentUser(req), id, deliveryId));
  });
  return r;
}
