import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp, type SignedIn } from '../../test/factories';
import { Match, Interest } from './match.model';
import { Achievement } from '../achievements/achievement.model';
import { Notification } from '../notifications/notification.model';
import { createMatcher, livenessFor, type MatchOptions } from './matcher';
import { listingWritten, pendingListings } from '../search/outbox';
import type { SearchEngine } from '@techbridge/search';
import { collect, connect, until } from '../../test/sockets';

describe('matching', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());
  beforeEach(async () => {
    // The database is emptied before each test; empty this server's index with it.
    await srv.search.clear('achievements');
    await srv.search.clear('demands');
  });

  /** The matcher as the composition root builds it for `search` (liveness from its kind), announcing nothing. */
  const matchDemand = (search: SearchEngine, demandId: string, opts?: MatchOptions) => createMatcher({ search, liveness: livenessFor(search) }).matchDemand(demandId, opts);

  async function publishAchievement(owner: SignedIn, over: Record<string, unknown> = {}) {
    const created = await owner.client.post('/api/achievements', achievementInput(over)).expect(201);
    await owner.client.post(`/api/achievements/${created.body.id}/publish`, {}).expect(200);
    return created.body.id as string;
  }
  async function publishDemand(owner: SignedIn, over: Record<string, unknown> = {}) {
    const created = await owner.client.post('/api/demands', demandInput(over)).expect(201);
    await owner.client.post(`/api/demands/${created.body.id}/publish`, {}).expect(200);
    return created.body.id as string;
  }

  const batteryDemand = {
    title: { zh: '寻求锂电池正极材料低能耗制备技术', en: 'Seeking low-energy cathode material production for lithium batteries' },
    description: { zh: '我司生产动力电池，希望降低正极材料烧结能耗。', en: 'We make EV batteries and want cheaper cathode sintering.' },
    field: 'energy-storage',
    keywords: ['锂电池', '正极材料'],
    budgetMin: 30_000_000,
    budgetMax: 100_000_000,
    modes: ['license'],
    minTrl: 5,
    region: '310000',
  };

  /** A university with the battery achievement, an enterprise with a demand for it, matched. */
  async function matched(demandOver: Record<string, unknown> = {}) {
    const uni = await signUp(srv.url, { kind: 'university', verified: true, region: '310000' });
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true, region: '310000' });
    const achievementId = await publishAchievement(uni);
    // An unrelated achievement that must not be matched.
    await publishAchievement(uni, {
      title: { zh: '水稻抗旱新品种', en: 'Drought-resistant rice variety' },
      summary: { zh: '抗旱水稻育种。', en: 'Rice breeding.' },
      keywords: ['水稻', '抗旱'],
      field: 'agriculture',
      ipType: 'plant-variety',
      patents: [],
      modes: [{ mode: 'transfer', askingPrice: 10_000_000 }],
    });
    await srv.indexer.idle();
    const demandId = await publishDemand(ent, { ...batteryDemand, ...demandOver });
    await srv.indexer.idle();
    const run = await ent.client.post(`/api/demands/${demandId}/rematch`, {}).expect(200);
    return { uni, ent, achievementId, demandId, run: run.body };
  }

  describe('matcher', () => {
    it('matches a published demand to the achievement that answers it, with reasons in zh and en', async () => {
      const { ent, achievementId } = await matched();
      const res = await ent.client.get('/api/matches?side=demand').expect(200);
      assert.equal(res.body.total, 1, 'only the battery achievement matches');
      const m = res.body.items[0];
      assert.equal(m.achievement.id, achievementId);
      assert.ok(m.score > 0.5 && m.score <= 1, `score ${m.score}`);
      assert.ok(m.reasons.length >= 2);
      const kinds = m.reasons.map((r: { kind: string }) => r.kind);
      for (const k of ['keywords', 'field', 'mode', 'budget', 'trl', 'region']) assert.ok(kinds.includes(k), `reason ${k}`);
      assert.match(m.summary.zh, /关键词命中：.*锂电池/);
      assert.match(m.summary.zh, /领域一致：储能与电池/);
      assert.match(m.summary.zh, /报价 50 万元在预算 30–100 万元内/);
      assert.match(m.summary.zh, /TRL 6 ≥ 需求 5/);
      assert.match(m.summary.en, /Keywords: .*lithium battery/i);
      assert.equal(m.side, 'buyer');
    });

    it('updates matches on a re-run instead of duplicating them', async () => {
      const { ent, demandId } = await matched();
      await ent.client.post(`/api/demands/${demandId}/rematch`, {}).expect(200);
      await matchDemand(srv.search, demandId);
      assert.equal(await Match.countDocuments({ demand: demandId }), 1);
    });

    it('re-runs in one batch: refreshes auto reasons, keeps a broker-made match\'s reasons, reports only new pairs as created', async () => {
      const { demandId, achievementId } = await matched();
      const key = { demand: demandId, achievement: achievementId };
      await Match.updateOne(key, { $set: { reasons: [], score: 0.01 } });
      const rerun = await matchDemand(srv.search, demandId, { notify: false });
      assert.deepEqual(rerun.map((m) => [String(m.achievementId), m.created]), [[achievementId, false]]);
      const refreshed = (await Match.findOne(key).lean())!;
      assert.ok(refreshed.score > 0.3, `score ${refreshed.score}`);
      assert.equal(refreshed.reasons[0]?.kind, 'keywords');
      assert.equal(String(refreshed._id), rerun[0]!.id);

      await Match.updateOne(key, { $set: { source: 'broker', reasons: [{ kind: 'broker', weight: 1, detail: { note: '线下' }, text: { zh: '线下', en: 'offline' } }] } });
      await matchDemand(srv.search, demandId, { notify: false });
      const kept = (await Match.findOne(key).lean())!;
      assert.deepEqual(kept.reasons.map((r) => r.kind), ['broker']);
      assert.equal(kept.score, refreshed.score);

      await Match.deleteMany({});
      const again = await matchDemand(srv.search, demandId, { notify: false });
      assert.deepEqual(again.map((m) => m.created), [true]);
      assert.equal(await Match.countDocuments(key), 1);
      assert.equal(String((await Match.findOne(key).lean())!._id), again[0]!.id);
    });

    it("never matches an achievement that breaks the demand's hard constraints — TRL, deal mode, price above budget — in either direction (issue 18)", async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true, region: '310000' });
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true, region: '310000' });
      const within = await publishAchievement(uni);
      const lowTrl = await publishAchievement(uni, { trl: 3 });
      const equityOnly = await publishAchievement(uni, { modes: [{ mode: 'equity', equity: { valuation: 500_000_000, maxSharePct: 20 } }] });
      const dear = await publishAchievement(uni, { modes: [{ mode: 'license', askingPrice: 150_000_000 }] });
      await srv.indexer.idle();
      // budget 30–100 万元, license only, TRL ≥ 5
      const demandId = await publishDemand(ent, batteryDemand);
      await srv.indexer.idle();
      const matcher = createMatcher({ search: srv.search, liveness: livenessFor(srv.search) });
      const stored = await matcher.matchDemand(demandId, { notify: false });
      assert.deepEqual(stored.map((m) => String(m.achievementId)), [within]);
      const reasons = (await ent.client.get('/api/matches?side=demand').expect(200)).body.items[0].summary.zh;
      assert.match(reasons, /TRL 6 ≥ 需求 5/);
      assert.match(reasons, /交易方式：许可/);
      assert.match(reasons, /在预算 30–100 万元内/);
      for (const id of [lowTrl, equityOnly, dear]) {
        assert.deepEqual(await matcher.matchAchievement(id, { notify: false }), [], `achievement ${id} matched the demand from its side`);
      }
      assert.equal(await Match.countDocuments({ demand: demandId }), 1);
    });

    it("shows the demand's owner its near misses apart, each marked with the constraint it breaks, and nobody else (issue 18)", async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true, region: '310000' });
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true, region: '310000' });
      const within = await publishAchievement(uni);
      const lowTrl = await publishAchievement(uni, { trl: 3 });
      const equityOnly = await publishAchievement(uni, { modes: [{ mode: 'equity', equity: { valuation: 500_000_000, maxSharePct: 20 } }] });
      const dear = await publishAchievement(uni, { modes: [{ mode: 'license', askingPrice: 150_000_000 }] });
      const offSubject = await publishAchievement(uni, {
        trl: 2,
        title: { zh: '水稻抗旱新品种', en: 'Drought-resistant rice variety' },
        summary: { zh: '抗旱水稻育种。', en: 'Rice breeding.' },
        keywords: ['水稻', '抗旱'],
        field: 'agriculture',
        ipType: 'plant-variety',
        patents: [],
      });
      await srv.indexer.idle();
      const demandId = await publishDemand(ent, batteryDemand);
      await srv.indexer.idle();
      await ent.client.post(`/api/demands/${demandId}/rematch`, {}).expect(200);

      const body = (await ent.client.get(`/api/demands/${demandId}/near-misses`).expect(200)).body;
      const byId = new Map<string, { constraint: string; zh: string; en: string }[]>(body.items.map((x: { achievement: { id: string }; breaks: [] }) => [x.achievement.id, x.breaks]));
      assert.deepEqual([...byId.keys()].sort(), [lowTrl, equityOnly, dear].sort(), 'near misses: the three breakers, not the match, not the off-subject listing');
      assert.ok(!byId.has(within) && !byId.has(offSubject));
      assert.deepEqual(byId.get(lowTrl)!.map((b) => b.constraint), ['trl']);
      assert.match(byId.get(lowTrl)![0]!.zh, /TRL 3，低于需求的最低 5/);
      assert.deepEqual(byId.get(equityOnly)!.map((b) => b.constraint), ['mode']);
      assert.match(byId.get(equityOnly)![0]!.en, /no common deal mode: wanted licen[cs]e/i);
      assert.deepEqual(byId.get(dear)!.map((b) => b.constraint), ['budget']);
      assert.match(byId.get(dear)![0]!.zh, /最低报价 150 万元，高于预算上限 100 万元/);
      for (const x of body.items) assert.ok(x.summary.zh && x.summary.en && x.achievement.title.zh, 'each near miss says what it shares');
      // Shown apart: the matches are unchanged, and nothing was stored or notified for the near misses.
      assert.deepEqual((await ent.client.get('/api/matches?side=demand').expect(200)).body.items.map((m: { achievement: { id: string } }) => m.achievement.id), [within]);
      assert.equal(await Match.countDocuments({ demand: demandId }), 1);

      // A withdrawn near miss is gone at once, before the index knows.
      await uni.client.post(`/api/achievements/${dear}/withdraw`, {}).expect(200);
      const after = (await ent.client.get(`/api/demands/${demandId}/near-misses`).expect(200)).body.items.map((x: { achievement: { id: string } }) => x.achievement.id);
      assert.ok(!after.includes(dear));

      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await other.client.get(`/api/demands/${demandId}/near-misses`).expect(404);
      await uni.client.get(`/api/demands/${demandId}/near-misses`).expect(404);
      await new TestClient(srv.url).get(`/api/demands/${demandId}/near-misses`).expect(401);
      await ent.client.get('/api/demands/not-an-id/near-misses').expect(400);
    });

    it('drops a candidate withdrawn in the database that the index still holds, and its stale suggestion (database liveness)', async () => {
      const { demandId, achievementId } = await matched();
      assert.equal(await Match.countDocuments({ demand: demandId, achievement: achievementId }), 1);
      // Written directly, as another API process would (Meilisearch deployments): this process's
      // outbox does not know, and the indexer is not kicked — the engine still has it as published.
      await Achievement.updateOne({ _id: achievementId }, { $set: { status: 'withdrawn', indexDirty: true } });
      const rerun = await createMatcher({ search: srv.search, liveness: 'database' }).matchDemand(demandId, { notify: false });
      assert.deepEqual(rerun.map((m) => String(m.achievementId)), []);
      assert.equal(await Match.countDocuments({ demand: demandId }), 0);
    });

    it('does not crash on a candidate whose indexed org id is not an ObjectId, and still stores its match (issue 14)', async () => {
      const { demandId, achievementId, uni } = await matched();
      await Match.deleteMany({});
      // The engine's documents are not trusted for ids: here every hit's org id is garbage.
      const twisted = new Proxy(srv.search, {
        get(target, prop, receiver) {
          if (prop !== 'search') return Reflect.get(target, prop, receiver);
          return async (...args: Parameters<SearchEngine['search']>) => {
            const res = await target.search(...args);
            return { ...res, hits: res.hits.map((h) => ({ ...h, doc: { ...h.doc, orgId: 'not-an-object-id' } })) };
          };
        },
      });
      const stored = await matchDemand(twisted, demandId, { notify: false });
      assert.deepEqual(stored.map((m) => String(m.achievementId)), [achievementId]);
      const m = await Match.findOne({ demand: demandId }).lean();
      assert.equal(String(m!.supplierOrg), uni.org!.id);
    });

    it('drops a candidate withdrawn through the api before the index has it (process liveness, embedded engine)', async () => {
      const { uni, demandId, achievementId } = await matched();
      await srv.indexer.stop(); // the engine keeps the listing as published
      try {
        await uni.client.post(`/api/achievements/${achievementId}/withdraw`, {}).expect(200);
        assert.ok(pendingListings('achievement')?.has(achievementId), 'the outbox lists the write');
        const rerun = await matchDemand(srv.search, demandId, { notify: false });
        assert.deepEqual(rerun.map((m) => String(m.achievementId)), []);
        assert.equal(await Match.countDocuments({ demand: demandId }), 0);
      } finally {
        srv.indexer.start();
      }
      await srv.indexer.idle();
      assert.ok(!pendingListings('achievement')?.has(achievementId), 'indexed, no longer pending');
    });

    it('keeps a candidate the outbox still lists after its index update, and stops listing it', async () => {
      const { demandId, achievementId } = await matched();
      listingWritten('achievement', achievementId); // a notice that arrived after the indexer's pass
      const rerun = await matchDemand(srv.search, demandId, { notify: false });
      assert.deepEqual(rerun.map((m) => String(m.achievementId)), [achievementId]);
      assert.ok(!pendingListings('achievement')?.has(achievementId));
    });

    it('drops a candidate this process withdraws while the matcher runs', async () => {
      const { uni, demandId, achievementId } = await matched();
      // The engine answers; meanwhile (after the matcher listed the unpublished achievements) the
      // owner withdraws the listing through the api, before the indexer removes it.
      const racing: SearchEngine = Object.create(srv.search);
      racing.search = async (index, q) => {
        const res = await srv.search.search(index, q);
        await new Promise((r) => setTimeout(r, 300));
        await uni.client.post(`/api/achievements/${achievementId}/withdraw`, {}).expect(200);
        return res as never;
      };
      const rerun = await matchDemand(racing, demandId, { notify: false });
      assert.deepEqual(rerun.map((m) => String(m.achievementId)), []);
      assert.equal((await Achievement.findById(achievementId).lean())!.status, 'withdrawn');
    });

    it('notifies both sides of a new match, once', async () => {
      const { uni, ent, demandId } = await matched();
      await ent.client.post(`/api/demands/${demandId}/rematch`, {}).expect(200);
      await srv.services.effects.idle(); // notifications are stored after the answer
      assert.equal(await Notification.countDocuments({ user: ent.user.id, kind: 'match.new' }), 1);
      const supplier = await uni.client.get('/api/notifications').expect(200);
      assert.equal(supplier.body.unread, 1);
      assert.match(supplier.body.items[0].title.zh, /匹配到需求/);
    });

    it('shows the supplier the match but hides an anonymous buyer', async () => {
      const { uni } = await matched({ anonymous: true });
      const res = await uni.client.get('/api/matches?side=supply').expect(200);
      assert.equal(res.body.total, 1);
      assert.equal(res.body.items[0].demand.org, null);
      assert.equal(res.body.items[0].side, 'supplier');
    });

    it('hides a match from an organisation that is on neither side', async () => {
      const { ent } = await matched();
      const m = (await ent.client.get('/api/matches').expect(200)).body.items[0];
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await other.client.get(`/api/matches/${m.id}`).expect(404);
      await other.client.post(`/api/matches/${m.id}/decline`, { reason: 'price' }).expect(404);
      assert.equal((await other.client.get('/api/matches').expect(200)).body.total, 0);
      await new TestClient(srv.url).get(`/api/matches/${m.id}`).expect(401);
    });

    it('lets only the owner re-run the matcher for a listing', async () => {
      const { demandId } = await matched();
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await other.client.post(`/api/demands/${demandId}/rematch`, {}).expect(404);
    });
  });

  describe('interest and feedback', () => {
    it('lets the buyer show interest from a match; the supplier sees who and answers', async () => {
      const { uni, ent, achievementId } = await matched();
      const m = (await ent.client.get('/api/matches').expect(200)).body.items[0];
      const it1 = await ent.client.post('/api/interests', { achievementId, matchId: m.id, message: '希望进一步沟通' }).expect(201);
      assert.equal((await Match.findById(m.id).lean())!.status, 'interested');
      await ent.client.post('/api/interests', { achievementId }).expect(409);

      const received = await uni.client.get('/api/interests?side=received').expect(200);
      assert.equal(received.body.total, 1);
      assert.equal(received.body.items[0].fromOrg.id, ent.org!.id);
      await srv.services.effects.idle();
      assert.equal(await Notification.countDocuments({ user: uni.user.id, kind: 'interest.new' }), 1);

      await ent.client.post(`/api/interests/${it1.body.id}/answer`, { message: 'x' }).expect(403);
      const answered = await uni.client.post(`/api/interests/${it1.body.id}/answer`, { message: '欢迎来访' }).expect(200);
      assert.equal(answered.body.status, 'answered');
      await uni.client.post(`/api/interests/${it1.body.id}/answer`, { message: 'again' }).expect(409);
    });

    it('keeps an anonymous buyer hidden from the supplier in interests', async () => {
      const { uni, ent, achievementId } = await matched({ anonymous: true });
      const m = (await ent.client.get('/api/matches').expect(200)).body.items[0];
      await ent.client.post('/api/interests', { achievementId, matchId: m.id }).expect(201);
      const received = await uni.client.get('/api/interests?side=received').expect(200);
      assert.equal(received.body.items[0].fromOrg, null);
      assert.equal(received.body.items[0].anonymous, true);
      await srv.services.effects.idle();
      const n = await Notification.findOne({ user: uni.user.id, kind: 'interest.new' }).lean();
      assert.match(n?.title?.zh ?? "", /匿名企业/);
      assert.ok(!JSON.stringify(received.body).includes(ent.org!.id));
    });

    it('turns declines into aggregated feedback for the listing owner only', async () => {
      const { uni, ent, achievementId } = await matched();
      const m = (await ent.client.get('/api/matches').expect(200)).body.items[0];
      const bad = await ent.client.post(`/api/matches/${m.id}/decline`, { reason: 'other' }).expect(400);
      assert.equal(bad.body.error.field, 'text');
      await ent.client.post(`/api/matches/${m.id}/decline`, { reason: 'nonsense' }).expect(400);
      await ent.client.post(`/api/matches/${m.id}/decline`, { reason: 'price', text: '报价偏高' }).expect(200);
      await ent.client.post(`/api/matches/${m.id}/decline`, { reason: 'price' }).expect(409);

      const fb = await uni.client.get(`/api/feedback/achievements/${achievementId}`).expect(200);
      assert.equal(fb.body.declines.price, 1);
      assert.equal(fb.body.declined, 1);
      assert.equal(fb.body.notes[0].text, '报价偏高');
      await ent.client.get(`/api/feedback/achievements/${achievementId}`).expect(404);
      // Dismissed matches leave the default inbox.
      assert.equal((await ent.client.get('/api/matches').expect(200)).body.total, 0);
    });

    it('lets the supplier decline an interest with a reason', async () => {
      const { uni, ent, achievementId } = await matched();
      const it1 = await ent.client.post('/api/interests', { achievementId }).expect(201);
      const stranger = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await stranger.client.post(`/api/interests/${it1.body.id}/decline`, { reason: 'price' }).expect(404);
      const res = await uni.client.post(`/api/interests/${it1.body.id}/decline`, { reason: 'scope-mismatch', text: '' }).expect(200);
      assert.equal(res.body.decline.side, 'supplier');
      assert.equal((await Interest.findById(it1.body.id).lean())!.status, 'declined');
    });

    it('refuses interest in a draft or own listing and operator payloads', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const draft = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await ent.client.post('/api/interests', { achievementId: draft.body.id }).expect(404);
      const own = await publishAchievement(uni);
      await uni.client.post('/api/interests', { achievementId: own }).expect(409);
      const res = await ent.client.post('/api/interests', { achievementId: { $gt: '' } }).expect(400);
      assert.equal(res.body.error.field, 'achievementId');
    });
  });

  describe('brokers', () => {
    async function broker() {
      return signUp(srv.url, { kind: 'agency', verified: true });
    }
    /** The broker asks and the organisation's admin accepts (issue 14: portfolios by consent). */
    async function addClient(b: SignedIn, org: SignedIn) {
      await b.client.post('/api/brokers/portfolio', { orgId: org.org!.id }).expect(201);
      await org.client.post(`/api/orgs/${org.org!.id}/agencies/${b.org!.id}/accept`, {}).expect(200);
    }

    it('keeps a portfolio, sees its matches, pins and hides them', async () => {
      const { ent, uni } = await matched();
      const b = await broker();
      await addClient(b, ent);
      const p = await b.client.get('/api/brokers/portfolio?status=active').expect(200);
      assert.deepEqual(p.body.items.map((l: { org: { id: string } }) => l.org.id), [ent.org!.id]);
      const list = await b.client.get('/api/brokers/matches').expect(200);
      assert.equal(list.body.total, 1);
      const id = list.body.items[0].id;
      await b.client.post(`/api/brokers/matches/${id}/pin`, {}).expect(200);
      assert.equal((await b.client.get('/api/brokers/matches?pinned=true').expect(200)).body.total, 1);
      await b.client.get(`/api/matches/${id}`).expect(200);
      await b.client.post(`/api/brokers/matches/${id}/dismiss`, {}).expect(200);
      assert.equal((await b.client.get('/api/brokers/matches').expect(200)).body.total, 0);
      // Another agency's view is untouched, and a non-broker is refused.
      await uni.client.get('/api/brokers/matches').expect(403);
      await ent.client.post('/api/brokers/portfolio', { orgId: uni.org!.id }).expect(403);
      await uni.client.post('/api/brokers/portfolio', { orgId: ent.org!.id }).expect(403);
    });

    it('adds a broker-made match with the note as a reason', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const achievementId = await publishAchievement(uni);
      const demandId = await publishDemand(ent);
      await srv.indexer.idle();
      const b = await broker();
      const refused = await b.client.post('/api/brokers/matches', { demandId, achievementId, note: '线下对接过' }).expect(400);
      assert.equal(refused.body.error.code, 'not_in_portfolio');
      await addClient(b, uni);
      const m = await b.client.post('/api/brokers/matches', { demandId, achievementId, note: '线下对接过' }).expect(201);
      assert.equal(m.body.source, 'broker');
      assert.equal(m.body.reasons[0].kind, 'broker');
      assert.match(m.body.reasons[0].text.zh, /线下对接过/);
      const seen = await ent.client.get('/api/matches').expect(200);
      assert.equal(seen.body.items[0].brokerNote, '线下对接过');
    });

    it('runs batch docking over chosen demands and downloads the CSV report with reasons', async () => {
      const { demandId } = await matched();
      const b = await broker();
      const bad = await b.client.post('/api/brokers/docking', {}).expect(400);
      assert.equal(bad.body.error.field, 'demandIds');
      const run = await b.client.post('/api/brokers/docking', { field: 'energy-storage' }).expect(201);
      assert.equal(run.body.demandCount, 1);
      assert.equal(run.body.matchCount, 1);
      const byList = await b.client.post('/api/brokers/docking', { demandIds: [demandId] }).expect(201);
      assert.equal(byList.body.demandCount, 1);
      const csv = await b.client.get(`/api/brokers/docking/${run.body.id}/report.csv`).expect(200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const text = csv.text;
      assert.ok(text.startsWith('\uFEFF'));
      const lines = text.trim().split('\r\n');
      assert.equal(lines.length, 2, 'header + one match row');
      assert.match(lines[1]!, /锂电池正极材料低温烧结工艺/);
      assert.match(lines[1]!, /关键词命中/);
      assert.match(lines[1]!, /Keywords/);
      const runs = await b.client.get('/api/brokers/docking').expect(200);
      assert.equal(runs.body.items.length, 2);
      const other = await broker();
      await other.client.get(`/api/brokers/docking/${run.body.id}/report.csv`).expect(404);
      const ent2 = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await ent2.client.post('/api/brokers/docking', { field: 'energy-storage' }).expect(403);
    });
  });
});

describe('matching on publish (the indexer hook)', () => {
  let srv: TestServer;
  const sockets: { close: () => void }[] = [];
  before(async () => {
    srv = await startTestServer({ AUTO_MATCH: 'true' }, {}, { realtime: true });
  });
  after(async () => {
    for (const s of sockets) s.close();
    await srv.close();
  });

  it('matches a newly published demand by itself and pushes the notification to the supplier in real time', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true, region: '310000' });
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true, region: '310000' });
    const created = await uni.client.post('/api/achievements', achievementInput()).expect(201);
    await uni.client.post(`/api/achievements/${created.body.id}/publish`, {}).expect(200);
    await srv.indexer.idle();
    await srv.matchQueue!.idle();

    const socket = await connect(srv.url, uni.client.cookieHeader());
    sockets.push(socket);
    const pushed = collect(socket, 'notification:created');

    const d = await ent.client
      .post('/api/demands', demandInput({ field: 'energy-storage', keywords: ['锂电池', '正极材料'], budgetMin: 10_000_000, budgetMax: 90_000_000, region: '310000' }))
      .expect(201);
    await ent.client.post(`/api/demands/${d.body.id}/publish`, {}).expect(200);
    await until(() => pushed.length >= 1, 'the match notification pushed to the supplier');
    const payload = pushed[0] as { notification: { kind: string; title: { zh: string } }; unread: number };
    assert.equal(payload.notification.kind, 'match.new');
    assert.equal(payload.unread, 1);

    const mine = await ent.client.get('/api/matches').expect(200);
    assert.equal(mine.body.total, 1);
    assert.equal(mine.body.items[0].achievement.id, created.body.id);

    // Editing the demand re-runs the matcher and updates the same match.
    const current = await ent.client.get(`/api/demands/${d.body.id}`).expect(200);
    await ent.client.patch(`/api/demands/${d.body.id}`, { budgetMax: 200_000_000, version: current.body.version }).expect(200);
    for (let i = 0; i < 100; i++) {
      if ((await Match.findOne({ demand: d.body.id }).lean())?.summary?.zh.includes('200 万元')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const rescored = await Match.findOne({ demand: d.body.id }).lean();
    assert.match(rescored?.summary?.zh ?? '', /预算 10–200 万元/);
    assert.equal(await Match.countDocuments({ demand: d.body.id }), 1);
  });
});
