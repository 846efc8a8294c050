import passport, { type PassportStatic } from 'passport';
import { findSessionUser } from './auth.service';
import type { SessionUser } from './auth.types';

/**
 * Passport keeps only the user id in the session and reloads the user per request, so a role
 * change or deletion takes effect at once. Credentials are checked by the login route itself
 * (through the auth service) and handed to `req.login`.
 */
export function configurePassport(): PassportStatic {
  const p = new passport.Passport() as unknown as PassportStatic;
  p.serializeUser((user, done) => done(null, (user as SessionUser).id));
  p.deserializeUser((id: string, done) => {
    findSessionUser(id).then(
      (u) => done(null, u ?? false),
      (err) => done(err),
    );
  });
  return p;
}
