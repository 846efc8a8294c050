import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { signUp, type SignedIn } from '../../test/factories';
import { parties, publishedAchievement } from '../../test/deals.factories';
import { Demand } from '../demands/demand.model';
import { Deal } from '../deals/deal.model';
import { Notification } from '../notifications/notification.model';
import { DemandInterest, Interest } from './match.model';

// Issue 17 item 2: both sides can act — a supplier shows interest in a demand and opens a deal
// from it; an interest carries a message both ways.
describe('both sides act: a supplier on a demand (issue 17)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  async function openDemand(owner: SignedIn, over: Record<string, unknown> = {}) {
    const d = await Demand.create({
      org: owner.org!.id,
      createdBy: owner.user.id,
      title: { zh: '寻求正极材料低温工艺', en: 'Low-temperature cathode process wanted' },
      field: 'energy-storage',
      region: '310000',
      status: 'open',
      publishedAt: new Date(),
      ...over,
    });
    return String(d._id);
  }

  describe('POST /api/demand-interests', () => {
    it('lets a university show interest in a demand with one of its achievements and a message; the enterprise sees both and is notified', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer);
      const sent = await p.supplier.client
        .post('/api/demand-interests', { demandId, achievementId: p.achievementId, message: '我们的工艺可在 600℃ 下烧结' })
        .expect(201);
      assert.equal(sent.body.status, 'open');
      assert.equal(sent.body.side, 'supplier');
      assert.equal(sent.body.achievement.id, p.achievementId);
      assert.equal(sent.body.demandOrg.id, p.buyer.org!.id);

      const received = await p.buyer.client.get('/api/demand-interests?side=received').expect(200);
      assert.equal(received.body.total, 1);
      const it = received.body.items[0];
      assert.equal(it.side, 'demand');
      assert.equal(it.fromOrg.id, p.supplier.org!.id);
      assert.ok(it.fromOrg.name.zh);
      assert.equal(it.achievement.title.zh, '锂电池正极材料低温烧结工艺');
      assert.equal(it.message, '我们的工艺可在 600℃ 下烧结');
      assert.equal(it.demandTitle.zh, '寻求正极材料低温工艺');

      await srv.services.effects.idle();
      const n = await Notification.findOne({ user: p.buyer.user.id, kind: 'demand-interest.new' }).lean();
      assert.ok(n, 'the enterprise is notified');
      assert.match(n!.title!.zh!, /对您的需求感兴趣/);
      assert.match(n!.body!.zh!, /600℃/);
      assert.match(n!.body!.en!, /Message: 我们的工艺/);

      const again = await p.supplier.client.post('/api/demand-interests', { demandId }).expect(409);
      assert.equal(again.body.error.code, 'interest_exists');
    });

    it('takes no achievement, refuses another organisation\'s or an unpublished one naming achievementId, and a long message naming message', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer);
      const other = await signUp(srv.url, { kind: 'institute', verified: true });
      const theirs = await publishedAchievement(other.org!.id, other.user.id);
      const wrong = await p.supplier.client.post('/api/demand-interests', { demandId, achievementId: theirs }).expect(400);
      assert.equal(wrong.body.error.field, 'achievementId');
      const long = await p.supplier.client.post('/api/demand-interests', { demandId, message: '长'.repeat(2001) }).expect(400);
      assert.equal(long.body.error.field, 'message');
      assert.equal(await DemandInterest.countDocuments(), 0);

      const none = await p.supplier.client.post('/api/demand-interests', { demandId }).expect(201);
      assert.equal(none.body.achievement, null);
    });

    it('refuses an enterprise (403), the demand\'s own organisation, and a draft or unknown demand (404)', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer);
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const r = await ent.client.post('/api/demand-interests', { demandId }).expect(403);
      assert.equal(r.body.error.code, 'not_a_supplier');
      const draft = await openDemand(p.buyer, { status: 'draft' });
      await p.supplier.client.post('/api/demand-interests', { demandId: draft }).expect(404);
      await p.supplier.client.post('/api/demand-interests', { demandId: '0123456789abcdef01234567' }).expect(404);
      assert.equal(await DemandInterest.countDocuments(), 0);
    });

    it('keeps an anonymous demand\'s organisation from the supplier until it is revealed', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer, { anonymous: true });
      const sent = await p.supplier.client.post('/api/demand-interests', { demandId, message: '可以合作' }).expect(201);
      assert.equal(sent.body.demandOrg, null);
      assert.equal(sent.body.anonymous, true);
      const mine = await p.supplier.client.get('/api/demand-interests?side=sent').expect(200);
      assert.equal(mine.body.items[0].demandOrg, null);
      assert.ok(!JSON.stringify(mine.body).includes(p.buyer.org!.id), 'no trace of the enterprise');
      // the enterprise still sees who asked
      const received = await p.buyer.client.get('/api/demand-interests?side=received').expect(200);
      assert.equal(received.body.items[0].fromOrg.id, p.supplier.org!.id);

      await p.buyer.client.post(`/api/demands/${demandId}/reveal`, { orgId: p.supplier.org!.id }).expect(200);
      const after = await p.supplier.client.get('/api/demand-interests?side=sent').expect(200);
      assert.equal(after.body.items[0].demandOrg.id, p.buyer.org!.id);
    });
  });

  describe('answering and declining', () => {
    it('lets the demand side answer (not the supplier, 403; nor a third organisation, 404), then the supplier decline', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer);
      const sent = await p.supplier.client.post('/api/demand-interests', { demandId, achievementId: p.achievementId }).expect(201);
      const id = sent.body.id;
      await p.supplier.client.post(`/api/demand-interests/${id}/answer`, { message: '自问自答' }).expect(403);
      const third = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await third.client.post(`/api/demand-interests/${id}/answer`, { message: 'x' }).expect(404);
      await third.client.post(`/api/demand-interests/${id}/decline`, { reason: 'price' }).expect(404);
      const empty = await p.buyer.client.post(`/api/demand-interests/${id}/answer`, { message: ' ' }).expect(400);
      assert.equal(empty.body.error.field, 'message');

      const answered = await p.buyer.client.post(`/api/demand-interests/${id}/answer`, { message: '欢迎来访' }).expect(200);
      assert.equal(answered.body.status, 'answered');
      assert.equal(answered.body.achievement.title.zh, '锂电池正极材料低温烧结工艺', 'the answer keeps the achievement title');
      assert.equal(answered.body.fromOrg.id, p.supplier.org!.id);
      await p.buyer.client.post(`/api/demand-interests/${id}/answer`, { message: 'again' }).expect(409);

      const declined = await p.supplier.client.post(`/api/demand-interests/${id}/decline`, { reason: 'too-early' }).expect(200);
      assert.equal(declined.body.status, 'declined');
      assert.equal(declined.body.decline.side, 'supplier');
      await srv.services.effects.idle();
      assert.equal(await Notification.countDocuments({ user: p.supplier.user.id, kind: 'demand-interest.answered' }), 1);
      assert.equal(await Notification.countDocuments({ user: p.buyer.user.id, kind: 'demand-interest.declined' }), 1);
    });

    it('pages the received list and reports the total', async () => {
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const demandId = await openDemand(ent);
      for (let i = 0; i < 3; i++) {
        const uni = await signUp(srv.url, { kind: 'university', verified: true });
        await uni.client.post('/api/demand-interests', { demandId, message: `第${i}所` }).expect(201);
      }
      const p1 = await ent.client.get('/api/demand-interests?side=received&page=1&pageSize=2').expect(200);
      const p2 = await ent.client.get('/api/demand-interests?side=received&page=2&pageSize=2').expect(200);
      assert.equal(p1.body.total, 3);
      assert.equal(p1.body.items.length, 2);
      assert.equal(p2.body.items.length, 1);
      const ids = new Set([...p1.body.items, ...p2.body.items].map((x: { id: string }) => x.id));
      assert.equal(ids.size, 3);
      const bad = await ent.client.get('/api/demand-interests?pageSize=500').expect(400);
      assert.equal(bad.body.error.field, 'pageSize');
    });
  });

  describe('POST /api/deals by the supplier', () => {
    it('opens a deal on its own achievement with the enterprise of a demand it sees', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer);
      const res = await p.supplier.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId }).expect(201);
      assert.equal(res.body.supplier.id, p.supplier.org!.id);
      assert.equal(res.body.buyer.id, p.buyer.org!.id);
      assert.equal(res.body.demandId, demandId);
      // the enterprise sees it in its deals
      const theirs = await p.buyer.client.get('/api/deals').expect(200);
      assert.equal(theirs.body.total, 1);
      await srv.services.effects.idle();
      assert.equal(await Notification.countDocuments({ user: p.buyer.user.id, kind: 'deal.invited' }), 1, 'the enterprise is told');
      assert.equal(await Notification.countDocuments({ user: p.supplier.user.id, kind: 'deal.invited' }), 0);
    });

    it('asks for the demand, refuses an anonymous demand not revealed to it (403) and opens once revealed', async () => {
      const p = await parties(srv.url);
      const noDemand = await p.supplier.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(400);
      assert.equal(noDemand.body.error.field, 'demandId');
      const demandId = await openDemand(p.buyer, { anonymous: true });
      const hidden = await p.supplier.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId }).expect(403);
      assert.equal(hidden.body.error.code, 'demand_anonymous');
      assert.ok(!JSON.stringify(hidden.body).includes(p.buyer.org!.id));
      assert.equal(await Deal.countDocuments(), 0);
      await p.buyer.client.post(`/api/demands/${demandId}/reveal`, { orgId: p.supplier.org!.id }).expect(200);
      await p.supplier.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId }).expect(201);
    });

    it("refuses an unverified supplier, another university's achievement, a closed demand and a named buyer that is not the demand's", async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer);
      const unverified = await signUp(srv.url, { kind: 'university' });
      const itsOwn = await publishedAchievement(unverified.org!.id, unverified.user.id);
      const r1 = await unverified.client.post('/api/deals', { achievementId: itsOwn, mode: 'license', demandId }).expect(403);
      assert.equal(r1.body.error.code, 'org_not_verified');
      const other = await signUp(srv.url, { kind: 'university', verified: true });
      const r2 = await other.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId }).expect(403);
      assert.equal(r2.body.error.code, 'cannot_open_deal');
      const closed = await openDemand(p.buyer, { status: 'closed' });
      await p.supplier.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId: closed }).expect(404);
      const someone = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const r4 = await p.supplier.client
        .post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId, buyerOrgId: someone.org!.id })
        .expect(400);
      assert.equal(r4.body.error.field, 'buyerOrgId');
      assert.equal(await Deal.countDocuments(), 0);
    });
  });

  describe('interests in achievements (issue 17 item 3)', () => {
    it('keep the achievement title once answered and show the buyer once its anonymous demand is revealed', async () => {
      const p = await parties(srv.url);
      const demandId = await openDemand(p.buyer, { anonymous: true });
      const sent = await p.buyer.client.post('/api/interests', { achievementId: p.achievementId, demandId, message: '请介绍工艺参数' }).expect(201);
      await srv.services.effects.idle();
      const n = await Notification.findOne({ user: p.supplier.user.id, kind: 'interest.new' }).lean();
      assert.match(n!.body!.zh!, /请介绍工艺参数/, 'the notification carries the message');

      const before = await p.supplier.client.get('/api/interests?side=received').expect(200);
      assert.equal(before.body.items[0].fromOrg, null);
      assert.equal(before.body.items[0].message, '请介绍工艺参数');

      const answered = await p.supplier.client.post(`/api/interests/${sent.body.id}/answer`, { message: '可以' }).expect(200);
      assert.equal(answered.body.achievementTitle.zh, '锂电池正极材料低温烧结工艺');
      assert.equal(answered.body.fromOrg, null, 'still anonymous');

      await p.buyer.client.post(`/api/demands/${demandId}/reveal`, { orgId: p.supplier.org!.id }).expect(200);
      const after = await p.supplier.client.get('/api/interests?side=received').expect(200);
      assert.equal(after.body.items[0].fromOrg.id, p.buyer.org!.id);
      assert.ok(after.body.items[0].fromOrg.name.zh);
      assert.equal(after.body.items[0].achievementTitle.zh, '锂电池正极材料低温烧结工艺');
      assert.equal(await Interest.countDocuments(), 1);
    });
  });
});
