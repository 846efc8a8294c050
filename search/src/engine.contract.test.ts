/**
 * One contract, every configured engine: the embedded engine always, Meilisearch when MEILI_HOST is
 * set. Each test starts from the same small bilingual catalogue.
 */
import assert from 'node:assert/strict';
import type { AchievementDoc } from './indexes';
import { achievementsIndex, demandsIndex } from './indexes';
import type { SearchEngine, SearchQuery } from './engine';
import { SearchQueryError } from './engine';
import { EmbeddedSearchEngine } from './embedded/engine';
import { MeiliSearchEngine } from './meili/engine';
import { buildAchievementDoc, buildDemandDoc } from './test-factories';

const WAN = 10_000 * 100; // 1 万元 in fen
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function catalogue(): AchievementDoc[] {
  return [
    buildAchievementDoc({
      id: 'a1',
      title: { zh: '锂电池正极材料制备方法' },
      summary: { zh: '一种高镍三元正极材料的低成本制备工艺。' },
      keywords: ['正极材料'],
      field: 'energy-storage',
      region: '320000',
      trl: 6,
      modes: ['license', 'transfer'],
      askingPrice: 80 * WAN,
      publishedAt: T0 + 1 * DAY,
    }),
    buildAchievementDoc({
      id: 'a2',
      title: { en: 'High energy lithium battery separator' },
      summary: { en: 'A ceramic coated separator that improves battery safety.' },
      field: 'energy-storage',
      region: '440000',
      trl: 4,
      modes: ['equity'],
      askingPrice: 200 * WAN,
      publishedAt: T0 + 2 * DAY,
    }),
    buildAchievementDoc({
      id: 'a3',
      title: { zh: '石墨烯导热膜' },
      summary: { zh: '用于手机散热的高导热石墨烯薄膜。' },
      field: 'new-materials',
      region: '110000',
      trl: 7,
      modes: ['license'],
      askingPrice: 50 * WAN,
      publishedAt: T0 + 3 * DAY,
    }),
    buildAchievementDoc({
      id: 'a4',
      title: { en: 'Graphene anticorrosion coating for ship hulls' },
      field: 'new-materials',
      region: '370000',
      trl: 5,
      modes: ['transfer', 'equity'],
      publishedAt: T0 + 4 * DAY,
    }),
    buildAchievementDoc({
      id: 'a5',
      title: { zh: '面向传感网络的边缘计算芯片', en: 'Edge computing chip for sensor networks' },
      field: 'semiconductor',
      region: '310000',
      trl: 8,
      modes: ['license'],
      askingPrice: 500 * WAN,
      status: 'draft',
      publishedAt: T0 + 5 * DAY,
    }),
    buildAchievementDoc({
      id: 'a6',
      title: { zh: '钠离子电池正极包覆涂层' },
      field: 'energy-storage',
      region: '320000',
      trl: 3,
      modes: ['transfer'],
      askingPrice: 30 * WAN,
      publishedAt: T0 + 6 * DAY,
    }),
    buildAchievementDoc({
      id: 'a7',
      title: { en: 'Laser <b>welding</b> head & "fast" optics' },
      orgId: 'org "x" \\ OR status = "draft"',
      field: 'optoelectronics',
      region: '420000',
      trl: 6,
      modes: ['license', 'equity'],
      askingPrice: 120 * WAN,
      publishedAt: T0 + 7 * DAY,
    }),
  ];
}

interface EngineSpec {
  name: string;
  make(): Promise<SearchEngine>;
  dispose(engine: SearchEngine): Promise<void>;
}

const specs: EngineSpec[] = [
  {
    name: 'embedded',
    make: async () => new EmbeddedSearchEngine(),
    dispose: (e) => e.close(),
  },
];

const meiliHost = process.env.MEILI_HOST;
if (meiliHost) {
  specs.push({
    name: 'meilisearch',
    make: async () => new MeiliSearchEngine({ host: meiliHost, apiKey: process.env.MEILI_MASTER_KEY, indexPrefix: `contract_${process.pid}_${Date.now()}_` }),
    dispose: async (e) => {
      const meili = e as MeiliSearchEngine;
      await meili.dropIndex(achievementsIndex.name);
      await meili.dropIndex(demandsIndex.name);
    },
  });
} else {
  // Not a pass: the Meilisearch half simply did not run, and the run says so.
  process.stdout.write('\n  [search contract] Meilisearch half NOT RUN: MEILI_HOST is not set (only the embedded engine was tested)\n\n');
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);
const sorted = (xs: string[]) => [...xs].sort();

for (const spec of specs) {
  describe(`SearchEngine contract — ${spec.name}`, function () {
    this.timeout(60_000);
    let engine: SearchEngine;
    const A = achievementsIndex.name;
    const search = (q: SearchQuery) => engine.search<AchievementDoc>(A, q);
    const all = (q: SearchQuery) => search({ pageSize: 100, ...q });

    before(async () => {
      engine = await spec.make();
      await engine.ensureIndex(achievementsIndex);
      await engine.ensureIndex(demandsIndex);
    });
    after(async () => {
      await spec.dispose(engine);
    });
    beforeEach(async () => {
      await engine.clear(A);
      await engine.upsert(A, catalogue());
    });

    describe('Chinese words and bilingual synonyms', () => {
      it('finds 锂电池正极材料 when searching the word 电池', async () => {
        const r = await all({ text: '电池' });
        assert.ok(ids(r).includes('a1'), `a1 missing from ${ids(r)}`);
        assert.ok(ids(r).includes('a2'), 'the field label 储能与电池 is searchable too');
        assert.ok(ids(r).includes('a6'));
        assert.ok(!ids(r).includes('a3'), '石墨烯导热膜 has no 电池');
      });

      it('requires every word of a multi-word Chinese query when some listing has them all', async () => {
        const r = await all({ text: '锂电池 正极' });
        assert.deepEqual(ids(r), ['a1'], 'a6 (钠离子电池正极) lacks 锂 and must not be returned');
      });

      it('with matching "any", also returns partial matches, full matches first', async () => {
        const r = await all({ text: '锂电池 正极', matching: 'any' });
        assert.equal(r.hits[0]?.id, 'a1');
        assert.ok(ids(r).includes('a6'), 'a6 has 电池 and 正极');
      });

      it('finds an English-only "lithium battery" listing for 锂电池', async () => {
        const r = await all({ text: '锂电池' });
        assert.ok(ids(r).includes('a2'), `a2 missing from ${ids(r)}`);
        assert.ok(ids(r).includes('a1'));
      });

      it('finds a Chinese-only 锂电池 listing for "lithium battery"', async () => {
        const r = await all({ text: 'lithium battery' });
        assert.ok(ids(r).includes('a1'), `a1 missing from ${ids(r)}`);
        assert.ok(ids(r).includes('a2'));
      });

      it('maps 石墨烯 and graphene onto each other', async () => {
        assert.deepEqual(sorted(ids(await all({ text: '石墨烯' })).filter((id) => id === 'a3' || id === 'a4')), ['a3', 'a4']);
        assert.deepEqual(sorted(ids(await all({ text: 'graphene' })).filter((id) => id === 'a3' || id === 'a4')), ['a3', 'a4']);
      });
    });

    describe('English typo tolerance', () => {
      it('tolerates one typo in a word of 5+ letters ("batery" finds battery)', async () => {
        assert.ok(ids(await all({ text: 'batery' })).includes('a2'));
        assert.ok(ids(await all({ text: 'grapene coating' })).includes('a4'));
      });

      it('does not tolerate a typo in a word shorter than 5 letters ("chop" does not find chip)', async () => {
        const r = await all({ text: 'chop' });
        assert.equal(r.total, 0, `unexpected hits ${ids(r)}`);
        assert.ok(ids(await all({ text: 'chip' })).includes('a5'), 'the correct word must match');
      });

      it('does not tolerate two typos ("baterry" is two edits from battery)', async () => {
        assert.ok(!ids(await all({ text: 'baterry' })).includes('a2'));
      });
    });

    describe('filters', () => {
      it('eq on a number field', async () => {
        assert.deepEqual(ids(await all({ filters: [{ field: 'trl', op: 'eq', value: 6 }], sort: [{ field: 'publishedAt', dir: 'asc' }] })), ['a1', 'a7']);
      });

      it('eq on an array field means "contains"', async () => {
        assert.deepEqual(sorted(ids(await all({ filters: [{ field: 'modes', op: 'eq', value: 'equity' }] }))), ['a2', 'a4', 'a7']);
      });

      it('in on an array field means "overlaps"', async () => {
        const r = await all({ filters: [{ field: 'modes', op: 'in', values: ['equity', 'transfer'] }] });
        assert.deepEqual(sorted(ids(r)), ['a1', 'a2', 'a4', 'a6', 'a7']);
      });

      it('in on a keyword field, and an empty in matches nothing', async () => {
        assert.deepEqual(sorted(ids(await all({ filters: [{ field: 'region', op: 'in', values: ['110000', '440000'] }] }))), ['a2', 'a3']);
        assert.equal((await all({ filters: [{ field: 'region', op: 'in', values: [] }] })).total, 0);
      });

      it('range on integer fen is inclusive at both ends', async () => {
        const r = await all({ filters: [{ field: 'askingPrice', op: 'range', min: 50 * WAN, max: 100 * WAN }] });
        assert.deepEqual(sorted(ids(r)), ['a1', 'a3']);
        assert.deepEqual(sorted(ids(await all({ filters: [{ field: 'trl', op: 'range', min: 7 }] }))), ['a3', 'a5']);
        assert.deepEqual(sorted(ids(await all({ filters: [{ field: 'trl', op: 'range', max: 3 }] }))), ['a6']);
      });

      it('exists and not exists', async () => {
        assert.deepEqual(ids(await all({ filters: [{ field: 'askingPrice', op: 'exists', value: false }] })), ['a4']);
        assert.equal((await all({ filters: [{ field: 'askingPrice', op: 'exists' }] })).total, 6);
      });

      it('ANDs all filters, with text', async () => {
        const r = await all({ filters: [{ field: 'status', op: 'eq', value: 'published' }, { field: 'modes', op: 'eq', value: 'license' }] });
        assert.deepEqual(sorted(ids(r)), ['a1', 'a3', 'a7']);
        const t = await all({ text: '电池', filters: [{ field: 'modes', op: 'in', values: ['license'] }] });
        assert.deepEqual(ids(t), ['a1']);
      });

      it('treats quotes, backslashes and operators in a filter value literally', async () => {
        const hostile = 'org "x" \\ OR status = "draft"';
        assert.deepEqual(ids(await all({ filters: [{ field: 'orgId', op: 'eq', value: hostile }] })), ['a7']);
        const injection = '110000" OR status = "draft';
        assert.equal((await all({ filters: [{ field: 'region', op: 'eq', value: injection }] })).total, 0);
        assert.equal((await all({ filters: [{ field: 'region', op: 'in', values: [injection, "x' OR '1'='1"] }] })).total, 0);
        // A query that looks like filter syntax is just words.
        const r = await all({ text: 'status = "draft" OR trl > 0' });
        assert.ok(!ids(r).includes('a5'));
      });

      it('rejects a filter on a field that is not filterable', async () => {
        await assert.rejects(search({ filters: [{ field: 'title.zh', op: 'eq', value: 'x' }] }), SearchQueryError);
        await assert.rejects(search({ sort: [{ field: 'region', dir: 'asc' }] }), SearchQueryError);
      });
    });

    describe('facets', () => {
      it('counts single-valued facets that add up to the total', async () => {
        const r = await search({ facets: ['field', 'region', 'status', 'trl'], pageSize: 2 });
        assert.equal(r.total, 7);
        for (const f of ['field', 'region', 'status', 'trl']) {
          const sum = Object.values(r.facets[f] ?? {}).reduce((a, b) => a + b, 0);
          assert.equal(sum, r.total, `facet ${f} sums to ${sum}`);
        }
        assert.deepEqual(r.facets.field, { 'energy-storage': 3, 'new-materials': 2, semiconductor: 1, optoelectronics: 1 });
        assert.equal(r.facets.trl?.['6'], 2);
      });

      it('counts facets over the filtered, text-matched set only', async () => {
        const r = await search({ text: '电池', facets: ['field', 'modes'], filters: [{ field: 'status', op: 'eq', value: 'published' }] });
        // a1 and a6 by title, a2 by its field label 储能与电池.
        assert.equal(r.total, 3);
        assert.deepEqual(r.facets.field, { 'energy-storage': 3 });
        assert.deepEqual(r.facets.modes, { license: 1, transfer: 2, equity: 1 });
      });
    });

    describe('sort and pagination', () => {
      it('sorts ascending and descending, documents without the value last', async () => {
        const asc = ids(await all({ sort: [{ field: 'askingPrice', dir: 'asc' }] }));
        assert.deepEqual(asc, ['a6', 'a3', 'a1', 'a7', 'a2', 'a5', 'a4']);
        const desc = ids(await all({ sort: [{ field: 'askingPrice', dir: 'desc' }] }));
        assert.deepEqual(desc, ['a5', 'a2', 'a7', 'a1', 'a3', 'a6', 'a4']);
      });

      it('sort wins over relevance when there is text', async () => {
        assert.deepEqual(ids(await all({ text: '电池', sort: [{ field: 'trl', dir: 'desc' }] })), ['a1', 'a2', 'a6']);
        assert.deepEqual(ids(await all({ text: '电池', sort: [{ field: 'trl', dir: 'asc' }] })), ['a6', 'a2', 'a1']);
      });

      it('pages without overlap or gaps', async () => {
        const sort = [{ field: 'publishedAt', dir: 'desc' }] as const;
        const seen: string[] = [];
        for (let page = 1; page <= 4; page++) {
          const r = await search({ sort, page, pageSize: 2 });
          assert.equal(r.total, 7);
          assert.equal(r.hits.length, page < 4 ? 2 : 1);
          seen.push(...ids(r));
        }
        assert.deepEqual(seen, ['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
        assert.equal((await search({ sort, page: 5, pageSize: 2 })).hits.length, 0);
      });
    });

    describe('hits', () => {
      it('scores relevance between 0 and 1 and returns the stored document', async () => {
        const r = await all({ text: 'lithium battery separator' });
        assert.equal(r.hits[0]?.id, 'a2');
        for (const h of r.hits) assert.ok(h.score > 0 && h.score <= 1, `score ${h.score}`);
        assert.equal(r.hits[0]?.doc.askingPrice, 200 * WAN);
        assert.ok(r.processingTimeMs >= 0);
      });

      it('highlights matched words with <mark> in Chinese and English', async () => {
        const zh = await all({ text: '电池', highlight: ['title.zh'] });
        const a1 = zh.hits.find((h) => h.id === 'a1');
        assert.match(a1?.highlights['title.zh'] ?? '', /<mark>电池<\/mark>/);
        const en = await all({ text: 'batery', highlight: ['title.en'] });
        assert.match(en.hits.find((h) => h.id === 'a2')?.highlights['title.en'] ?? '', /<mark>battery<\/mark>/);
      });

      it('escapes HTML in highlights so only <mark> is markup', async () => {
        const r = await all({ text: 'laser', highlight: ['title.en'] });
        const h = r.hits.find((x) => x.id === 'a7')?.highlights['title.en'] ?? '';
        assert.match(h, /<mark>Laser<\/mark>/);
        assert.ok(h.includes('&lt;b&gt;') && h.includes('&amp;') && h.includes('&quot;fast&quot;'), h);
        assert.ok(!h.includes('<b>'));
      });
    });

    describe('writes', () => {
      it('delete removes a document from results and stats', async () => {
        assert.ok(ids(await all({ text: 'edge computing' })).includes('a5'));
        await engine.delete(A, ['a5', 'does-not-exist']);
        assert.equal((await all({ text: 'edge computing' })).total, 0);
        assert.equal((await all({})).total, 6);
        assert.equal((await engine.stats()).indexes[A]?.documents, 6);
      });

      it('upsert replaces a document by id', async () => {
        const [, , a3] = catalogue();
        await engine.upsert(A, [{ ...(a3 as AchievementDoc), title: { zh: '碳纤维复合材料' }, summary: {}, trl: 9 }]);
        assert.equal((await all({ text: '石墨烯' })).hits.some((h) => h.id === 'a3'), false);
        const r = await all({ text: '碳纤维' });
        assert.deepEqual(ids(r), ['a3']);
        assert.equal(r.hits[0]?.doc.trl, 9);
        assert.equal((await all({})).total, 7);
        assert.deepEqual(ids(await all({ filters: [{ field: 'trl', op: 'eq', value: 7 }] })), []);
      });
    });

    describe('demands index', () => {
      it('filters demands by budget range and minimum TRL', async () => {
        await engine.clear(demandsIndex.name);
        await engine.upsert(demandsIndex.name, [
          buildDemandDoc({ id: 'd1', title: { zh: '寻求锂电池正极材料技术' }, budgetMin: 50 * WAN, budgetMax: 100 * WAN, minTrl: 5 }),
          buildDemandDoc({ id: 'd2', title: { en: 'Looking for graphene coating' }, budgetMin: 10 * WAN, budgetMax: 30 * WAN, minTrl: 3 }),
        ]);
        const r = await engine.search(demandsIndex.name, {
          text: 'lithium battery',
          filters: [{ field: 'budgetMax', op: 'range', min: 80 * WAN }, { field: 'minTrl', op: 'range', max: 6 }],
        });
        assert.deepEqual(ids(r), ['d1']);
      });
    });
  });
}
