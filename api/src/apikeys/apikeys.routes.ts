import { Router } from 'express';
import { validate } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import { ApiKeyInput, apiKeyParams } from './apikeys.schemas';
import { createApiKey, listApiKeys, revokeApiKey } from './apikeys.service';

/** An organisation's API keys, managed by its admins in the web app (session + CSRF; keys cannot manage keys). */
export function apiKeyRoutes(): Router {
  const r = Router();
  r.post('/orgs/:id/api-keys', requireUser, validate({ params: idParams, body: ApiKeyInput }), async (req, res) => {
    res.status(201).json(await createApiKey(currentUser(req), String(req.params.id), req.body));
  });
  r.get('/orgs/:id/api-keys', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await listApiKeys(currentUser(req), String(req.params.id)));
  });
  r.post('/orgs/:id/api-keys/:keyId/revoke', requireUser, validate({ params: apiKeyParams }), async (req, res) => {
    res.json(await revokeApiKey(currentUser(req), String(req.params.id), String(req.params.keyId)));
  });
  return r;
}
