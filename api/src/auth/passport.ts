import passport, { type PassportStatic } from 'passport';
import { findSessionUser } from './auth.service';
import type { SessionUser } from './auth.types';

/** What the session stores for a user: the id, and the session epoch once a password change raised it. */
export function sessionKey(user: SessionUser): string {
  return user.sessionEpoch ? `${user.id}:${user.sessionEpoch}` : user.id;
}

/**
 * Passport keeps only the user id (and session epoch) in the session and reloads the user per
 * request, so a role change, deletion or password change takes effect at once. Credentials are checked by the login route itself
 * (through the auth service) and handed to `req.login`.
 */
export function configurePassport(): PassportStatic {
  const p = new passport.Passport() as unknown as PassportStatic;
  p.serializeUser((user, done) => done(null, sessionKey(user as SessionUser)));
  p.deserializeUser((key: string, done) => {
    const [id = '', epoch = '0'] = String(key).split(':');
    findSessionUser(id).then(
      // A session keyed to an older epoch (before a password change) signs no one in.
      (u) => done(null, u && String(u.sessionEpoch ?? 0) === epoch ? u : false),
      (err) => done(err),
    );
  });
  return p;
}
