import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { PASSWORD, signUp, uniqueEmail } from '../../test/factories';
import { User } from './user.model';
import { LOGIN_MAX_FAILURES, LoginThrottle } from './login-throttle';
import { Org } from '../orgs/org.model';

describe('auth', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  const validBody = (email = uniqueEmail()) => ({
    email,
    password: PASSWORD,
    name: '李雷',
    org: { kind: 'university', name: { zh: '华东理工技术大学', en: '' }, region: '310000' },
  });

  describe('POST /api/auth/register', () => {
    it('creates a user and a new organisation, makes them its admin and signs them in', async () => {
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/register', validBody()).expect(201);
      assert.equal(res.body.org.kind, 'university');
      assert.equal(res.body.org.verified, false);
      assert.deepEqual(res.body.user.roles.sort(), ['member', 'org-admin']);
      assert.ok(res.body.csrfToken);
      const me = await c.get('/api/me').expect(200);
      assert.equal(me.body.user.email, res.body.user.email);
      assert.equal(await Org.countDocuments(), 1);
    });

    it('stores an argon2 hash, never the password', async () => {
      const c = await new TestClient(srv.url).init();
      const body = validBody();
      await c.post('/api/auth/register', body).expect(201);
      const u = await User.findOne({ email: body.email }).select('+passwordHash').lean();
      assert.match(u!.passwordHash, /^\$argon2id\$/);
      assert.ok(!JSON.stringify(u).includes(PASSWORD));
    });

    it('never returns the password hash', async () => {
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/register', validBody()).expect(201);
      assert.ok(!JSON.stringify(res.body).includes('argon2'));
      assert.ok(!('passwordHash' in res.body.user));
    });

    it('gives agency members the broker role', async () => {
      const c = await new TestClient(srv.url).init();
      const body = { ...validBody(), org: { kind: 'agency', name: { zh: '技术转移中心', en: '' }, region: '440000' } };
      const res = await c.post('/api/auth/register', body).expect(201);
      assert.ok(res.body.user.roles.includes('broker'));
    });

    it('rejects a duplicate email with 409 and creates no second organisation', async () => {
      const body = validBody();
      await (await new TestClient(srv.url).init()).post('/api/auth/register', body).expect(201);
      const res = await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { ...body, email: body.email.toUpperCase() })
        .expect(409);
      assert.equal(res.body.error.code, 'email_taken');
      assert.equal(await Org.countDocuments(), 1);
    });

    for (const field of ['email', 'password', 'name'] as const) {
      it(`answers 400 naming "${field}" when it is missing`, async () => {
        const c = await new TestClient(srv.url).init();
        const body: Record<string, unknown> = validBody();
        delete body[field];
        const res = await c.post('/api/auth/register', body).expect(400);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.equal(res.body.error.field, field);
      });
    }

    const malformed: [string, Record<string, unknown>, string][] = [
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['a short password', { password: 'short' }, 'password'],
      ['a number as name', { name: 42 }, 'name'],
      ['an unknown org kind', { org: { kind: 'bank', name: { zh: 'x', en: '' }, region: '310000' } }, 'org.kind'],
      ['an unknown region', { org: { kind: 'university', name: { zh: 'x', en: '' }, region: '999999' } }, 'org.region'],
      ['an org name with no text', { org: { kind: 'university', name: { zh: '', en: '' }, region: '310000' } }, 'org.name'],
      ['an unknown top-level key', { isAdmin: true }, 'isAdmin'],
    ];
    for (const [what, patch, field] of malformed) {
      it(`answers 400 naming "${field}" for ${what}`, async () => {
        const c = await new TestClient(srv.url).init();
        const res = await c.post('/api/auth/register', { ...validBody(), ...patch }).expect(400);
        assert.equal(res.body.error.field, field);
        assert.equal(await User.countDocuments(), 0);
      });
    }

    it('refuses roles smuggled into registration', async () => {
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/register', { ...validBody(), roles: ['platform-admin'] }).expect(400);
      assert.equal(res.body.error.field, 'roles');
      assert.equal(await User.countDocuments({ roles: 'platform-admin' }), 0);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const c = await new TestClient(srv.url).init();
      const res = await c.agent
        .post('/api/auth/register')
        .set('x-csrf-token', c.csrf)
        .set('content-type', 'application/json')
        .send('{"email": ')
        .expect(400);
      assert.equal(res.body.error.code, 'invalid_json');
    });

    it('answers 413 for an oversized body', async () => {
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/register', { ...validBody(), name: 'x'.repeat(300_000) }).expect(413);
      assert.equal(res.body.error.code, 'payload_too_large');
    });
  });

  describe('POST /api/auth/login', () => {
    let email: string;
    beforeEach(async () => {
      email = uniqueEmail();
      await (await new TestClient(srv.url).init()).post('/api/auth/register', validBody(email)).expect(201);
    });

    it('signs in with the right password and the session survives across requests', async () => {
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/login', { email, password: PASSWORD }).expect(200);
      c.csrf = res.body.csrfToken;
      for (let i = 0; i < 3; i++) assert.equal((await c.get('/api/me').expect(200)).body.user.email, email);
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const c = await new TestClient(srv.url).init();
      const wrong = await c.post('/api/auth/login', { email, password: 'wrong-password-123' }).expect(401);
      const unknown = await c.post('/api/auth/login', { email: uniqueEmail(), password: PASSWORD }).expect(401);
      assert.deepEqual(wrong.body, unknown.body);
      await c.get('/api/me').expect(401);
    });

    it('answers 400 to operator payloads and never matches a user', async () => {
      const c = await new TestClient(srv.url).init();
      for (const body of [
        { email: { $gt: '' }, password: PASSWORD },
        { email, password: { $ne: 'x' } },
        { email: { $regex: '.*' }, password: PASSWORD },
        { $where: '1', email, password: PASSWORD },
      ]) {
        const res = await c.post('/api/auth/login', body).expect(400);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.ok(res.body.error.field, 'names the field');
      }
      await c.get('/api/me').expect(401);
    });

    it('locks an account after repeated failed logins from any address, with a clear message, and the lock ends by itself (issue 14)', async () => {
      // Each attempt from a fresh client (a new address would get a fresh per-address allowance).
      const attempt = async (password: string, who = email) => (await new TestClient(srv.url).init()).post('/api/auth/login', { email: who, password });
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) assert.equal((await attempt('wrong-password-123')).status, 401);
      const locked = await attempt(PASSWORD);
      assert.equal(locked.status, 429, 'even the right password waits');
      assert.equal(locked.body.error.code, 'account_locked');
      assert.match(locked.body.error.message, /try again/i);
      assert.ok(Number(locked.headers['retry-after']) > 0);
      // An unknown address is treated alike: the lock says nothing about existence.
      const ghost = uniqueEmail('ghost');
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await attempt('wrong-password-123', ghost);
      assert.equal((await attempt('wrong-password-123', ghost)).body.error.code, 'account_locked');
      // Another account is not affected; and once the lock's time has passed, the right password works.
      const other = uniqueEmail();
      await (await new TestClient(srv.url).init()).post('/api/auth/register', validBody(other)).expect(201);
      assert.equal((await attempt(PASSWORD, other)).status, 200);
      await LoginThrottle.updateOne({ _id: email }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
      assert.equal((await attempt(PASSWORD)).status, 200);
      assert.equal((await attempt('wrong-password-123')).status, 401, 'the count started again');
    });

    it('rate-limits repeated attempts with 429', async () => {
      const limited = await startTestServer({ AUTH_RATE_LIMIT: '3' });
      try {
        const c = await new TestClient(limited.url).init();
        for (let i = 0; i < 3; i++) await c.post('/api/auth/login', { email, password: 'nope-nope-nope' }).expect(401);
        const res = await c.post('/api/auth/login', { email, password: PASSWORD }).expect(429);
        assert.equal(res.body.error.code, 'rate_limited');
      } finally {
        await limited.close();
      }
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session: /api/me answers 401 afterwards, also for a replayed cookie', async () => {
      const c = await new TestClient(srv.url).init();
      await c.post('/api/auth/register', validBody()).expect(201).then((r) => (c.csrf = r.body.csrfToken));
      const cookie = c.cookieHeader();
      await c.post('/api/auth/logout').expect(204);
      await c.get('/api/me').expect(401);
      const replay = await new TestClient(srv.url).agent.get('/api/me').set('cookie', cookie);
      assert.equal(replay.status, 401);
    });
  });

  describe('CSRF', () => {
    it('refuses a write without the token with 403', async () => {
      const c = new TestClient(srv.url);
      const res = await c.agent.post('/api/auth/register').send(validBody()).expect(403);
      assert.equal(res.body.error.code, 'csrf_failed');
      assert.equal(await User.countDocuments(), 0);
    });

    it('refuses a token from another session', async () => {
      const a = await new TestClient(srv.url).init();
      const b = await new TestClient(srv.url).init();
      await b.agent.post('/api/auth/register').set('x-csrf-token', a.csrf).send(validBody()).expect(403);
    });

    it('refuses a signed-in write without the token', async () => {
      const { client, org } = await signUp(srv.url);
      await client.agent.post(`/api/orgs/${org!.id}/invitations`).send({}).expect(403);
    });
  });

  describe('GET /api/me', () => {
    it('answers 401 when signed out', async () => {
      const res = await new TestClient(srv.url).get('/api/me').expect(401);
      assert.equal(res.body.error.code, 'unauthenticated');
    });
  });
});
