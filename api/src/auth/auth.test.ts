import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { PASSWORD, registerAndVerify, signUp, uniqueEmail } from '../../test/factories';
import { User } from './user.model';
import { LOGIN_MAX_FAILURES, LoginThrottle } from './login-throttle';
import { Org } from '../orgs/org.model';
import { randomCreditCode, withCreditCheck } from '../orgs/credit-code';
import mongoose from 'mongoose';
import { hasher } from './password';
import { EmailMessage } from '../mail/email-message.model';

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
    org: { kind: 'university', name: { zh: '华东理工技术大学', en: '' }, region: '310000', creditCode: randomCreditCode() },
  });

  describe('POST /api/auth/register', () => {
    it('creates a user and a new organisation once verified, makes them its admin and signs them in', async () => {
      const { client: c, res } = await registerAndVerify(srv.url, validBody());
      assert.equal(res.body.org.kind, 'university');
      assert.equal(res.body.org.verified, false);
      assert.deepEqual(res.body.user.roles.sort(), ['member', 'org-admin']);
      assert.ok(res.body.csrfToken);
      const me = await c.get('/api/me').expect(200);
      assert.equal(me.body.user.email, res.body.user.email);
      assert.equal(await Org.countDocuments(), 1);
    });

    it('stores an argon2 hash, never the password', async () => {
      const body = validBody();
      await registerAndVerify(srv.url, body);
      const u = await User.findOne({ email: body.email }).select('+passwordHash').lean();
      assert.match(u!.passwordHash, /^\$argon2id\$/);
      assert.ok(!JSON.stringify(u).includes(PASSWORD));
    });

    it('never returns the password hash', async () => {
      const body = validBody();
      const c = await new TestClient(srv.url).init();
      const reg = await c.post('/api/auth/register', body).expect(202);
      assert.ok(!JSON.stringify(reg.body).includes('argon2'));
      const { res } = await registerAndVerify(srv.url, validBody());
      assert.ok(!JSON.stringify(res.body).includes('argon2'));
      assert.ok(!('passwordHash' in res.body.user));
    });

    it('gives agency members the broker role', async () => {
      const body = { ...validBody(), org: { kind: 'agency', name: { zh: '技术转移中心', en: '' }, region: '440000', creditCode: randomCreditCode('440000') } };
      const { res } = await registerAndVerify(srv.url, body);
      assert.ok(res.body.user.roles.includes('broker'));
    });

    it('answers a registered email as a new one (202, issue 14) and creates no second organisation or user', async () => {
      const body = validBody();
      await registerAndVerify(srv.url, body);
      const res = await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { ...body, email: body.email.toUpperCase() })
        .expect(202);
      assert.equal(res.body.status, 'verification_sent');
      assert.equal(await Org.countDocuments(), 1);
      assert.equal(await User.countDocuments(), 1);
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

    // A valid code with its check character changed: GB 32100 refuses it.
    const good = withCreditCheck('91310000MA1FL8T4Q');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const malformed: [string, Record<string, unknown>, string][] = [
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['a short password', { password: 'short' }, 'password'],
      ['a number as name', { name: 42 }, 'name'],
      ['an unknown org kind', { org: { kind: 'bank', name: { zh: 'x', en: '' }, region: '310000' } }, 'org.kind'],
      ['an unknown region', { org: { kind: 'university', name: { zh: 'x', en: '' }, region: '999999' } }, 'org.region'],
      ['an org name with no text', { org: { kind: 'university', name: { zh: '', en: '' }, region: '310000', creditCode: randomCreditCode() } }, 'org.name'],
      ['a new organisation without its credit code', { org: { kind: 'university', name: { zh: 'x', en: '' }, region: '310000' } }, 'org.creditCode'],
      ['a credit code with a wrong check character', { org: { kind: 'university', name: { zh: 'x', en: '' }, region: '310000', creditCode: wrongCheck } }, 'org.creditCode'],
      ['a credit code of 17 characters', { org: { kind: 'university', name: { zh: 'x', en: '' }, region: '310000', creditCode: '91310000MA1FL8T4Q' } }, 'org.creditCode'],
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
      await registerAndVerify(srv.url, validBody(email));
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
      assert.match(locked.body.error.message, /请 \d+ 分钟后再试/); // no Accept-Language: the platform's Chinese
      assert.ok(Number(locked.headers['retry-after']) > 0);
      // An unknown address is treated alike: the lock says nothing about existence.
      const ghost = uniqueEmail('ghost');
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await attempt('wrong-password-123', ghost);
      assert.equal((await attempt('wrong-password-123', ghost)).body.error.code, 'account_locked');
      // Another account is not affected; and once the lock's time has passed, the right password works.
      const other = uniqueEmail();
      await registerAndVerify(srv.url, validBody(other));
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

  describe('GET /api/session (issue 12: no failed request on a visitor\'s every page)', () => {
    it('answers a visitor 200 with no one signed in, a signed-in user what /api/me answers, and no one again after logout', async () => {
      const visitor = await new TestClient(srv.url).get('/api/session').expect(200);
      assert.deepEqual(visitor.body, { me: null });
      assert.equal(visitor.headers['cache-control'], 'no-store');
      const { client: c } = await registerAndVerify(srv.url, validBody());
      const session = await c.get('/api/session').expect(200);
      const me = await c.get('/api/me').expect(200);
      assert.deepEqual(session.body.me, me.body);
      assert.ok(session.body.me.csrfToken);
      await c.post('/api/auth/logout').expect(204);
      assert.deepEqual((await c.get('/api/session').expect(200)).body, { me: null });
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session: /api/me answers 401 afterwards, also for a replayed cookie', async () => {
      const { client: c } = await registerAndVerify(srv.url, validBody());
      const cookie = c.cookieHeader();
      await c.post('/api/auth/logout').expect(204);
      await c.get('/api/me').expect(401);
      const replay = await new TestClient(srv.url).agent.get('/api/me').set('cookie', cookie);
      assert.equal(replay.status, 401);
    });
  });

  describe('registration that reveals nothing about the address (issue 14)', () => {
    const outbox = async (to: string) => (await (await new TestClient(srv.url).init()).get(`/api/dev/outbox?to=${encodeURIComponent(to)}`).expect(200)).body.items as {
      to: string;
      kind: string;
      link: string | null;
    }[];
    const tokenOf = (link: string | null) => new URL(link!).searchParams.get('token')!;

    it('answers a new and an existing address alike (status, body), hashes a password in both, and tells each owner by email', async () => {
      const existing = validBody();
      await registerAndVerify(srv.url, existing);
      const hashes: string[] = [];
      const original = hasher.hash;
      hasher.hash = (plain: string) => {
        hashes.push(plain);
        return original(plain);
      };
      try {
        const fresh = await (await new TestClient(srv.url).init()).post('/api/auth/register', validBody()).expect(202);
        const again = await (await new TestClient(srv.url).init())
          .post('/api/auth/register', { ...existing, email: existing.email.toUpperCase(), password: 'another-password-9' })
          .expect(202);
        assert.deepEqual(again.body, fresh.body, 'same body for a new and a taken address');
        assert.equal(fresh.body.status, 'verification_sent');
        assert.deepEqual(hashes, [PASSWORD, 'another-password-9'], 'both branches hash the password');
      } finally {
        hasher.hash = original;
      }
      const mails = await outbox(existing.email);
      assert.deepEqual(mails.map((m) => m.kind).sort(), ['registration-attempt', 'verify-email']);
      assert.equal(await User.countDocuments(), 1, 'no account for the new address before verification');
    });

    it('does not sign in at registration; an unverified address cannot log in and answers as an unknown one', async () => {
      const body = validBody();
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/register', body).expect(202);
      assert.ok(!('user' in res.body));
      await c.get('/api/me').expect(401);
      const unverified = await c.post('/api/auth/login', { email: body.email, password: PASSWORD }).expect(401);
      const unknown = await c.post('/api/auth/login', { email: uniqueEmail(), password: PASSWORD }).expect(401);
      assert.deepEqual(unverified.body, unknown.body);
    });

    it('verifies once: the link signs the user in, creates the account and organisation; a second use is refused', async () => {
      const body = validBody();
      const c = await new TestClient(srv.url).init();
      await c.post('/api/auth/register', body).expect(202);
      const [mail] = await outbox(body.email);
      assert.equal(mail!.kind, 'verify-email');
      const token = tokenOf(mail!.link);
      const v = await c.post('/api/auth/verify', { token }).expect(200);
      assert.equal(v.body.user.email, body.email);
      assert.deepEqual(v.body.user.roles.sort(), ['member', 'org-admin']);
      c.csrf = v.body.csrfToken;
      assert.equal((await c.get('/api/me').expect(200)).body.org.kind, 'university');
      assert.equal(await Org.countDocuments(), 1);
      const again = await (await new TestClient(srv.url).init()).post('/api/auth/verify', { token }).expect(410);
      assert.equal(again.body.error.code, 'verification_invalid');
      assert.equal(await User.countDocuments(), 1);
      assert.equal((await c.post('/api/auth/login', { email: body.email, password: PASSWORD }).expect(200)).body.user.email, body.email);
    });

    it('refuses an expired token and an unknown one', async () => {
      const body = validBody();
      await (await new TestClient(srv.url).init()).post('/api/auth/register', body).expect(202);
      const token = tokenOf((await outbox(body.email))[0]!.link);
      await mongoose.connection.db!.collection('pendingregistrations').updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const c = await new TestClient(srv.url).init();
      assert.equal((await c.post('/api/auth/verify', { token }).expect(410)).body.error.code, 'verification_expired');
      assert.equal((await c.post('/api/auth/verify', { token: 'x'.repeat(43) }).expect(410)).body.error.code, 'verification_invalid');
      assert.equal(await User.countDocuments(), 0);
      await c.get('/api/me').expect(401);
    });

    it('a new registration for an address still unverified replaces the earlier one (its link stops working)', async () => {
      const body = validBody();
      await (await new TestClient(srv.url).init()).post('/api/auth/register', body).expect(202);
      const oldToken = tokenOf((await outbox(body.email))[0]!.link);
      await (await new TestClient(srv.url).init()).post('/api/auth/register', { ...body, password: 'the-real-owner-1' }).expect(202);
      const latest = (await outbox(body.email)).filter((m) => m.kind === 'verify-email')[0]!;
      const c = await new TestClient(srv.url).init();
      await c.post('/api/auth/verify', { token: oldToken }).expect(410);
      await c.post('/api/auth/verify', { token: tokenOf(latest.link) }).expect(200);
      await (await new TestClient(srv.url).init()).post('/api/auth/login', { email: body.email, password: 'the-real-owner-1' }).expect(200);
    });

    it('keeps the development outbox out of production', async () => {
      const prod = await startTestServer({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-length' });
      try {
        await (await new TestClient(prod.url).init()).get('/api/dev/outbox').expect(404);
      } finally {
        await prod.close();
      }
    });
  });

  describe('POST /api/auth/password', () => {
    it('changes the password, ends every other session of the user and keeps this one (issue 14)', async () => {
      const a = await signUp(srv.url);
      const other = await new TestClient(srv.url).init();
      other.csrf = (await other.post('/api/auth/login', { email: a.user.email, password: PASSWORD }).expect(200)).body.csrfToken;
      const oldCookie = other.cookieHeader();
      await a.client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-pass-2' }).expect(204);
      await a.client.get('/api/me').expect(200);
      await other.get('/api/me').expect(401);
      assert.equal((await new TestClient(srv.url).agent.get('/api/me').set('cookie', oldCookie)).status, 401);
      const c = await new TestClient(srv.url).init();
      await c.post('/api/auth/login', { email: a.user.email, password: PASSWORD }).expect(401);
      await c.post('/api/auth/login', { email: a.user.email, password: 'a-brand-new-pass-2' }).expect(200);
      const mails = await EmailMessage.find({ to: a.user.email, kind: 'password-changed' }).lean();
      assert.equal(mails.length, 1);
    });

    it('refuses a wrong current password (field error) and a signed-out caller, and changes nothing', async () => {
      const a = await signUp(srv.url);
      const res = await a.client.post('/api/auth/password', { currentPassword: 'not-my-password', newPassword: 'a-brand-new-pass-2' }).expect(400);
      assert.equal(res.body.error.field, 'currentPassword');
      const anon = await new TestClient(srv.url).init();
      await anon.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-pass-2' }).expect(401);
      await (await new TestClient(srv.url).init()).post('/api/auth/login', { email: a.user.email, password: PASSWORD }).expect(200);
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
