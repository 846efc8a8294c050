import { Router, type Request } from 'express';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import { validate } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { csrfToken, rotateCsrfToken } from '../http/csrf';
import { Org } from '../orgs/org.model';
import { authenticate, changePassword, register, verifyRegistration } from './auth.service';
import { ChangePasswordInput, LoginInput, RegisterInput, UpdateMeInput, VerifyEmailInput } from './auth.schemas';
import { presentMe, presentRegistration } from './auth.presenter';
import { User } from './user.model';
import { sessionEnded, userSessionsChanged } from './session-events';
import { sessionKey } from './passport';
import type { SessionUser } from './auth.types';

function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
}

/** Re-keys this session to the user's new session epoch, so it stays signed in when the others end. */
function rekeySession(req: Request, user: SessionUser): Promise<void> {
  (req.session as unknown as { passport?: { user: string } }).passport = { user: sessionKey(user) };
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

async function me(user: SessionUser) {
  const org = user.orgId ? await Org.findById(user.orgId).lean() : null;
  return presentMe(user, org);
}

/**
 * register, verify, login, logout, password, me, session, csrf. `appUrl` starts the links in emails (from
 * configuration, never from the request's Host); `devOutbox` is where the outbox shows outside production.
 */
export function authRoutes(authLimiter: RateLimitRequestHandler, opts: { appUrl: string; devOutbox?: string }): Router {
  const r = Router();

  r.get('/csrf', (req, res) => {
    res.json({ csrfToken: csrfToken(req) });
  });

  r.post('/auth/register', authLimiter, validate({ body: RegisterInput }), async (req, res) => {
    // The same answer for a new and a taken address (the service emails the owner either way).
    await register(req.body, opts.appUrl);
    res.status(202).json(presentRegistration(opts.devOutbox));
  });

  r.post('/auth/verify', authLimiter, validate({ body: VerifyEmailInput }), async (req, res) => {
    const user = await verifyRegistration(req.body.token);
    await logIn(req, user);
    res.json({ ...(await me(user)), csrfToken: rotateCsrfToken(req) });
  });

  r.post('/auth/password', authLimiter, requireUser, validate({ body: ChangePasswordInput }), async (req, res) => {
    const user = await changePassword(currentUser(req), req.body, opts.appUrl);
    await rekeySession(req, user);
    // Every other session ended with the old epoch; their sockets go now, this session's stay.
    userSessionsChanged(user.id, req.sessionID);
    res.status(204).end();
  });

  r.post('/auth/login', authLimiter, validate({ body: LoginInput }), async (req, res) => {
    const user = await authenticate(req.body);
    await logIn(req, user);
    res.json({ ...(await me(user)), csrfToken: rotateCsrfToken(req) });
  });

  r.post('/auth/logout', (req, res, next) => {
    const sessionId = req.sessionID;
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((err2) => {
        if (err2) return next(err2);
        // Sockets opened with this session are disconnected now, not at their next handshake.
        if (sessionId) sessionEnded(sessionId);
        res.clearCookie('tb.sid', { path: '/' });
        res.status(204).end();
      });
    });
  });

  r.get('/me', requireUser, async (req, res) => {
    res.json({ ...(await me(currentUser(req))), csrfToken: csrfToken(req) });
  });

  // The web app's first question on every load: who is signed in, answered 200 for a visitor too
  // (`{ me: null }`), so a visitor's browser logs no failed request; GET /me keeps its 401.
  r.get('/session', async (req, res) => {
    const user = req.user as SessionUser | undefined;
    res.json({ me: user ? { ...(await me(user)), csrfToken: csrfToken(req) } : null });
  });

  r.patch('/me', requireUser, validate({ body: UpdateMeInput }), async (req, res) => {
    const user = currentUser(req);
    await User.updateOne({ _id: user.id }, { $set: req.body });
    res.json(await me({ ...user, ...req.body }));
  });

  return r;
}
