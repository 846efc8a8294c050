import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { PASSWORD, signInAdmin, signUp, uniqueEmail } from '../../test/factories';
import { Invitation } from './invitation.model';
import { Org } from './org.model';
import { User } from '../auth/user.model';
import { assertCanPublish } from './orgs.policy';
import { AppError } from '../errors';

describe('organisations', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  describe('POST /api/orgs/:id/verify', () => {
    it('lets a platform admin verify an organisation', async () => {
      const uni = await signUp(srv.url);
      const admin = await signInAdmin(srv.url);
      const res = await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: true }).expect(200);
      assert.equal(res.body.verified, true);
      assert.equal((await Org.findById(uni.org!.id).lean())!.verified, true);
    });

    it('refuses a member (even an org admin) with 403 and changes nothing', async () => {
      const uni = await signUp(srv.url);
      const res = await uni.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: true }).expect(403);
      assert.equal(res.body.error.code, 'forbidden');
      assert.equal((await Org.findById(uni.org!.id).lean())!.verified, false);
    });

    it('refuses an anonymous caller with 401', async () => {
      const uni = await signUp(srv.url);
      const anon = await new TestClient(srv.url).init();
      await anon.post(`/api/orgs/${uni.org!.id}/verify`, { verified: true }).expect(401);
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      const admin = await signInAdmin(srv.url);
      const bad = await admin.client.post('/api/orgs/not-an-id/verify', { verified: true }).expect(400);
      assert.equal(bad.body.error.field, 'id');
      await admin.client.post('/api/orgs/0123456789abcdef01234567/verify', { verified: true }).expect(404);
    });

    it('answers 400 when verified is not a boolean', async () => {
      const uni = await signUp(srv.url);
      const admin = await signInAdmin(srv.url);
      const res = await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: 'yes' }).expect(400);
      assert.equal(res.body.error.field, 'verified');
    });
  });

  describe('GET /api/orgs', () => {
    it('lists the unverified queue for a platform admin only', async () => {
      await signUp(srv.url);
      const v = await signUp(srv.url, { verified: true });
      const admin = await signInAdmin(srv.url);
      const res = await admin.client.get('/api/orgs?verified=false').expect(200);
      assert.equal(res.body.total, 1);
      assert.ok(res.body.items.every((o: { id: string }) => o.id !== v.org!.id));
      await v.client.get('/api/orgs').expect(403);
    });
  });

  describe('invitations', () => {
    it('lets a new user join the organisation through an invitation', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, { role: 'member' }).expect(201);
      assert.ok(inv.body.token.length >= 20);
      const stored = await Invitation.findById(inv.body.id).lean();
      assert.notEqual(stored!.tokenHash, inv.body.token, 'only the hash is stored');

      const c = await new TestClient(srv.url).init();
      const res = await c
        .post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: '韩梅梅', invitationToken: inv.body.token })
        .expect(201);
      assert.equal(res.body.org.id, uni.org!.id);
      assert.deepEqual(res.body.user.roles, ['member']);
      assert.equal(await Org.countDocuments(), 1);
    });

    it('refuses an invitation used twice with 410 and creates no second user', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
      const body = () => ({ email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token });
      await (await new TestClient(srv.url).init()).post('/api/auth/register', body()).expect(201);
      const second = await (await new TestClient(srv.url).init()).post('/api/auth/register', body()).expect(410);
      assert.equal(second.body.error.code, 'invitation_used');
      assert.equal(await User.countDocuments({ org: uni.org!.id }), 2);
    });

    it('lets only one of two simultaneous registrations use an invitation', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
      const attempt = async () =>
        (await new TestClient(srv.url).init()).post('/api/auth/register', {
          email: uniqueEmail(),
          password: PASSWORD,
          name: 'x',
          invitationToken: inv.body.token,
        });
      const results = await Promise.all([attempt(), attempt(), attempt()]);
      assert.equal(results.filter((r) => r.status === 201).length, 1);
      assert.equal(await User.countDocuments({ org: uni.org!.id }), 2);
    });

    it('refuses an expired invitation with 410', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
      await Invitation.updateOne({ _id: inv.body.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const res = await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token })
        .expect(410);
      assert.equal(res.body.error.code, 'invitation_expired');
    });

    it('refuses an unknown token with 404', async () => {
      await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: 'a'.repeat(32) })
        .expect(404);
    });

    it('binds an invitation to its email when one was given', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, { email: uniqueEmail('invitee') }).expect(201);
      const res = await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token })
        .expect(409);
      assert.equal(res.body.error.code, 'invitation_email_mismatch');
    });

    it('refuses invitations from a plain member or another organisation', async () => {
      const uni = await signUp(srv.url);
      const other = await signUp(srv.url);
      await other.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(403);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
      const member = await new TestClient(srv.url).init();
      const reg = await member
        .post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token })
        .expect(201);
      member.csrf = reg.body.csrfToken;
      await member.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(403);
    });
  });

  describe('publish policy', () => {
    const user = { id: 'u', email: 'e', name: 'n', orgId: 'o', roles: ['member' as const], locale: 'zh' as const };
    it('refuses an unverified organisation', () => {
      assert.throws(() => assertCanPublish(user, { verified: false }), (e: AppError) => e.code === 'org_not_verified');
    });
    it('refuses a user without an organisation', () => {
      assert.throws(() => assertCanPublish({ ...user, orgId: null }, null), (e: AppError) => e.status === 403);
    });
    it('allows a verified organisation', () => {
      assert.doesNotThrow(() => assertCanPublish(user, { verified: true }));
    });
  });
});
