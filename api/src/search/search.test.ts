import assert from 'node:assert/strict';
import {
  ACHIEVEMENTS_INDEX,
  DEMANDS_INDEX,
  type SearchEngine,
} from '@techbridge/search';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp, type SignedIn } from '../../test/factories';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { listingWritten } from './outbox';
import { memorySearchEngine } from './engine';

interface Hit {
  id: string;
  score: number;
  highlights: Record<string, string>;
  listing: Record<string, unknown> & { title: { zh: string; en: string }; status: string };
}

describe('search API', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());
  beforeEach(async () => {
    await srv.indexer.idle();
    await srv.search.clear(ACHIEVEMENTS_INDEX);
    await srv.search.clear(DEMANDS_INDEX);
  });

  let n = 0;
  /** Inserts an achievement as the model stores it (factories, not fixtures) and returns its id. */
  async function put(owner: SignedIn, over: Record<string, unknown>) {
    n += 1;
    const [doc] = await Achievement.insertMany([{
      ...achievementInput({ patents: [] }),
      org: owner.org!.id,
      createdBy: owner.user.id,
      status: 'published',
      publishedAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000),
      ...over,
    } as never]);
    return String(doc!._id);
  }

  /** A small catalogue over two organisations, plus a draft, a withdrawn and a transacted listing. */
  async function catalogue() {
    const uni = await signUp(srv.url, { verified: true, kind: 'university' });
    const inst = await signUp(srv.url, { verified: true, kind: 'institute' });
    const ids = {
      cathode: await put(uni, { region: '310000' }), // energy-storage, trl 6, price 50,000,000
      lis: await put(uni, {
        title: { zh: '', en: 'Lithium-sulfur battery separator coating' },
        summary: { zh: '', en: 'A coated separator that suppresses polysulfide shuttling.' },
        keywords: ['separator'],
        trl: 4,
        ipType: 'utility-model',
        region: '320000',
        modes: [{ mode: 'transfer', askingPrice: 80_000_000 }],
      }),
      robot: await put(inst, {
        title: { zh: '工业机器人视觉引导抓取系统', en: 'Vision-guided robotic grasping' },
        summary: { zh: '基于深度相机的无序抓取。', en: 'Bin picking with a depth camera.' },
        keywords: ['机器人', '视觉'],
        field: 'robotics',
        trl: 8,
        ipType: 'software-copyright',
        region: '440000',
        modes: [{ mode: 'license', askingPrice: null }, { mode: 'equity', equity: { valuation: 1_000_000_000, maxSharePct: 20 } }],
      }),
      imaging: await put(inst, {
        title: { zh: '深度学习医学影像辅助诊断', en: 'Deep learning for medical imaging diagnosis' },
        summary: { zh: '肺结节检出。', en: 'Lung nodule detection.' },
        keywords: ['医学影像'],
        field: 'ai',
        trl: 7,
        ipType: 'know-how',
        region: '110000',
        modes: [{ mode: 'transfer', askingPrice: 300_000_000 }],
      }),
      membrane: await put(uni, {
        title: { zh: '海水淡化反渗透膜', en: 'Reverse osmosis membrane for desalination' },
        summary: { zh: '高通量抗污染膜。', en: 'High-flux antifouling membrane.' },
        keywords: ['反渗透'],
        field: 'new-materials',
        trl: 5,
        region: '370000',
        status: 'negotiating',
        modes: [{ mode: 'license', askingPrice: 10_000_000 }],
      }),
      draft: await put(uni, { title: { zh: '量子密钥草稿成果', en: 'Quantum key draft' }, status: 'draft', publishedAt: null }),
      withdrawn: await put(inst, { title: { zh: '量子密钥撤回成果', en: 'Quantum key withdrawn' }, status: 'withdrawn' }),
      transacted: await put(inst, { title: { zh: '量子密钥成交成果', en: 'Quantum key transacted' }, status: 'transacted' }),
    };
    listingWritten('achievement');
    await srv.indexer.idle();
    return { uni, inst, ids };
  }

  const search = (c: TestClient | SignedIn['client'], qs: string) => c.agent.get(`/api/search/achievements?${qs}`);
  const idsOf = (body: { hits: Hit[] }) => body.hits.map((h) => h.id);
  const sameSet = (a: string[], b: string[]) => assert.deepEqual([...a].sort(), [...b].sort());

  describe('GET /api/search/achievements', () => {
    it('finds Chinese by word, English with a typo, and highlights the match', async () => {
      const { uni, ids } = await catalogue();
      const zh = (await search(uni.client, `q=${encodeURIComponent('电池')}`).expect(200)).body;
      assert.ok(idsOf(zh).includes(ids.cathode), '电池 finds 锂电池正极材料…');
      const hit = zh.hits.find((h: Hit) => h.id === ids.cathode);
      assert.match(hit.highlights['title.zh'], /<mark>电池<\/mark>/);
      assert.ok(hit.score > 0 && hit.score <= 1);
      const typo = (await search(uni.client, 'q=seperator').expect(200)).body;
      assert.deepEqual(idsOf(typo), [ids.lis]);
      assert.equal(typeof typo.processingTimeMs, 'number');
    });

    it('filters by field, region (repeated or comma-separated), mode, ipType, TRL range and price range', async () => {
      const { uni, ids } = await catalogue();
      const q = async (qs: string) => idsOf((await search(uni.client, qs).expect(200)).body);
      sameSet(await q('field=energy-storage'), [ids.cathode, ids.lis]);
      sameSet(await q('region=310000&region=110000'), [ids.cathode, ids.imaging]);
      sameSet(await q('region=310000,110000'), [ids.cathode, ids.imaging]);
      sameSet(await q('mode=equity'), [ids.robot]);
      sameSet(await q('ipType=know-how,software-copyright'), [ids.robot, ids.imaging]);
      sameSet(await q('trlMin=6&trlMax=7'), [ids.cathode, ids.imaging]);
      sameSet(await q('trlMin=8'), [ids.robot]);
      // 10万–100万元: the negotiable robot listing (no price) drops out
      sameSet(await q('priceMin=10000000&priceMax=100000000'), [ids.cathode, ids.lis, ids.membrane]);
      sameSet(await q('field=energy-storage&trlMax=5'), [ids.lis]);
      sameSet(await q(`orgKind=institute`), [ids.robot, ids.imaging]);
      sameSet(await q(`orgId=${uni.org!.id}`), [ids.cathode, ids.lis, ids.membrane]);
      assert.deepEqual(await q('field=marine'), []);
    });

    it('returns facet counts that add up to the total and follow the filters', async () => {
      const { uni } = await catalogue();
      const all = (await search(uni.client, '').expect(200)).body;
      assert.equal(all.total, 5, 'published and negotiating only');
      for (const facet of ['field', 'region', 'trl', 'ipType', 'orgKind']) {
        const sum = Object.values(all.facets[facet] as Record<string, number>).reduce((a, b) => a + b, 0);
        assert.equal(sum, all.total, `${facet} counts add up`);
      }
      assert.deepEqual(all.facets.field, { 'energy-storage': 2, robotics: 1, ai: 1, 'new-materials': 1 });
      assert.equal(all.facets.modes.license, 3);
      const some = (await search(uni.client, 'field=energy-storage&facets=trl,region').expect(200)).body;
      assert.deepEqual(Object.keys(some.facets).sort(), ['region', 'trl']);
      assert.deepEqual(some.facets.trl, { '4': 1, '6': 1 });
    });

    it('sorts by price, TRL and recency', async () => {
      const { uni, ids } = await catalogue();
      const q = async (qs: string) => idsOf((await search(uni.client, qs).expect(200)).body);
      assert.deepEqual(await q('sort=price_asc'), [ids.membrane, ids.cathode, ids.lis, ids.imaging, ids.robot], 'no price last');
      assert.deepEqual((await q('sort=price_desc')).slice(0, 4), [ids.imaging, ids.lis, ids.cathode, ids.membrane]);
      assert.deepEqual(await q('sort=trl_desc'), [ids.robot, ids.imaging, ids.cathode, ids.membrane, ids.lis]);
      assert.deepEqual(await q('sort=newest'), [ids.membrane, ids.imaging, ids.robot, ids.lis, ids.cathode]);
    });

    it('pages through the results without overlap', async () => {
      const { uni } = await catalogue();
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const body = (await search(uni.client, `sort=newest&pageSize=2&page=${page}`).expect(200)).body;
        assert.equal(body.page, page);
        assert.equal(body.pageSize, 2);
        assert.equal(body.total, 5);
        seen.push(...idsOf(body));
      }
      assert.equal(seen.length, 5);
      assert.equal(new Set(seen).size, 5);
      assert.deepEqual((await search(uni.client, 'page=4&pageSize=2').expect(200)).body.hits, []);
    });

    it('never returns drafts, withdrawn or transacted listings, not even to their owner', async () => {
      const { uni, inst, ids } = await catalogue();
      for (const viewer of [uni.client, inst.client, await new TestClient(srv.url).init()]) {
        const body = (await search(viewer, `q=${encodeURIComponent('量子密钥')}`).expect(200)).body;
        assert.equal(body.total, 0);
        const all = (await search(viewer, 'pageSize=100').expect(200)).body;
        assert.ok(!idsOf(all).some((id) => [ids.draft, ids.withdrawn, ids.transacted].includes(id)));
        assert.ok(all.hits.every((h: Hit) => ['published', 'negotiating'].includes(h.listing.status)));
      }
    });

    it('drops a listing from search once it is withdrawn through the API', async () => {
      const owner = await signUp(srv.url, { verified: true });
      const { body } = await owner.client.post('/api/achievements', achievementInput()).expect(201);
      await srv.indexer.idle();
      assert.equal((await search(owner.client, 'q=cathode').expect(200)).body.total, 0, 'a draft is not found');
      await owner.client.post(`/api/achievements/${body.id}/publish`, {}).expect(200);
      await srv.indexer.idle();
      assert.deepEqual(idsOf((await search(owner.client, 'q=cathode').expect(200)).body), [body.id]);
      await owner.client.post(`/api/achievements/${body.id}/withdraw`, {}).expect(200);
      // even before the indexer ran, the hit is re-checked against the database
      assert.equal((await search(owner.client, 'q=cathode').expect(200)).body.hits.length, 0);
      await srv.indexer.idle();
      assert.equal((await search(owner.client, 'q=cathode').expect(200)).body.total, 0);
    });

    it('never shows confidential details in results, even to the owner or an NDA signatory', async () => {
      const owner = await signUp(srv.url, { verified: true });
      const { body } = await owner.client.post('/api/achievements', achievementInput()).expect(201);
      await owner.client.post(`/api/achievements/${body.id}/publish`, {}).expect(200);
      const buyer = await signUp(srv.url, { kind: 'enterprise' });
      await buyer.client.post(`/api/achievements/${body.id}/nda`, { ndaVersion: 1 }).expect(201);
      await srv.indexer.idle();
      for (const viewer of [owner.client, buyer.client, await new TestClient(srv.url).init()]) {
        const res = await search(viewer, `q=${encodeURIComponent('正极材料')}`).expect(200);
        assert.equal(res.body.total, 1);
        assert.equal(res.body.hits[0].listing.details, undefined);
        assert.ok(!JSON.stringify(res.body).includes('680℃'), 'no confidential details');
        assert.equal((await search(viewer, `q=${encodeURIComponent('保温')}`).expect(200)).body.total, 0, 'words only in the details find nothing');
      }
    });

    const badParams: [string, string][] = [
      ['trlMin=10', 'trlMin'],
      ['trlMin=abc', 'trlMin'],
      ['trlMin=', 'trlMin'],
      ['trlMin=3&trlMin=5', 'trlMin'],
      ['trlMin=7&trlMax=3', 'trlMax'],
      ['priceMin=-1', 'priceMin'],
      ['priceMin=1e9', 'priceMin'],
      ['sort=cheapest', 'sort'],
      ['field=alchemy', 'field'],
      ['field=ai,alchemy', 'field'],
      ['region=999999', 'region'],
      ['pageSize=1000', 'pageSize'],
      ['page=0', 'page'],
      ['page=200&pageSize=100', 'page'],
      ['q=a&q=b', 'q'],
      [`q=${'字'.repeat(201)}`, 'q'],
      ['q[$ne]=x', 'q[$ne]'],
      ['field[$in]=ai', 'field[$in]'],
      ['status=draft', 'status'],
      ['orgId[$gt]=', 'orgId[$gt]'],
      ['orgId=nope', 'orgId'],
      ['facets=details', 'facets'],
    ];
    for (const [qs, field] of badParams) {
      it(`answers 400 naming "${field}" for ?${qs.slice(0, 40)}`, async () => {
        const res = await new TestClient(srv.url).agent.get(`/api/search/achievements?${qs}`).expect(400);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.equal(res.body.error.field, field, res.body.error.message);
      });
    }

    it('answers 503 (not 500) when the engine is down, and writes still succeed', async () => {
      const inner = await memorySearchEngine();
      const down: SearchEngine = Object.assign(Object.create(inner) as SearchEngine, {
        kind: inner.kind,
        search: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      });
      await srv.indexer.stop();
      const s = await startTestServer({}, { search: down });
      try {
        const res = await new TestClient(s.url).agent.get('/api/search/achievements?q=x').expect(503);
        assert.equal(res.body.error.code, 'search_unavailable');
        const owner = await signUp(s.url);
        await owner.client.post('/api/achievements', achievementInput()).expect(201);
      } finally {
        await s.close();
        srv.indexer.start();
      }
    });
  });

  describe('GET /api/search/demands', () => {
    async function demands() {
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true, nameZh: '隐名电池企业' });
      const mk = async (over: Record<string, unknown>) => {
        const { body } = await ent.client.post('/api/demands', demandInput(over)).expect(201);
        await ent.client.post(`/api/demands/${body.id}/publish`, {}).expect(200);
        return body.id as string;
      };
      const ids = {
        anon: await mk({ anonymous: true, title: { zh: '匿名求购电池热管理技术', en: '' } }),
        small: await mk({ title: { zh: '小预算电池检测需求', en: '' }, budgetMin: 1_000_000, budgetMax: 5_000_000, minTrl: 3 }),
        big: await mk({ title: { zh: '大预算电池回收需求', en: '' }, budgetMin: 500_000_000, budgetMax: 900_000_000, minTrl: 8, field: 'environment' }),
        noTrl: await mk({ title: { zh: '不限成熟度的电池需求', en: '' }, minTrl: null }),
      };
      const draft = await ent.client.post('/api/demands', demandInput({ title: { zh: '电池草稿需求', en: '' } })).expect(201);
      await srv.indexer.idle();
      return { ent, ids, draftId: draft.body.id as string };
    }
    const dsearch = (c: TestClient, qs: string) => c.agent.get(`/api/search/demands?${qs}`);

    it('hides the organisation of an anonymous demand except from itself and those it revealed itself to', async () => {
      const { ent, ids } = await demands();
      const other = await signUp(srv.url, { kind: 'university' });
      const friend = await signUp(srv.url, { kind: 'institute' });
      await ent.client.post(`/api/demands/${ids.anon}/reveal`, { orgId: friend.org!.id }).expect(200);
      const q = `q=${encodeURIComponent('匿名求购')}`;
      for (const viewer of [other.client, await new TestClient(srv.url).init()]) {
        const body = (await dsearch(viewer, q).expect(200)).body;
        assert.deepEqual(idsOf(body), [ids.anon]);
        assert.equal(body.hits[0].listing.org, null);
        const json = JSON.stringify(body);
        assert.ok(!json.includes(ent.org!.id) && !json.includes('隐名电池企业'));
      }
      assert.equal((await dsearch(friend.client, q).expect(200)).body.hits[0].listing.org.name.zh, '隐名电池企业');
      assert.equal((await dsearch(ent.client, q).expect(200)).body.hits[0].listing.org.id, ent.org!.id);
      // filtering by the organisation cannot unmask it
      const byOrg = (await dsearch(other.client, `orgId=${ent.org!.id}`).expect(200)).body;
      assert.ok(!idsOf(byOrg).includes(ids.anon));
    });

    it('filters by overlapping budget and qualifying TRL, sorts by budget, never shows drafts', async () => {
      const { ent, ids, draftId } = await demands();
      const q = async (qs: string) => idsOf((await dsearch(ent.client, qs).expect(200)).body);
      sameSet(await q('budgetMin=400000000'), [ids.big]);
      sameSet(await q('budgetMax=6000000'), [ids.small]);
      sameSet(await q('budgetMin=2000000&budgetMax=150000000'), [ids.anon, ids.small, ids.noTrl]);
      sameSet(await q('minTrl=4'), [ids.small, ids.noTrl]);
      sameSet(await q('field=environment'), [ids.big]);
      assert.deepEqual((await q('sort=budget_desc'))[0], ids.big);
      const all = (await dsearch(ent.client, `q=${encodeURIComponent('电池')}&pageSize=100`).expect(200)).body;
      assert.equal(all.total, 4);
      assert.ok(!idsOf(all).includes(draftId));
      const sum = Object.values(all.facets.field as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(sum, all.total);
      assert.equal((await dsearch(ent.client, 'budgetMin=abc').expect(400)).body.error.field, 'budgetMin');
      assert.equal((await dsearch(ent.client, 'sort=price_asc').expect(400)).body.error.field, 'sort');
    });

    it('drops a closed demand from search', async () => {
      const { ent, ids } = await demands();
      await ent.client.post(`/api/demands/${ids.small}/close`, {}).expect(200);
      await srv.indexer.idle();
      const all = (await dsearch(ent.client, 'pageSize=100').expect(200)).body;
      assert.ok(!idsOf(all).includes(ids.small));
      assert.equal(await Demand.countDocuments({ status: 'closed' }), 1);
    });
  });
});
