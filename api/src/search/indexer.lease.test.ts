// The outbox indexer under the search-outbox lease, at service level: the store, in-memory engines,
// no HTTP. Two Indexers stand for two API processes.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import type { SearchEngine } from '@techbridge/search';
import { ACHIEVEMENTS_INDEX } from '@techbridge/search';
import { createLogger } from '../logger';
import { Achievement } from '../achievements/achievement.model';
import { Org } from '../orgs/org.model';
import { Lease, LeaseLost } from '../jobs/lease';
import { memorySearchEngine } from './engine';
import { IndexFeed, lastFeedSeq, readFeed } from './feed';
import { Indexer } from './indexer';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lease = (holder: string, ttlMs = 5000) => new Lease({ name: 'search-outbox', logger, holder, ttlMs, renewEveryMs: Math.floor(ttlMs / 5), skewMs: 100 });

/** A published achievement written straight to the store (dirty, as every listing write leaves it). */
async function publishedAchievement(title = '锂电池正极材料低温烧结工艺'): Promise<string> {
  const org = await Org.create({ kind: 'university', name: { zh: '测试大学', en: 'Test University' }, region: '310000', verified: true });
  const a = await Achievement.create({
    org: org._id,
    createdBy: new Types.ObjectId(),
    title: { zh: title, en: 'Low-temperature sintering' },
    summary: { zh: '一种降低能耗的正极材料制备方法。', en: 'A cathode method.' },
    details: { zh: '机密', en: 'confidential' },
    field: 'energy-storage',
    trl: 6,
    ipType: 'invention-patent',
    region: '310000',
    status: 'published',
    publishedAt: new Date(),
  });
  return String(a._id);
}

const dirty = async (id: string) => (await Achievement.findById(id).lean())!.indexDirty;
const inIndex = async (engine: SearchEngine, id: string) =>
  (await engine.search<unknown>(ACHIEVEMENTS_INDEX, { pageSize: 100 })).hits.some((h) => h.id === id);

describe('search outbox under the search-outbox lease (service level)', function () {
  this.timeout(60_000);
  const engines: SearchEngine[] = [];
  const engine = async () => {
    const e = await memorySearchEngine();
    engines.push(e);
    return e;
  };
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
  });

  it('drains only in the holder, which matches and records the feed; the other process feeds its own index from it', async () => {
    const [ownerLease, otherLease] = [lease('owner'), lease('other')];
    await ownerLease.tick();
    await otherLease.tick();
    assert.ok(ownerLease.held() && !otherLease.held());
    const hooked: string[] = [];
    const [ownerEngine, otherEngine] = [await engine(), await engine()];
    const owner = new Indexer({ engine: ownerEngine, logger, lease: ownerLease, onIndexed: async (_c, ids) => void hooked.push(...ids) });
    const other = new Indexer({ engine: otherEngine, logger, lease: otherLease, followMs: 50, onIndexed: async (_c, ids) => void hooked.push(...ids.map((i) => `other:${i}`)) });
    // As at boot (server.ts): prepare() takes the feed's position before the first tick, so an
    // entry the owner writes from here on is not mistaken for history.
    await other.prepare();
    other.start();
    try {
      const id = await publishedAchievement();
      assert.deepEqual(await other.drain(), { upserted: 0, deleted: 0 }, 'not the owner: nothing drained');
      assert.equal(await dirty(id), true);

      assert.deepEqual(await owner.drain(), { upserted: 1, deleted: 0 });
      assert.equal(await dirty(id), false);
      assert.deepEqual(hooked, [id], 'matched once, by the owner');
      assert.equal(await lastFeedSeq(), 1);
      assert.deepEqual((await readFeed(0)).map((e) => e.ids), [[id]]);
      assert.ok(await inIndex(ownerEngine, id));

      for (let i = 0; i < 100 && !(await inIndex(otherEngine, id)); i++) await sleep(50);
      assert.ok(await inIndex(otherEngine, id), "the other process's embedded index has it, from the feed");
      const [doc] = (await otherEngine.search<Record<string, unknown>>(ACHIEVEMENTS_INDEX, { pageSize: 1 })).hits;
      assert.equal(JSON.stringify(doc).includes('机密'), false, 'confidential details never reach the index');
      assert.deepEqual(hooked, [id], 'the feed does not match');
      assert.equal((await owner.status()).owner, true);
      assert.equal((await other.status()).owner, false);
    } finally {
      await other.stop();
    }
  });

  it('abandons a pass when the lease runs out mid-pass: no flag cleared, no match, no feed entry', async () => {
    const l = lease('slow', 1500);
    await l.tick();
    const inner = await engine();
    // Every upsert outlasts the term (nothing renews it here): the fence before the flags trips.
    const slow = new Proxy(inner, {
      get(target, prop) {
        if (prop === 'upsert') return async (...args: Parameters<SearchEngine['upsert']>) => (await sleep(1600), target.upsert(...args));
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const hooked: string[] = [];
    const indexer = new Indexer({ engine: slow, logger, lease: l, onIndexed: async (_c, ids) => void hooked.push(...ids) });
    const id = await publishedAchievement();
    await assert.rejects(indexer.drain(), LeaseLost);
    assert.equal(await dirty(id), true, 'still dirty: the next owner sends it');
    assert.deepEqual(hooked, []);
    assert.equal(await lastFeedSeq(), 0);
  });

  it('rebuilds a following process\'s index when the entries it had not read were pruned', async () => {
    const otherLease = lease('other');
    await lease('owner').tick();
    await otherLease.tick();
    const otherEngine = await engine();
    const other = new Indexer({ engine: otherEngine, logger, lease: otherLease, followMs: 50, feedGapCheckMs: 50 });
    other.start();
    try {
      await sleep(200); // it has read the (empty) feed
      const id = await publishedAchievement();
      // The owner sent entries 1–3 meanwhile; 1 and 2 were pruned before this process read them.
      await IndexFeed.collection.insertOne({ _id: 3, kind: 'achievement', ids: [], at: new Date() } as never);
      for (let i = 0; i < 100 && !(await inIndex(otherEngine, id)); i++) await sleep(50);
      assert.ok(await inIndex(otherEngine, id), 'rebuilt from the database');
    } finally {
      await other.stop();
    }
  });

  it('without a lease (one process, tests, CLIs) the indexer owns the outbox', async () => {
    const e = await engine();
    const indexer = new Indexer({ engine: e, logger });
    const id = await publishedAchievement();
    assert.deepEqual(await indexer.drain(), { upserted: 1, deleted: 0 });
    assert.equal(await dirty(id), false);
    assert.equal(await lastFeedSeq(), 0, 'no feed: nobody follows');
  });
});
