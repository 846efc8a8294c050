import type { Request, RequestHandler } from 'express';
import { unauthorized } from '../errors';
import type { SessionUser } from '../auth/auth.types';

/** The signed-in user, or a 401. */
export function currentUser(req: Request): SessionUser {
  const user = req.user as SessionUser | undefined;
  if (!user) throw unauthorized();
  return user;
}

/** Route guard: 401 unless signed in. */
export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.user) return next(unauthorized());
  next();
};
