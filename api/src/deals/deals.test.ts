import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import {
  brokeredDeal,
  equityTerms,
  licenseTerms,
  newClientMsgId,
  openDealFor,
  parties,
  publishedAchievement,
  transferTerms,
} from '../../test/deals.factories';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { AuditEvent } from '../audit/audit.model';
import { Deal } from './deal.model';
import { Match } from '../matching/match.model';
import { Message } from './message.model';
import { Notification } from '../notifications/notification.model';

describe('deals (REST reads and deal opening; room commands over the /deals socket)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());

  const offer = (replacesVersion: number, terms: object = licenseTerms(), note?: string) => ({
    replacesVersion,
    terms,
    ...(note ? { note } : {}),
  });

  describe('POST /api/deals', () => {
    it('lets an enterprise member open a deal: status open, a first system message, the achievement negotiating', async () => {
      const p = await parties(srv.url);
      const before = await Achievement.findById(p.achievementId).lean();
      const res = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(201);
      assert.equal(res.body.status, 'open');
      assert.equal(res.body.mode, 'license');
      assert.equal(res.body.supplier.id, p.supplier.org!.id);
      assert.equal(res.body.buyer.id, p.buyer.org!.id);
      assert.equal(res.body.broker, null);
      assert.equal(res.body.currentOfferVersion, 0);
      assert.deepEqual(res.body.nextStatuses.sort(), ['cancelled', 'negotiating']);

      await srv.indexer.idle();
      const ach = await Achievement.findById(p.achievementId).lean();
      assert.equal(ach!.status, 'negotiating');
      assert.equal(ach!.version, before!.version + 1);
      assert.equal(ach!.indexedVersion, ach!.version, 'the indexer re-indexed the listing at its new version');
      assert.equal(ach!.indexDirty, false);

      const msgs = await p.supplier.client.get(`/api/deals/${res.body.id}/messages`).expect(200);
      assert.equal(msgs.body.items.length, 1);
      assert.equal(msgs.body.items[0].seq, 1);
      assert.equal(msgs.body.items[0].kind, 'system');
      assert.equal(msgs.body.items[0].event.action, 'deal.opened');
      assert.equal(await AuditEvent.countDocuments({ entityId: res.body.id, action: 'deal.opened' }), 1);
    });

    it('returns the live deal instead of opening a second one for the same buyer, achievement and mode', async () => {
      const p = await parties(srv.url);
      const first = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(201);
      const again = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(200);
      assert.equal(again.body.id, first.body.id);
      await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'transfer' }).expect(201);
      assert.equal(await Deal.countDocuments(), 2);
    });

    it('stores the demand and match it came from', async () => {
      const p = await parties(srv.url);
      const demand = await Demand.create({
        org: p.buyer.org!.id,
        createdBy: p.buyer.user.id,
        title: { zh: '寻求正极材料工艺', en: '' },
        field: 'energy-storage',
        region: '310000',
        status: 'open',
      });
      const match = await Match.create({ demand: demand._id, achievement: p.achievementId, demandOrg: p.buyer.org!.id, supplierOrg: p.supplier.org!.id, score: 0.7 });
      const matchId = String(match._id);
      const res = await p.buyer.client
        .post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId: String(demand._id), matchId })
        .expect(201);
      assert.equal(res.body.demandId, String(demand._id));
      assert.equal(res.body.matchId, matchId);
    });

    it("refuses a demand that is not the buyer's own, naming demandId", async () => {
      const p = await parties(srv.url);
      const other = await signUp(srv.url, { kind: 'enterprise' });
      const demand = await Demand.create({ org: other.org!.id, createdBy: other.user.id, field: 'energy-storage', region: '310000' });
      const res = await p.buyer.client
        .post('/api/deals', { achievementId: p.achievementId, mode: 'license', demandId: String(demand._id) })
        .expect(400);
      assert.equal(res.body.error.field, 'demandId');
      assert.equal(await Deal.countDocuments(), 0);
    });

    it('lets a broker propose a deal naming the buyer; once the buyer accepts, the broker takes part', async () => {
      const p = await parties(srv.url);
      const { broker, dealId } = await brokeredDeal(srv.url, p, 'transfer');
      const res = await p.buyer.client.get(`/api/deals/${dealId}`).expect(200);
      assert.equal(res.body.broker.id, broker.org!.id);
      assert.equal(res.body.buyer.id, p.buyer.org!.id);
      for (const who of [p.supplier, p.buyer, broker]) await who.client.get(`/api/deals/${dealId}`).expect(200);
    });

    it('asks a broker for the buyer, and refuses a buyer that is not an enterprise', async () => {
      const p = await parties(srv.url);
      const broker = await signUp(srv.url, { kind: 'agency', verified: true });
      const missing = await broker.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(400);
      assert.equal(missing.body.error.field, 'buyerOrgId');
      const uni = await broker.client
        .post('/api/deals', { achievementId: p.achievementId, mode: 'license', buyerOrgId: p.supplier.org!.id })
        .expect(400);
      assert.equal(uni.body.error.field, 'buyerOrgId');
      assert.equal(await Deal.countDocuments(), 0);
    });

    it('refuses university members and an enterprise naming another buyer', async () => {
      const p = await parties(srv.url);
      const uni = await signUp(srv.url, { kind: 'university' });
      const r1 = await uni.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(403);
      assert.equal(r1.body.error.code, 'cannot_open_deal');
      const other = await signUp(srv.url, { kind: 'enterprise' });
      const r2 = await p.buyer.client
        .post('/api/deals', { achievementId: p.achievementId, mode: 'license', buyerOrgId: other.org!.id })
        .expect(400);
      assert.equal(r2.body.error.field, 'buyerOrgId');
      assert.equal(await Deal.countDocuments(), 0);
    });

    it('refuses a mode the achievement does not offer, naming mode', async () => {
      const supplier = await signUp(srv.url, { kind: 'institute', verified: true });
      const buyer = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const achievementId = await publishedAchievement(supplier.org!.id, supplier.user.id, ['license']);
      const res = await buyer.client.post('/api/deals', { achievementId, mode: 'equity' }).expect(400);
      assert.equal(res.body.error.field, 'mode');
      assert.equal(await Deal.countDocuments(), 0);
    });

    it('answers 404 for a draft or withdrawn achievement and 409 for a transacted one', async () => {
      const p = await parties(srv.url);
      await Achievement.updateOne({ _id: p.achievementId }, { $set: { status: 'draft' } });
      await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(404);
      await Achievement.updateOne({ _id: p.achievementId }, { $set: { status: 'withdrawn' } });
      await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(404);
      await Achievement.updateOne({ _id: p.achievementId }, { $set: { status: 'transacted' } });
      const res = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(409);
      assert.equal(res.body.error.details.status, 'transacted');
    });

    const hostile: [string, Record<string, unknown>, string][] = [
      ['an operator object as id', { achievementId: { $gt: '' }, mode: 'license' }, 'achievementId'],
      ['an unknown mode', { mode: 'lease' }, 'mode'],
      ['an unknown key', { status: 'agreed' }, 'status'],
      ['a number as buyerOrgId', { buyerOrgId: 7 }, 'buyerOrgId'],
    ];
    for (const [what, patch, field] of hostile) {
      it(`answers 400 naming "${field}" for ${what}`, async () => {
        const p = await parties(srv.url);
        const res = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license', ...patch }).expect(400);
        assert.equal(res.body.error.field, field);
        assert.equal(await Deal.countDocuments(), 0);
      });
    }

    it('needs a signed-in user', async () => {
      const p = await parties(srv.url);
      const anon = await signUp(srv.url);
      await anon.client.post('/api/auth/logout').expect(204);
      await anon.client.init();
      await anon.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(401);
    });
  });

  describe('who may see a deal', () => {
    it('answers 404 to non-participants on every route and changes nothing', async () => {
      const d = await openDealFor(srv.url);
      const stranger = await signUp(srv.url, { kind: 'enterprise' });
      const c = stranger.client;
      const base = `/api/deals/${d.dealId}`;
      await c.get(base).expect(404);
      await c.get(`${base}/messages`).expect(404);
      await c.get(`${base}/offers`).expect(404);
      await c.get(`${base}/audit`).expect(404);
      await c.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: '你好' }).expect(404);
      await c.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(404);
      await c.room('deal:transition', { dealId: d.dealId, to: 'cancelled', reason: 'x' }).expect(404);
      const unknown = await c.get('/api/deals/65f0c0ffee0000000000abcd').expect(404);
      const hidden = await c.get(base).expect(404);
      assert.deepEqual(hidden.body, { error: { ...unknown.body.error } }, 'a hidden deal looks exactly like a missing one');
      assert.equal(await Message.countDocuments({ deal: d.dealId }), 1);
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'open');
      const mine = await c.get('/api/deals').expect(200);
      assert.equal(mine.body.total, 0);
    });

    it('lets a platform admin read a deal but not act in it', async () => {
      const d = await openDealFor(srv.url);
      const admin = await signInAdmin(srv.url);
      await admin.client.get(`/api/deals/${d.dealId}`).expect(200);
      await admin.client.get(`/api/deals/${d.dealId}/messages`).expect(200);
      const res = await admin.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: 'hi' }).expect(403);
      assert.equal(res.body.error.code, 'not_a_party');
    });

    it('lists my deals for both sides', async () => {
      const d = await openDealFor(srv.url);
      const s = await d.supplier.client.get('/api/deals').expect(200);
      const b = await d.buyer.client.get('/api/deals?status=open').expect(200);
      assert.deepEqual(s.body.items.map((x: { id: string }) => x.id), [d.dealId]);
      assert.deepEqual(b.body.items.map((x: { id: string }) => x.id), [d.dealId]);
      const none = await d.buyer.client.get('/api/deals?status=agreed').expect(200);
      assert.equal(none.body.total, 0);
      await d.buyer.client.get('/api/deals?status[$ne]=x').expect(400);
    });

    it('answers 400 for a malformed id', async () => {
      const d = await openDealFor(srv.url);
      const res = await d.buyer.client.get('/api/deals/not-an-id').expect(400);
      assert.equal(res.body.error.field, 'id');
    });
  });

  describe('messages', () => {
    it('stores a message with the next seq and pages the timeline', async () => {
      const d = await openDealFor(srv.url);
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const who = i % 2 ? d.supplier : d.buyer;
        const res = await who.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: `消息 ${i}` }).expect(201);
        seqs.push(res.body.seq);
        assert.equal(res.body.side, i % 2 ? 'supplier' : 'buyer');
      }
      assert.deepEqual(seqs, [2, 3, 4, 5, 6]);
      const p1 = await d.buyer.client.get(`/api/deals/${d.dealId}/messages?after=0&limit=4`).expect(200);
      assert.deepEqual(p1.body.items.map((m: { seq: number }) => m.seq), [1, 2, 3, 4]);
      assert.equal(p1.body.hasMore, true);
      assert.equal(p1.body.lastSeq, 6);
      const p2 = await d.buyer.client.get(`/api/deals/${d.dealId}/messages?after=4&limit=4`).expect(200);
      assert.deepEqual(p2.body.items.map((m: { seq: number; text: string }) => [m.seq, m.text]), [
        [5, '消息 3'],
        [6, '消息 4'],
      ]);
      assert.equal(p2.body.hasMore, false);
    });

    it('returns the first message for a resend with the same clientMsgId, storing nothing', async () => {
      const d = await openDealFor(srv.url);
      const clientMsgId = newClientMsgId();
      const first = await d.buyer.client.room('message:send', { dealId: d.dealId, clientMsgId, text: '第一次' }).expect(201);
      await d.supplier.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: '插一句' }).expect(201);
      const again = await d.buyer.client.room('message:send', { dealId: d.dealId, clientMsgId, text: '第一次' }).expect(200);
      assert.equal(again.body.seq, first.body.seq);
      assert.equal(again.body.id, first.body.id);
      assert.equal(await Message.countDocuments({ deal: d.dealId }), 3);
      const next = await d.buyer.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: 'next' }).expect(201);
      assert.equal(next.body.seq, 4, 'the refused resend left no gap');
    });

    it('gives concurrent senders distinct, gapless seqs', async () => {
      const d = await openDealFor(srv.url);
      const sends = Array.from({ length: 24 }, (_, i) =>
        (i % 2 ? d.supplier : d.buyer).client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: `m${i}` }),
      );
      const res = await Promise.all(sends);
      const seqs = res.map((r) => r.body.seq).sort((a, b) => a - b);
      assert.deepEqual(seqs, Array.from({ length: 24 }, (_, i) => i + 2));
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['an empty text', { text: '   ' }, 'text'],
      ['an oversized text', { text: 'x'.repeat(4001) }, 'text'],
      ['an object as text', { text: { $gt: '' } }, 'text'],
      ['a malformed clientMsgId', { clientMsgId: 'a b' }, 'clientMsgId'],
      ['a missing clientMsgId', { clientMsgId: undefined }, 'clientMsgId'],
    ];
    for (const [what, patch, field] of bad) {
      it(`answers 400 naming "${field}" for ${what}`, async () => {
        const d = await openDealFor(srv.url);
        const res = await d.buyer.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: 'ok', ...patch }).expect(400);
        assert.equal(res.body.error.field, field);
        assert.equal(await Message.countDocuments({ deal: d.dealId }), 1);
      });
    }

    it('closes the room to messages once the deal is cancelled', async () => {
      const d = await openDealFor(srv.url);
      await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'cancelled', reason: '预算调整' }).expect(200);
      const res = await d.supplier.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: '还在吗' }).expect(409);
      assert.equal(res.body.error.details.status, 'cancelled');
    });
  });

  describe('offers', () => {
    it('makes a first offer (version 1), which moves the deal to negotiating and writes an offer message', async () => {
      const d = await openDealFor(srv.url);
      const res = await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0, licenseTerms(), '首轮报价') }).expect(201);
      assert.equal(res.body.offer.version, 1);
      assert.equal(res.body.offer.side, 'supplier');
      assert.equal(res.body.offer.status, 'open');
      assert.equal(res.body.deal.status, 'negotiating');
      assert.equal(res.body.deal.currentOfferVersion, 1);
      assert.equal(res.body.message.kind, 'offer');
      assert.equal(res.body.message.offer.terms.royaltyRate, 3.5);
      const msgs = await d.buyer.client.get(`/api/deals/${d.dealId}/messages`).expect(200);
      assert.deepEqual(msgs.body.items.map((m: { seq: number; kind: string }) => `${m.seq}:${m.kind}`), ['1:system', '2:offer', '3:system']);
      assert.equal(msgs.body.items[2].event.to, 'negotiating');
    });

    it('refuses a counter-offer naming a stale version with 409 and the current version', async () => {
      const d = await openDealFor(srv.url);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 2.5 })) }).expect(201);
      const res = await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 3 })) }).expect(409);
      assert.equal(res.body.error.code, 'stale_offer');
      assert.equal(res.body.error.details.currentOfferVersion, 2);
      assert.equal(res.body.error.details.status, 'negotiating');
      const deal = await Deal.findById(d.dealId).lean();
      assert.equal(deal!.offers.length, 2);
      assert.equal(deal!.offers[0]!.status, 'superseded');
    });

    it('lets exactly one of two simultaneous counter-offers to the same version win', async () => {
      const d = await openDealFor(srv.url);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      const [a, b] = await Promise.all([
        d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 2 })) }),
        d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 4 })) }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [201, 409]);
      const deal = await Deal.findById(d.dealId).lean();
      assert.equal(deal!.currentOfferVersion, 2);
      assert.equal(deal!.offers.length, 2);
    });

    const invalid: [string, object, string][] = [
      ['a royalty rate over 100', licenseTerms({ royaltyRate: 150 }), 'terms.royaltyRate'],
      ['a royalty rate as text', licenseTerms({ royaltyRate: '3%' }), 'terms.royaltyRate'],
      ['an unknown exclusivity', licenseTerms({ exclusivity: 'semi' }), 'terms.exclusivity'],
      ['a fractional fee', licenseTerms({ upfrontFee: 10.5 }), 'terms.upfrontFee'],
      ['a milestone without a date', licenseTerms({ milestones: [{ description: 'x', amount: 1 }] }), 'terms.milestones.0.due'],
      ['an impossible date', licenseTerms({ milestones: [{ description: 'x', amount: 1, due: '2027-02-30' }] }), 'terms.milestones.0.due'],
      ['an unknown term', licenseTerms({ discount: 5 }), 'terms.discount'],
      ['an unknown mode', { mode: 'lease' }, 'terms.mode'],
      ['an operator object', licenseTerms({ termYears: { $gt: 0 } }), 'terms.termYears'],
    ];
    for (const [what, terms, field] of invalid) {
      it(`rejects ${what}, naming ${field}, storing nothing`, async () => {
        const d = await openDealFor(srv.url);
        const res = await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0, terms) }).expect(400);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.equal(res.body.error.field, field);
        const deal = await Deal.findById(d.dealId).lean();
        assert.equal(deal!.offers.length, 0);
        assert.equal(deal!.status, 'open');
      });
    }

    it('rejects terms of another mode than the deal, naming terms.mode', async () => {
      const d = await openDealFor(srv.url, 'license');
      const res = await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0, transferTerms()) }).expect(400);
      assert.equal(res.body.error.field, 'terms.mode');
    });

    it('requires a transfer payment schedule that adds up to the price', async () => {
      const d = await openDealFor(srv.url, 'transfer');
      const bad = transferTerms({ price: 150_000_000 });
      const res = await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(0, bad) }).expect(400);
      assert.equal(res.body.error.field, 'terms.paymentSchedule');
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(0, transferTerms()) }).expect(201);
    });

    it('validates equity terms: share, company and a cliff within the vesting period', async () => {
      const d = await openDealFor(srv.url, 'equity');
      const r1 = await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(0, equityTerms({ equitySharePct: 0 })) }).expect(400);
      assert.equal(r1.body.error.field, 'terms.equitySharePct');
      const r2 = await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(0, equityTerms({ company: { name: '' } })) }).expect(400);
      assert.equal(r2.body.error.field, 'terms.company.name');
      const r3 = await d.buyer.client
        .room('offer:create', { dealId: d.dealId, ...offer(0, equityTerms({ vesting: { totalMonths: 12, cliffMonths: 24 } })) })
        .expect(400);
      assert.equal(r3.body.error.field, 'terms.vesting.cliffMonths');
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(0, equityTerms()) }).expect(201);
    });

    it('agrees only when the supplier and the buyer accepted the same version', async () => {
      const d = await openDealFor(srv.url);
      const base = `/api/deals/${d.dealId}`;
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      const s1 = await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(200);
      assert.equal(s1.body.deal.status, 'negotiating', 'one side alone does not agree');
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 3 })) }).expect(201);
      const late = await d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(409);
      assert.equal(late.body.error.code, 'stale_offer', "the supplier's acceptance of v1 cannot combine with a later one");
      const b2 = await d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 2 }).expect(200);
      assert.equal(b2.body.deal.status, 'negotiating');
      const again = await d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 2 }).expect(409);
      assert.equal(again.body.error.code, 'already_accepted');
      const s2 = await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 2 }).expect(200);
      assert.equal(s2.body.deal.status, 'agreed');
      assert.equal(s2.body.deal.agreedOfferVersion, 2);
      assert.equal(s2.body.offer.status, 'accepted');

      const history = await d.buyer.client.get(`${base}/offers`).expect(200);
      assert.deepEqual(
        history.body.items.map((o: { version: number; acceptances: { side: string }[] }) => [o.version, o.acceptances.map((a) => a.side)]),
        [
          [1, ['supplier']],
          [2, ['buyer', 'supplier']],
        ],
      );
      const after = await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(2) }).expect(409);
      assert.equal(after.body.error.code, 'deal_not_negotiable');
      assert.equal(after.body.error.details.status, 'agreed');
    });

    it('agrees exactly once when both sides accept at the same moment', async () => {
      const d = await openDealFor(srv.url);
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      const [a, b] = await Promise.all([
        d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 1 }),
        d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 1 }),
      ]);
      assert.deepEqual([a.status, b.status], [200, 200]);
      const deal = await Deal.findById(d.dealId).lean();
      assert.equal(deal!.status, 'agreed');
      assert.equal(deal!.offers[0]!.acceptances.length, 2);
      assert.equal(await AuditEvent.countDocuments({ entityId: d.dealId, action: 'deal.transitioned', to: 'agreed' }), 1);
    });

    it('keeps the broker out of accepting and rejecting, but lets them propose and withdraw', async () => {
      const p = await parties(srv.url);
      const { broker, dealId } = await brokeredDeal(srv.url, p);
      await broker.client.room('offer:create', { dealId: dealId, ...offer(0) }).expect(201);
      const acc = await broker.client.room('offer:accept', { dealId: dealId, version: 1 }).expect(403);
      assert.equal(acc.body.error.code, 'not_a_principal');
      await broker.client.room('offer:reject', { dealId: dealId, version: 1 }).expect(403);
      await p.supplier.client.room('offer:withdraw', { dealId: dealId, version: 1 }).expect(403);
      const w = await broker.client.room('offer:withdraw', { dealId: dealId, version: 1, reason: '条款有误' }).expect(200);
      assert.equal(w.body.offer.status, 'withdrawn');
      assert.equal(w.body.offer.closeReason, '条款有误');
    });

    it('lets the other side reject an offer, not its author, and a closed offer cannot be accepted', async () => {
      const d = await openDealFor(srv.url);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      const own = await d.supplier.client.room('offer:reject', { dealId: d.dealId, version: 1 }).expect(403);
      assert.equal(own.body.error.code, 'own_offer');
      const r = await d.buyer.client.room('offer:reject', { dealId: d.dealId, version: 1, reason: '提成过高' }).expect(200);
      assert.equal(r.body.offer.status, 'rejected');
      assert.equal(r.body.message.event.action, 'offer.rejected');
      const acc = await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(409);
      assert.equal(acc.body.error.code, 'offer_not_open');
      assert.equal(acc.body.error.details.offerStatus, 'rejected');
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 2 })) }).expect(201);
    });

    it('answers 400 for an unknown offer action or a non-numeric version', async () => {
      const d = await openDealFor(srv.url);
      await d.supplier.client.room('offer:approve', { dealId: d.dealId, version: 1 }).expect(400);
      await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 'abc' }).expect(400);
    });

    it('shows every version with the terms that changed, and diffs any two', async () => {
      const d = await openDealFor(srv.url);
      const base = `/api/deals/${d.dealId}`;
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ royaltyRate: 2.5, exclusivity: 'sole' })) }).expect(201);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(2, licenseTerms({ royaltyRate: 3, exclusivity: 'sole', termYears: 8 })) }).expect(201);
      const h = await d.buyer.client.get(`${base}/offers`).expect(200);
      assert.deepEqual(h.body.items.map((o: { version: number; status: string }) => [o.version, o.status]), [
        [1, 'superseded'],
        [2, 'superseded'],
        [3, 'open'],
      ]);
      assert.equal(h.body.items[0].diff, null);
      assert.deepEqual(h.body.items[1].diff.map((c: { path: string }) => c.path), ['exclusivity', 'royaltyRate']);
      assert.deepEqual(h.body.items[2].diff.map((c: { path: string; from: unknown; to: unknown }) => [c.path, c.from, c.to]), [
        ['royaltyRate', 2.5, 3],
        ['termYears', 5, 8],
      ]);
      const d13 = await d.buyer.client.get(`${base}/offers/diff?a=1&b=3`).expect(200);
      assert.deepEqual(d13.body.changes.map((c: { path: string }) => c.path), ['exclusivity', 'royaltyRate', 'termYears']);
      await d.buyer.client.get(`${base}/offers/diff?a=1&b=9`).expect(404);
    });
  });

  describe('deal:transition', () => {
    async function agreed(terms?: Record<string, unknown>) {
      const d = await openDealFor(srv.url);
      const base = `/api/deals/${d.dealId}`;
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0), ...(terms ? { terms } : {}) }).expect(201);
      await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(200);
      await d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 1 }).expect(200);
      return { ...d, base };
    }

    it('refuses an illegal transition with 409 and the current state', async () => {
      const d = await openDealFor(srv.url);
      const res = await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'contracted' }).expect(409);
      assert.equal(res.body.error.code, 'illegal_transition');
      assert.equal(res.body.error.details.status, 'open');
      assert.deepEqual(res.body.error.details.allowed.sort(), ['cancelled', 'negotiating']);
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'open');
    });

    it('never agrees by hand: 409 until both accept', async () => {
      const d = await openDealFor(srv.url);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      const res = await d.supplier.client.room('deal:transition', { dealId: d.dealId, to: 'agreed' }).expect(409);
      assert.equal(res.body.error.code, 'agreement_requires_acceptance');
      assert.equal(res.body.error.details.status, 'negotiating');
    });

    it('refuses contracted, paying and completed by hand; the platform carries the deal through them and marks the achievement transacted', async () => {
      const d = await agreed();
      for (const to of ['contracted', 'paying', 'completed'] as const) {
        const res = await d.buyer.client.room('deal:transition', { dealId: d.dealId, to }).expect(409);
        assert.equal(res.body.error.details.status, 'agreed');
      }
      for (const [from, to] of [['agreed', 'contracted'], ['contracted', 'paying'], ['paying', 'completed']] as const)
        await srv.services.deals.changes.changeBySystem(d.dealId, () => ({
          set: { status: to, ...(to === 'completed' ? { liveKey: `closed:${d.dealId}` } : {}) },
          guard: { status: from },
          events: [{ kind: 'system', action: 'deal.transitioned', from, to, data: { action: 'deal.transitioned', from, to } }],
        }));
      const done = await Deal.findById(d.dealId).lean();
      assert.equal(done!.status, 'completed');
      assert.equal((await Achievement.findById(d.achievementId).lean())!.status, 'transacted');
      const late = await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'cancelled', reason: '反悔' }).expect(409);
      assert.equal(late.body.error.details.status, 'completed');
    });

    /** Carries an agreed deal through the platform's own steps to completed. */
    async function complete(dealId: string) {
      for (const [from, to] of [['agreed', 'contracted'], ['contracted', 'paying'], ['paying', 'completed']] as const)
        await srv.services.deals.changes.changeBySystem(dealId, () => ({
          set: { status: to, ...(to === 'completed' ? { liveKey: `closed:${dealId}` } : {}) },
          guard: { status: from },
          events: [{ kind: 'system', action: 'deal.transitioned', from, to, data: { action: 'deal.transitioned', from, to } }],
        }));
    }

    it('keeps the achievement published (searchable) after a completed non-exclusive licence; a sole licence makes it transacted', async () => {
      const open = await agreed(licenseTerms({ exclusivity: 'non-exclusive' }));
      assert.equal((await Achievement.findById(open.achievementId).lean())!.status, 'negotiating');
      await complete(open.dealId);
      assert.equal((await Deal.findById(open.dealId).lean())!.status, 'completed');
      assert.equal((await Achievement.findById(open.achievementId).lean())!.status, 'published', 'still on offer to the next licensee');
      // another buyer can license it again
      const next = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await next.client.post('/api/deals', { achievementId: open.achievementId, mode: 'license' }).expect(201);

      const sole = await agreed(licenseTerms({ exclusivity: 'sole' }));
      await complete(sole.dealId);
      assert.equal((await Achievement.findById(sole.achievementId).lean())!.status, 'transacted');
    });

    it('tells the other side of a status change in a sentence of each language, never the status code', async () => {
      const d = await agreed();
      await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'cancelled', reason: '预算取消' }).expect(200);
      const deal = (await Deal.findById(d.dealId).lean())!;
      const zh = deal.achievementTitle!.zh;
      const en = deal.achievementTitle!.en || zh;
      let notes: { body?: { zh?: string; en?: string } | null }[] = [];
      for (let i = 0; i < 50 && notes.length < 2; i++) {
        notes = await Notification.find({ user: d.supplier.user.id, kind: 'deal.status' }).sort({ createdAt: 1 }).lean();
        if (notes.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      // agreed (by acceptance), then cancelled by the buyer
      assert.deepEqual(
        notes.map((n) => [n.body?.zh, n.body?.en]),
        [
          [`「${zh}」的洽谈已达成一致`, `The parties agreed on "${en}"`],
          [`「${zh}」的洽谈已取消`, `The negotiation on "${en}" was cancelled`],
        ],
      );
    });

    it('cancels with a reason from any live state; the achievement is published again when no deal is live', async () => {
      const p = await parties(srv.url);
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const d1 = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(201);
      const d2 = await other.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(201);
      const noReason = await p.buyer.client.room('deal:transition', { dealId: d1.body.id, to: 'cancelled' }).expect(400);
      assert.equal(noReason.body.error.field, 'reason');
      const c1 = await p.buyer.client.room('deal:transition', { dealId: d1.body.id, to: 'cancelled', reason: '预算调整' }).expect(200);
      assert.equal(c1.body.deal.cancelReason, '预算调整');
      assert.equal((await Achievement.findById(p.achievementId).lean())!.status, 'negotiating', 'another deal is still live');
      await p.supplier.client.room('deal:transition', { dealId: d2.body.id, to: 'cancelled', reason: '已另行许可' }).expect(200);
      const ach = await Achievement.findById(p.achievementId).lean();
      assert.equal(ach!.status, 'published');
      const again = await p.buyer.client.room('deal:transition', { dealId: d1.body.id, to: 'cancelled', reason: '再次' }).expect(409);
      assert.equal(again.body.error.details.status, 'cancelled');
      const reopened = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'license' }).expect(201);
      assert.notEqual(reopened.body.id, d1.body.id, 'a cancelled deal frees the buyer to open a new one');
    });

    it('answers 400 for an unknown status or extra keys', async () => {
      const d = await openDealFor(srv.url);
      const r1 = await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'won' }).expect(400);
      assert.equal(r1.body.error.field, 'to');
      const r2 = await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'negotiating', status: 'agreed' }).expect(400);
      assert.equal(r2.body.error.field, 'status');
    });
  });

  describe('notifications', () => {
    it('notifies the other parties (not the actor) of a new deal, offers and status changes', async () => {
      const d = await openDealFor(srv.url);
      const kinds = async (userId: string) => (await Notification.find({ user: userId }).sort({ createdAt: 1, _id: 1 }).lean()).map((n) => n.kind);
      // Notifications follow the answer (never awaited by it): wait for them.
      await srv.services.effects.idle();
      assert.deepEqual(await kinds(d.supplier.user.id), ['deal.invited']);
      assert.deepEqual(await kinds(d.buyer.user.id), []);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      await d.buyer.client.room('deal:transition', { dealId: d.dealId, to: 'cancelled', reason: '改期' }).expect(200);
      await srv.services.effects.idle();
      assert.deepEqual(await kinds(d.buyer.user.id), ['deal.offer']);
      assert.deepEqual(await kinds(d.supplier.user.id), ['deal.invited', 'deal.status']);
      const n = await Notification.findOne({ user: d.supplier.user.id, kind: 'deal.status' }).lean();
      assert.equal(n!.link, `/deals/${d.dealId}`);
    });
  });

  describe('timeline and audit', () => {
    it('keeps one gapless timeline of messages, offers and transitions, and an audit event for each offer and transition', async () => {
      const d = await openDealFor(srv.url);
      const base = `/api/deals/${d.dealId}`;
      await d.buyer.client.room('message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: '您好' }).expect(201);
      await d.supplier.client.room('offer:create', { dealId: d.dealId, ...offer(0) }).expect(201);
      await d.buyer.client.room('offer:reject', { dealId: d.dealId, version: 1, reason: '太贵' }).expect(200);
      await d.buyer.client.room('offer:create', { dealId: d.dealId, ...offer(1, licenseTerms({ upfrontFee: 20_000_000 })) }).expect(201);
      await d.buyer.client.room('offer:accept', { dealId: d.dealId, version: 2 }).expect(200);
      await d.supplier.client.room('offer:accept', { dealId: d.dealId, version: 2 }).expect(200);
      const t = await d.supplier.client.get(`${base}/messages?limit=200`).expect(200);
      const items = t.body.items as { seq: number; kind: string; event: { action: string } | null }[];
      assert.deepEqual(items.map((m) => m.seq), items.map((_, i) => i + 1));
      assert.deepEqual(
        items.map((m) => (m.kind === 'system' ? m.event!.action : m.kind)),
        ['deal.opened', 'text', 'offer', 'deal.transitioned', 'offer.rejected', 'offer', 'offer.accepted', 'offer.accepted', 'deal.transitioned'],
      );
      const audit = await d.buyer.client.get(`${base}/audit`).expect(200);
      assert.deepEqual(
        audit.body.items.map((e: { action: string; from: string | null; to: string | null }) => `${e.action}:${e.from}→${e.to}`),
        [
          'deal.opened:null→open',
          'offer.created:null→1',
          'deal.transitioned:open→negotiating',
          'offer.rejected:open→rejected',
          'offer.created:1→2',
          'offer.accepted:open→open',
          'offer.accepted:open→accepted',
          'deal.transitioned:negotiating→agreed',
        ],
      );
      assert.ok(audit.body.items.every((e: { actorId: string }) => [d.buyer.user.id, d.supplier.user.id].includes(e.actorId)));
    });

    it('finishes the timeline after a crash between the deal write and its message', async () => {
      const d = await openDealFor(srv.url);
      // What a crash right after the guarded deal update leaves: the event recorded, not yet flushed.
      await Deal.updateOne(
        { _id: d.dealId },
        {
          $set: { status: 'cancelled', liveKey: `closed:${d.dealId}`, cancelReason: '宕机测试' },
          $inc: { version: 1 },
          $push: {
            pending: {
              id: 'srv-crash-test-event',
              kind: 'system',
              action: 'deal.transitioned',
              actor: d.buyer.user.id,
              actorName: '测试用户',
              side: 'buyer',
              from: 'open',
              to: 'cancelled',
              data: { action: 'deal.transitioned', from: 'open', to: 'cancelled', reason: '宕机测试' },
              at: new Date(),
            },
          },
        },
      );
      const t = await d.supplier.client.get(`/api/deals/${d.dealId}/messages`).expect(200);
      assert.deepEqual(t.body.items.map((m: { seq: number; event: { to: string } }) => [m.seq, m.event.to]), [
        [1, 'open'],
        [2, 'cancelled'],
      ]);
      assert.equal((await Deal.findById(d.dealId).lean())!.pending.length, 0);
      assert.equal(await AuditEvent.countDocuments({ eventId: 'srv-crash-test-event' }), 1);
      assert.equal((await Achievement.findById(d.achievementId).lean())!.status, 'published');
      await d.supplier.client.get(`/api/deals/${d.dealId}/messages`).expect(200);
      assert.equal(await Message.countDocuments({ deal: d.dealId }), 2, 'a second flush stores nothing twice');
    });
  });
});
