import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { achievementsIndex } from '../indexes';
import { buildAchievementDoc } from '../test-factories';
import { EmbeddedSearchEngine } from './engine';
import { topK } from './topk';

describe('embedded engine', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'search-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves words in over a tenth of a large index out of any-word queries, unless nothing rarer matched', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex(achievementsIndex);
    const docs = Array.from({ length: 1200 }, (_, i) =>
      buildAchievementDoc({ id: `c${i}`, title: { en: i < 5 ? `Graphene technology ${i}` : `Technology platform ${i}` }, summary: {}, keywords: [], patents: [] }),
    );
    await engine.upsert('achievements', docs);
    const r = await engine.search('achievements', { text: 'graphene technology', matching: 'any', pageSize: 100 });
    assert.deepEqual(r.hits.map((h) => h.id).sort(), ['c0', 'c1', 'c2', 'c3', 'c4']);
    assert.equal(r.hits[0]?.score, 1, 'coverage counts the words that were used');
    assert.equal((await engine.search('achievements', { text: 'technology', matching: 'any' })).total, 1200);
    assert.equal((await engine.search('achievements', { text: 'zzyzx technology', matching: 'any' })).total, 1200);
    await engine.close();
  });

  it('finds patent numbers by every spelling, exactly, through upserts, deletes and a restart (identifier postings)', async () => {
    const first = new EmbeddedSearchEngine({ dataDir: dir });
    await first.ensureIndex(achievementsIndex);
    const patent = (number: string) => [{ number, title: '一种电池' }];
    await first.upsert('achievements', [
      buildAchievementDoc({ id: 'p1', title: { en: 'Cathode' }, patents: patent('ZL201710601862.3') }),
      buildAchievementDoc({ id: 'p2', title: { en: 'Anode' }, patents: patent('CN109326785A') }),
      buildAchievementDoc({ id: 'p3', title: { en: 'Separator' }, patents: [] }),
    ]);
    const ids = async (engine: EmbeddedSearchEngine, text: string) => (await engine.search('achievements', { text })).hits.map((h) => h.id).sort();
    for (const spelling of ['ZL201710601862.3', 'CN2017106018623', '201710601862']) assert.deepEqual(await ids(first, spelling), ['p1'], spelling);
    assert.deepEqual(await ids(first, 'cn109326785a'), ['p2']);
    assert.deepEqual(await ids(first, '20171060186'), [], 'no prefix match on a number');
    // Replaced: the old number no longer finds it, the new one does; deleted: nothing does.
    await first.upsert('achievements', [buildAchievementDoc({ id: 'p1', title: { en: 'Cathode' }, patents: patent('ZL202010123456.7') })]);
    assert.deepEqual(await ids(first, 'ZL201710601862.3'), []);
    assert.deepEqual(await ids(first, '202010123456.7'), ['p1']);
    await first.delete('achievements', ['p2']);
    assert.deepEqual(await ids(first, 'CN109326785A'), []);
    const before = await first.search('achievements', { text: '202010123456.7 cathode', matching: 'any' });
    await first.close();

    const second = new EmbeddedSearchEngine({ dataDir: dir });
    await second.ensureIndex(achievementsIndex);
    assert.deepEqual(await ids(second, 'ZL202010123456.7'), ['p1']);
    assert.deepEqual(await ids(second, 'CN109326785A'), []);
    const after = await second.search('achievements', { text: '202010123456.7 cathode', matching: 'any' });
    assert.deepEqual(after.hits.map((h) => [h.id, h.score]), before.hits.map((h) => [h.id, h.score]), 'same scores after the restart');
    await second.close();
  });

  it('restores its index from dataDir after a restart, including deletes', async () => {
    const first = new EmbeddedSearchEngine({ dataDir: dir });
    await first.ensureIndex(achievementsIndex);
    await first.upsert('achievements', [
      buildAchievementDoc({ id: 'x1', title: { zh: '锂电池正极材料' }, trl: 6 }),
      buildAchievementDoc({ id: 'x2', title: { en: 'Graphene film' } }),
      buildAchievementDoc({ id: 'x3', title: { en: 'Graphene ink' } }),
    ]);
    await first.delete('achievements', ['x3']);
    await first.close();
    assert.deepEqual(await readdir(dir), ['achievements.json']);

    const second = new EmbeddedSearchEngine({ dataDir: dir });
    await second.ensureIndex(achievementsIndex);
    assert.equal((await second.stats()).indexes.achievements?.documents, 2);
    const r = await second.search('achievements', { text: '电池', filters: [{ field: 'trl', op: 'eq', value: 6 }] });
    assert.deepEqual(r.hits.map((h) => h.id), ['x1']);
    assert.deepEqual((await second.search('achievements', { text: 'graphene' })).hits.map((h) => h.id), ['x2']);
    // The restored index keeps accepting writes.
    await second.upsert('achievements', [buildAchievementDoc({ id: 'x4', title: { en: 'Graphene paint' } })]);
    assert.equal((await second.search('achievements', { text: 'graphene' })).total, 2);
    await second.close();
  });

  it('rebuilds from the stored documents when the index definition changed', async () => {
    const first = new EmbeddedSearchEngine({ dataDir: dir });
    await first.ensureIndex(achievementsIndex);
    await first.upsert('achievements', [buildAchievementDoc({ id: 'y1', title: { en: 'Graphene film' }, keywords: ['thermal'] })]);
    await first.close();
    const changed = { ...achievementsIndex, searchable: achievementsIndex.searchable.filter((s) => s.path !== 'keywords') };
    const second = new EmbeddedSearchEngine({ dataDir: dir });
    await second.ensureIndex(changed);
    assert.equal((await second.search('achievements', { text: 'graphene' })).total, 1);
    assert.equal((await second.search('achievements', { text: 'thermal' })).total, 0);
  });

  it('reuses the slots of deleted documents without mixing them up', async () => {
    const e = new EmbeddedSearchEngine();
    await e.ensureIndex(achievementsIndex);
    await e.upsert('achievements', [buildAchievementDoc({ id: 'z1', title: { en: 'alpha' }, region: '110000' })]);
    await e.delete('achievements', ['z1']);
    await e.upsert('achievements', [buildAchievementDoc({ id: 'z2', title: { en: 'beta' }, region: '320000' })]);
    assert.equal((await e.search('achievements', { text: 'alpha' })).total, 0);
    const r = await e.search('achievements', { text: 'beta', filters: [{ field: 'region', op: 'eq', value: '320000' }] });
    assert.deepEqual(r.hits.map((h) => h.id), ['z2']);
    assert.equal((await e.search('achievements', { filters: [{ field: 'region', op: 'eq', value: '110000' }] })).total, 0);
  });
});

describe('embedded query paths', () => {
  it('gives the same hits, totals and facets whether filters seed the text query or are tested lazily', async () => {
    const fields = ['new-energy', 'energy-storage', 'new-materials', 'ai'] as const;
    const words = ['锂电池正极材料', 'lithium battery cathode', '石墨烯导热膜', 'graphene coating', '人工智能芯片', 'edge computing chip'];
    const docs = Array.from({ length: 400 }, (_, i) =>
      buildAchievementDoc({
        id: `p${i}`,
        title: i % 2 ? { en: `${words[i % words.length]} ${i % 7 ? 'system' : 'device'}` } : { zh: `${words[i % words.length]}${i % 5 ? '系统' : '装置'}` },
        field: fields[i % fields.length],
        region: i % 5 ? '110000' : '320000',
        trl: 1 + (i % 9),
        modes: i % 4 ? ['license'] : ['transfer', 'equity'],
        status: i % 10 ? 'published' : 'draft',
        ...(i % 6 ? { askingPrice: (i % 50) * 1_000_000 } : {}),
      }),
    );
    const seeded = new EmbeddedSearchEngine();
    const lazy = new EmbeddedSearchEngine({ tuning: { seedFilterLimit: 0 } });
    for (const e of [seeded, lazy]) {
      await e.ensureIndex(achievementsIndex);
      await e.upsert('achievements', docs);
    }
    const queries = [
      { text: '电池', filters: [{ field: 'status', op: 'eq', value: 'published' }] },
      { text: 'graphene', filters: [{ field: 'modes', op: 'in', values: ['equity'] }, { field: 'trl', op: 'range', min: 4 }] },
      { text: '锂电池 system', filters: [{ field: 'region', op: 'eq', value: '320000' }, { field: 'askingPrice', op: 'exists' }] },
      { text: 'chip', matching: 'any', filters: [{ field: 'field', op: 'in', values: ['ai', 'new-energy'] }] },
      { text: 'lithium batery', filters: [{ field: 'askingPrice', op: 'range', max: 20_000_000 }] },
    ] as const;
    let compared = 0;
    for (const q of queries) {
      const query = { ...q, facets: ['field', 'region', 'modes'], pageSize: 100 };
      const a = await seeded.search('achievements', query);
      const b = await lazy.search('achievements', query);
      assert.ok(a.total > 0, `no hits for ${q.text}`);
      assert.equal(b.total, a.total, q.text);
      assert.deepEqual(b.hits.map((h) => [h.id, h.score.toFixed(6)]), a.hits.map((h) => [h.id, h.score.toFixed(6)]), q.text);
      assert.deepEqual(b.facets, a.facets, q.text);
      compared++;
    }
    assert.equal(compared, queries.length);
  });
});

describe('topK', () => {
  it('returns the k smallest in order, like a full sort', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const cmp = (a: number, b: number) => a - b;
    assert.deepEqual(topK(xs, 25, cmp), [...xs].sort(cmp).slice(0, 25));
    assert.deepEqual(topK(xs, 0, cmp), []);
  });
});

describe('embedded snapshots', () => {
  it('ignores a corrupt snapshot with a warning and starts empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'search-'));
    try {
      await writeFile(join(dir, 'achievements.json'), '{"format": 1, "docs": [trunc');
      const warnings: string[] = [];
      const e = new EmbeddedSearchEngine({ dataDir: dir, logger: { warn: (_o, msg) => warnings.push(msg) } });
      await e.ensureIndex(achievementsIndex);
      assert.equal((await e.stats()).indexes.achievements?.documents, 0);
      assert.deepEqual(warnings, ['ignoring unreadable search snapshot']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
