import { Router } from 'express';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { idParams } from '../common/schemas';
import { AlertInput } from './alerts.schemas';
import type { AlertsService } from './alerts.service';

/** A user's own alerts (saved searches, followed fields/regions) and what they found. */
export function alertRoutes(alerts: AlertsService): Router {
  const r = Router();
  r.get('/alerts', requireUser, async (req, res) => {
    res.json(await alerts.list(currentUser(req)));
  });
  r.get('/alerts/hits', requireUser, async (req, res) => {
    res.json(await alerts.hits(currentUser(req)));
  });
  r.post('/alerts', requireUser, validate({ body: AlertInput }), async (req, res) => {
    res.status(201).json(await alerts.create(currentUser(req), valid(req, 'body')));
  });
  r.delete('/alerts/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    await alerts.remove(currentUser(req), valid<{ id: string }>(req, 'params').id);
    res.status(204).end();
  });
  return r;
}
