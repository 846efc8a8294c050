import { Router, type Request } from 'express';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import { validate } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { csrfToken, rotateCsrfToken } from '../http/csrf';
import { Org } from '../orgs/org.model';
import { authenticate, register } from './auth.service';
import { LoginInput, RegisterInput, UpdateMeInput } from './auth.schemas';
import { presentMe } from './auth.presenter';
import { User } from './user.model';
import { sessionEnded } from './session-events';
import type { SessionUser } from './auth.types';

function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
}

async function me(user: SessionUser) {
  const org = user.orgId ? await Org.findById(user.orgId).lean() : null;
  return presentMe(user, org);
}

/** register, login, logout, me, csrf. */
export function authRoutes(authLimiter: RateLimitRequestHandler): Router {
  const r = Router();

  r.get('/csrf', (req, res) => {
    res.json({ csrfToken: csrfToken(req) });
  });

  r.post('/auth/register', authLimiter, validate({ body: RegisterInput }), async (req, res) => {
    const user = await register(req.body);
    await logIn(req, user);
    res.status(201).json({ ...(await me(user)), csrfToken: rotateCsrfToken(req) });
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

  r.patch('/me', requireUser, validate({ body: UpdateMeInput }), async (req, res) => {
    const user = currentUser(req);
    await User.updateOne({ _id: user.id }, { $set: req.body });
    res.json(await me({ ...user, ...req.body }));
  });

  return r;
}
