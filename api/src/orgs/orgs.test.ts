import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { PASSWORD, registerAndVerify, signInAdmin, signUp, uniqueEmail, verificationToken } from '../../test/factories';
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

      const { res } = await registerAndVerify(srv.url, { email: uniqueEmail(), password: PASSWORD, name: '韩梅梅', invitationToken: inv.body.token });
      assert.equal(res.body.org.id, uni.org!.id);
      assert.deepEqual(res.body.user.roles, ['member']);
      assert.equal(await Org.countDocuments(), 1);
    });

    it('refuses an invitation used twice with 410 and creates no second user', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
      const body = () => ({ email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token });
      await registerAndVerify(srv.url, body());
      const second = await (await new TestClient(srv.url).init()).post('/api/auth/register', body()).expect(410);
      assert.equal(second.body.error.code, 'invitation_used');
      assert.equal(await User.countDocuments({ org: uni.org!.id }), 2);
    });

    it('lets only one of simultaneous verifications use an invitation (it is consumed at verification)', async () => {
      const uni = await signUp(srv.url);
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
      const emails = [uniqueEmail(), uniqueEmail(), uniqueEmail()];
      for (const email of emails)
        await (await new TestClient(srv.url).init()).post('/api/auth/register', { email, password: PASSWORD, name: 'x', invitationToken: inv.body.token }).expect(202);
      const verify = async (email: string) => (await new TestClient(srv.url).init()).post('/api/auth/verify', { token: await verificationToken(email) });
      const results = await Promise.all(emails.map(verify));
      assert.equal(results.filter((r) => r.status === 200).length, 1);
      assert.deepEqual(results.filter((r) => r.status !== 200).map((r) => r.body.error.code), ['invitation_used', 'invitation_used']);
      assert.equal(await User.countDocuments({ org: uni.org!.id }), 2);
    });

    it('tells an org admin nothing about an address through an email-bound invitation (issue 14)', async () => {
      const uni = await signUp(srv.url);
      const taken = await signUp(srv.url);
      const forTaken = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, { email: taken.user.email }).expect(201);
      const freeEmail = uniqueEmail('free');
      const forFree = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, { email: freeEmail }).expect(201);
      const a = await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { email: taken.user.email, password: PASSWORD, name: 'x', invitationToken: forTaken.body.token })
        .expect(202);
      const b = await (await new TestClient(srv.url).init())
        .post('/api/auth/register', { email: freeEmail, password: PASSWORD, name: 'x', invitationToken: forFree.body.token })
        .expect(202);
      assert.deepEqual(a.body, b.body);
      const list = await uni.client.get(`/api/orgs/${uni.org!.id}/invitations`).expect(200);
      assert.deepEqual(list.body.items.map((i: { status: string }) => i.status), ['pending', 'pending'], 'neither is used before a verification');
      assert.equal((await User.findById(taken.user.id).lean())!.org!.toString(), taken.org!.id, 'the existing account is untouched');
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
      const { client: member } = await registerAndVerify(srv.url, { email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token });
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
