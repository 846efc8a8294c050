import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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

describe('topK', () => {
  it('returns the k smallest in order, like a full sort', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const cmp = (a: number, b: number) => a - b;
    assert.deepEqual(topK(xs, 25, cmp), [...xs].sort(cmp).slice(0, 25));
    assert.deepEqual(topK(xs, 0, cmp), []);
  });
});
