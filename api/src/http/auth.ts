import type { Request, RequestHandler } from 'express';
import { forbidden, unauthorized } from '../errors';
import type { SessionUser } from '../auth/auth.types';

// A request with an API key has a user only on the routes that let its scope in (apikeys.auth.ts).
const keyNotAccepted = () => forbidden('This route does not accept API keys; sign in instead', 'api_key_not_accepted');

/** The signed-in user, or a 401 (a 403 for an API key on a route that does not take keys). */
export function currentUser(req: Request): SessionUser {
  const user = req.user as SessionUser | undefined;
  if (!user) throw req.apiKey ? keyNotAccepted() : unauthorized();
  return user;
}

/** Route guard: 401 unless signed in (403 for an API key on a route that does not take keys). */
export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.user) return next(req.apiKey ? keyNotAccepted() : unauthorized());
  next();
};
