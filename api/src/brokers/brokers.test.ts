import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { PASSWORD, achievementInput, registerAndVerify, signUp, uniqueEmail, type SignedIn } from '../../test/factories';
import { publishedAchievement } from '../../test/deals.factories';
import { Demand } from '../demands/demand.model';
import { Match } from '../matching/match.model';
import { Deal } from '../deals/deal.model';
import { Notification } from '../notifications/notification.model';
import { Achievement } from '../achievements/achievement.model';

/** Issue 14, item 0: brokers are trusted only when the platform says so. */
describe('broker trust', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  const verifiedBroker = () => signUp(srv.url, { kind: 'agency', verified: true });

  /** An open demand of `org`, stored directly (the listing API is not under test). */
  async function openDemand(owner: SignedIn, anonymous = false) {
    const d = await Demand.create({
      org: owner.org!.id,
      createdBy: owner.user.id,
      title: { zh: '寻求锂电池正极材料工艺', en: 'Seeking cathode process' },
      description: { zh: '降低烧结能耗。', en: 'Cheaper sintering.' },
      field: 'energy-storage',
      keywords: ['锂电池'],
      modes: ['license'],
      region: '310000',
      anonymous,
      status: 'open',
      publishedAt: new Date(),
    });
    return String(d._id);
  }

  /** A stored match between a demand and an achievement. */
  async function storedMatch(demandId: string, demandOrg: string, achievementId: string, supplierOrg: string) {
    const m = await Match.create({ demand: demandId, achievement: achievementId, demandOrg, supplierOrg, score: 0.8 });
    return String(m._id);
  }

  /** The broker asks, the organisation's admin accepts: the org is in the agency's portfolio. */
  async function consented(broker: SignedIn, org: SignedIn) {
    await broker.client.post('/api/brokers/portfolio', { orgId: org.org!.id }).expect(201);
    await org.client.post(`/api/orgs/${org.org!.id}/agencies/${broker.org!.id}/accept`, {}).expect(200);
  }

  describe('an unverified agency', () => {
    it('has no broker powers: portfolio, matches, docking and deals are refused with 403', async () => {
      const b = await signUp(srv.url, { kind: 'agency' });
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const answers = [
        await b.client.get('/api/brokers/portfolio'),
        await b.client.post('/api/brokers/portfolio', { orgId: ent.org!.id }),
        await b.client.get('/api/brokers/matches'),
        await b.client.post('/api/brokers/docking', { field: 'energy-storage' }),
        await b.client.post('/api/deals', { achievementId, mode: 'license', buyerOrgId: ent.org!.id }),
      ];
      for (const [i, res] of answers.entries()) {
        assert.equal(res.status, 403, `call ${i}`);
        assert.equal(res.body.error.code, 'org_not_verified', `call ${i}`);
      }
      assert.equal(await Deal.countDocuments(), 0);
      assert.equal(await Notification.countDocuments({ user: ent.user.id }), 0);
    });
  });

  describe('portfolio consent', () => {
    it('adds an organisation only once its admin accepts the invitation, and tells it', async () => {
      const b = await verifiedBroker();
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const demandId = await openDemand(ent);
      await storedMatch(demandId, ent.org!.id, achievementId, uni.org!.id);

      const asked = await b.client.post('/api/brokers/portfolio', { orgId: ent.org!.id }).expect(201);
      assert.equal(asked.body.status, 'pending');
      assert.equal((await b.client.get('/api/brokers/portfolio?status=active').expect(200)).body.total, 0);
      const p = await b.client.get('/api/brokers/portfolio?status=pending').expect(200);
      assert.deepEqual(p.body.items.map((i: { org: { id: string } }) => i.org.id), [ent.org!.id]);
      assert.equal(p.body.total, 1);
      assert.equal((await b.client.get('/api/brokers/matches').expect(200)).body.total, 0, 'no access before consent');
      const told = await Notification.find({ user: ent.user.id, kind: 'portfolio.invited' }).lean();
      assert.equal(told.length, 1);

      // The wrong users cannot answer for the organisation.
      await uni.client.post(`/api/orgs/${ent.org!.id}/agencies/${b.org!.id}/accept`, {}).expect(403);
      await b.client.post(`/api/orgs/${ent.org!.id}/agencies/${b.org!.id}/accept`, {}).expect(403);
      const listed = await ent.client.get(`/api/orgs/${ent.org!.id}/agencies`).expect(200);
      assert.equal(listed.body.items.length, 1);
      assert.equal(listed.body.items[0].status, 'pending');
      assert.equal(listed.body.items[0].agency.id, b.org!.id);
      await uni.client.get(`/api/orgs/${ent.org!.id}/agencies`).expect(403);

      await ent.client.post(`/api/orgs/${ent.org!.id}/agencies/${b.org!.id}/accept`, {}).expect(200);
      assert.deepEqual((await b.client.get('/api/brokers/portfolio?status=active').expect(200)).body.items.map((l: { org: unknown }) => l.org).map((o: { id: string }) => o.id), [ent.org!.id]);
      assert.equal((await b.client.get('/api/brokers/matches').expect(200)).body.total, 1);
    });

    it('can be revoked by the organisation (the broker loses access) and declined', async () => {
      const b = await verifiedBroker();
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const matchId = await storedMatch(await openDemand(ent), ent.org!.id, achievementId, uni.org!.id);
      await consented(b, ent);
      await b.client.get(`/api/matches/${matchId}`).expect(200);
      const revoked = await ent.client.delete(`/api/orgs/${ent.org!.id}/agencies/${b.org!.id}`).expect(200);
      assert.equal(revoked.body.status, 'revoked');
      assert.deepEqual((await b.client.get('/api/brokers/portfolio?status=active').expect(200)).body.items.map((l: { org: unknown }) => l.org), []);
      await b.client.get(`/api/matches/${matchId}`).expect(404);
      assert.equal(await Notification.countDocuments({ user: b.user.id, kind: 'portfolio.answered' }), 2, 'accepted, then revoked');

      // Asked again, the organisation declines: still no access.
      await b.client.post('/api/brokers/portfolio', { orgId: uni.org!.id }).expect(201);
      await uni.client.post(`/api/orgs/${uni.org!.id}/agencies/${b.org!.id}/decline`, {}).expect(200);
      assert.deepEqual((await b.client.get('/api/brokers/portfolio?status=active').expect(200)).body.items.map((l: { org: unknown }) => l.org), []);
      // The broker's side can end it too.
      await b.client.post('/api/brokers/portfolio', { orgId: ent.org!.id }).expect(201);
      await b.client.delete(`/api/brokers/portfolio/${ent.org!.id}`).expect(200);
      await ent.client.post(`/api/orgs/${ent.org!.id}/agencies/${b.org!.id}/accept`, {}).expect(404);
    });
  });

  describe('deal proposals', () => {
    it('opens no deal for an enterprise until it accepts; the wrong users cannot accept', async () => {
      const b = await verifiedBroker();
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const proposed = await b.client.post('/api/deals', { achievementId, mode: 'license', buyerOrgId: ent.org!.id }).expect(202);
      assert.equal(proposed.body.status, 'pending');
      assert.equal(await Deal.countDocuments(), 0, 'nobody is pulled into a room yet');
      assert.equal(await Notification.countDocuments({ user: ent.user.id, kind: 'deal.proposed' }), 1);
      assert.equal((await ent.client.get('/api/deals').expect(200)).body.total, 0);

      const received = await ent.client.get('/api/deal-proposals?side=received').expect(200);
      assert.equal(received.body.items.length, 1);
      const id = received.body.items[0].id;
      assert.equal((await b.client.get('/api/deal-proposals?side=sent').expect(200)).body.items.length, 1);
      await other.client.post(`/api/deal-proposals/${id}/accept`, {}).expect(404);
      await uni.client.post(`/api/deal-proposals/${id}/accept`, {}).expect(404);
      await b.client.post(`/api/deal-proposals/${id}/accept`, {}).expect(403);

      const accepted = await ent.client.post(`/api/deal-proposals/${id}/accept`, {}).expect(201);
      assert.equal(accepted.body.deal.broker.id, b.org!.id);
      assert.equal(accepted.body.deal.buyer.id, ent.org!.id);
      await ent.client.post(`/api/deal-proposals/${id}/accept`, {}).expect(409);
      assert.equal(await Deal.countDocuments(), 1);
    });

    it('is declined or withdrawn without a deal', async () => {
      const b = await verifiedBroker();
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const p1 = await b.client.post('/api/deals', { achievementId, mode: 'license', buyerOrgId: ent.org!.id }).expect(202);
      await ent.client.post(`/api/deal-proposals/${p1.body.id}/decline`, {}).expect(200);
      const p2 = await b.client.post('/api/deals', { achievementId, mode: 'transfer', buyerOrgId: ent.org!.id }).expect(202);
      await ent.client.post(`/api/deal-proposals/${p2.body.id}/withdraw`, {}).expect(403);
      await b.client.post(`/api/deal-proposals/${p2.body.id}/withdraw`, {}).expect(200);
      await ent.client.post(`/api/deal-proposals/${p2.body.id}/accept`, {}).expect(409);
      assert.equal(await Deal.countDocuments(), 0);
    });
  });

  describe('anonymous demands and brokers', () => {
    it('POST /api/deals answers a right and a wrong guess of an anonymous demand\'s owner alike', async () => {
      const b = await verifiedBroker();
      const owner = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const decoy = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const demandId = await openDemand(owner, true);
      const right = await b.client.post('/api/deals', { achievementId, mode: 'license', buyerOrgId: owner.org!.id, demandId });
      const wrong = await b.client.post('/api/deals', { achievementId, mode: 'license', buyerOrgId: decoy.org!.id, demandId });
      assert.equal(right.status, wrong.status);
      assert.equal(right.status, 400);
      assert.deepEqual(right.body, wrong.body);
      assert.equal((await b.client.get('/api/deal-proposals?side=sent').expect(200)).body.items.length, 0);
      assert.equal(await Deal.countDocuments(), 0);
    });

    it('GET /api/brokers/matches?orgId= does not filter on an anonymous demand\'s owner', async () => {
      const b = await verifiedBroker();
      const owner = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const decoy = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      await consented(b, owner);
      await consented(b, decoy);
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const matchId = await storedMatch(await openDemand(owner, true), owner.org!.id, achievementId, uni.org!.id);
      const a = await b.client.get(`/api/brokers/matches?orgId=${owner.org!.id}`).expect(200);
      const c = await b.client.get(`/api/brokers/matches?orgId=${decoy.org!.id}`).expect(200);
      assert.equal(a.body.total, c.body.total);
      assert.deepEqual(a.body.items, c.body.items);
      await b.client.get(`/api/matches/${matchId}`).expect(404);
    });
  });

  describe('broker-made matches and deal references', () => {
    it('refuses another agency\'s broker overwriting a broker-made match (attribution stays)', async () => {
      const a = await verifiedBroker();
      const other = await verifiedBroker();
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      await consented(a, ent);
      await consented(other, ent);
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const demandId = await openDemand(ent);
      await a.client.post('/api/brokers/matches', { demandId, achievementId, note: '我们线下对接过' }).expect(201);
      const res = await other.client.post('/api/brokers/matches', { demandId, achievementId, note: '是我们推荐的' }).expect(409);
      assert.equal(res.body.error.code, 'broker_match_taken');
      const m = await Match.findOne({ demand: demandId, achievement: achievementId }).lean();
      assert.equal(String(m!.brokerOrg), a.org!.id);
      assert.equal(String(m!.brokerUser), a.user.id);
      assert.equal(m!.brokerNote, '我们线下对接过');
    });

    it('refuses a deal whose matchId is not a match between its two parties', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const stranger = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const otherAch = await publishedAchievement(uni.org!.id, uni.user.id);
      const foreign = await storedMatch(await openDemand(stranger), stranger.org!.id, achievementId, uni.org!.id);
      const wrongAch = await storedMatch(await openDemand(ent), ent.org!.id, otherAch, uni.org!.id);
      for (const matchId of [foreign, wrongAch]) {
        const res = await ent.client.post('/api/deals', { achievementId, mode: 'license', matchId }).expect(400);
        assert.equal(res.body.error.field, 'matchId');
      }
      const own = await storedMatch(await openDemand(ent), ent.org!.id, achievementId, uni.org!.id);
      const ok = await ent.client.post('/api/deals', { achievementId, mode: 'license', matchId: own }).expect(201);
      assert.equal(ok.body.matchId, own);
    });

    it('answers 404, not 409 with its status, for another organisation\'s withdrawn achievement', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      await Achievement.updateOne({ _id: achievementId }, { $set: { status: 'withdrawn' } });
      const res = await ent.client.post('/api/deals', { achievementId, mode: 'license' }).expect(404);
      assert.equal(res.body.error.code, 'not_found');
      assert.equal(JSON.stringify(res.body).includes('withdrawn'), false);
    });
  });

  describe('the market-acts policy', () => {
    it('lets only a verified enterprise open a deal', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const ent = await signUp(srv.url, { kind: 'enterprise' });
      const achievementId = await publishedAchievement(uni.org!.id, uni.user.id);
      const res = await ent.client.post('/api/deals', { achievementId, mode: 'license' }).expect(403);
      assert.equal(res.body.error.code, 'org_not_verified');
      assert.equal(await Deal.countDocuments(), 0);
    });

    it('lets an invited plain member of a verified organisation publish, as its admin can', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, { role: 'member' }).expect(201);
      const { client: member } = await registerAndVerify(srv.url, { email: uniqueEmail(), password: PASSWORD, name: '成员', invitationToken: inv.body.token });
      const created = await member.post('/api/achievements', achievementInput()).expect(201);
      await member.post(`/api/achievements/${created.body.id}/publish`, {}).expect(200);
    });
  });

  describe('member invitations', () => {
    it('lets the org admin list and revoke them; a revoked one no longer registers anyone', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const other = await signUp(srv.url, { kind: 'university', verified: true });
      const inv = await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, { role: 'member' }).expect(201);
      const list = await uni.client.get(`/api/orgs/${uni.org!.id}/invitations`).expect(200);
      assert.deepEqual(list.body.items.map((i: { id: string }) => i.id), [inv.body.id]);
      assert.equal(list.body.items[0].token, undefined, 'the token is shown once, at creation');
      await other.client.get(`/api/orgs/${uni.org!.id}/invitations`).expect(403);
      await other.client.delete(`/api/orgs/${uni.org!.id}/invitations/${inv.body.id}`).expect(403);
      await other.client.delete(`/api/orgs/${other.org!.id}/invitations/${inv.body.id}`).expect(404);
      const revoked = await uni.client.delete(`/api/orgs/${uni.org!.id}/invitations/${inv.body.id}`).expect(200);
      assert.equal(revoked.body.status, 'revoked');
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'x', invitationToken: inv.body.token }).expect(410);
      assert.equal(res.body.error.code, 'invitation_revoked');
    });
  });
});
