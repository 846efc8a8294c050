import { Router } from 'express';
import { z } from 'zod';
import { valid, validate } from '../http/validate';
import { email } from '../common/schemas';
import { listOutbox } from './mail.service';

const OutboxQuery = z.strictObject({ to: email.optional() });

/**
 * `GET /api/dev/outbox`: the stored emails, mounted only outside production. Open to anyone there,
 * signed in or not: it stands in for every user's mailbox, and the person finishing a sign-up has
 * no session yet (nor the platform-admin role), so a guard would only stop the demo.
 */
export function devMailRoutes(): Router {
  const r = Router();
  r.get('/dev/outbox', validate({ query: OutboxQuery }), async (req, res) => {
    res.json(await listOutbox(valid<z.infer<typeof OutboxQuery>>(req, 'query').to));
  });
  return r;
}
