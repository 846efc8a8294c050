import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { SessionUser } from '../auth/auth.types';
import type { ApiKeyScope } from './apikeys.schemas';
import { touchApiKey, verifyApiKey, type KeyPrincipal } from './apikeys.service';
import type { KeyLimiter } from './key-limiter';

declare module 'express-serve-static-core' {
  interface Request {
    /** The API key this request came with (`Authorization: Bearer tbk_…`), once verified. */
    apiKey?: KeyPrincipal;
  }
}

const TOUCH_EVERY_MS = 60_000;
const KEY_SCOPE = Symbol('keyScope');

const invalidKey = () => new AppError(401, 'invalid_api_key', 'The API key is unknown, malformed or revoked');

/**
 * Authentication by API key. A request with `Authorization: Bearer <key>` is a key's request: its
 * cookies are ignored (no session, so no CSRF token is asked for), the key is checked against its
 * stored hash on every request — a revoked key is refused at once —, rate-limited per key (across
 * API processes when they share a Redis: `key-limiter.ts`), and its
 * last use recorded at most once a minute. It acts as nobody until a route lets its scope in
 * (`keyScope`); a route that does not is answered 403 (`http/auth.ts`).
 */
export function apiKeyAuth(opts: { limiter: KeyLimiter; logger: Logger }): RequestHandler {
  const touched = new Map<string, number>();
  return (req, res, next) => {
    const header = req.get('authorization');
    if (!header || !/^bearer\s/i.test(header)) return next();
    delete req.headers.cookie;
    const key = header.replace(/^bearer\s+/i, '').trim();
    verifyApiKey(key).then(
      async (principal) => {
        if (!principal) return next(invalidKey());
        const taken = await opts.limiter.take(principal.id);
        if (!taken.ok) {
          res.setHeader('retry-after', String(Math.ceil(taken.retryMs / 1000)));
          return next(new AppError(429, 'rate_limited', `Too many requests with API key ${principal.prefix}; slow down`));
        }
        const now = Date.now();
        const last = Math.max(principal.lastUsedAt?.getTime() ?? 0, touched.get(principal.id) ?? 0);
        if (now - last >= TOUCH_EVERY_MS) {
          touched.set(principal.id, now);
          await touchApiKey(principal.id, new Date(now)).catch((err: unknown) => opts.logger.warn({ err, key: principal.prefix }, 'api key: last use not recorded'));
        }
        req.apiKey = principal;
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

/** The user a key's request acts as: a member of the key's organisation, through its creator's id. */
function keyUser(k: KeyPrincipal): SessionUser {
  return { id: k.createdBy, email: '', name: `API key ${k.name}`, orgId: k.orgId, roles: ['member'], locale: 'zh' };
}

/**
 * Lets a key's request into a route when the key has `scope` (403 naming the scope otherwise);
 * requests without a key pass untouched. Put it before the route's own guards.
 */
export function keyScope(scope: ApiKeyScope): RequestHandler {
  const handler: RequestHandler = (req, _res, next) => {
    const key = req.apiKey;
    if (!key) return next();
    if (!key.scopes.includes(scope))
      return next(new AppError(403, 'insufficient_scope', `This API key lacks the scope "${scope}"`, { details: { scope } }));
    req.user = keyUser(key) as Express.User;
    next();
  };
  // The OpenAPI document lists the scope on the route's operation.
  return Object.assign(handler, { [KEY_SCOPE]: scope });
}

/** The scope a route's middleware lets keys in with, when it is a `keyScope`. */
export const keyScopeOf = (handle: unknown): ApiKeyScope | undefined => (handle as { [KEY_SCOPE]?: ApiKeyScope } | null)?.[KEY_SCOPE];

/** True when the request came with an API key (CSRF does not apply: no cookie is read). */
export const byApiKey = (req: Request) => req.apiKey !== undefined;
