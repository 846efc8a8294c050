import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { forbidden } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

/** The session's CSRF token, created on first use. */
export function csrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

/** Starts a fresh token (after login, when the session is regenerated). */
export function rotateCsrfToken(req: Request): string {
  req.session.csrfToken = randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

function same(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Synchroniser-token CSRF protection for cookie-authenticated writes: every unsafe request must
 * echo the session's token in `X-CSRF-Token`. Paths in `exempt` (API-key routes, webhooks) skip it.
 */
export function csrfProtection(exempt: (req: Request) => boolean = () => false): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || exempt(req)) return next();
    const sent = req.get(CSRF_HEADER);
    const expected = req.session?.csrfToken;
    if (!sent || !expected || !same(sent, expected)) {
      return next(forbidden('Missing or invalid CSRF token (send the X-CSRF-Token header from GET /api/csrf)', 'csrf_failed'));
    }
    next();
  };
}
