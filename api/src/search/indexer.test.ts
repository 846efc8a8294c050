import assert from 'node:assert/strict';
import {
  ACHIEVEMENTS_INDEX,
  DEMANDS_INDEX,
  type BaseDoc,
  type EngineStats,
  type IndexDefinition,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
} from '@techbridge/search';
import { startTestServer, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp, type SignedIn } from '../../test/factories';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { memorySearchEngine } from './engine';
import { Indexer } from './indexer';
import { createLogger } from '../logger';

/** Delegates to a real engine; while `failing`, every write (and stats) throws like an unreachable server. */
class FlakyEngine implements SearchEngine {
  failing = false;
  calls = 0;
  /** Runs inside the next upsert, before it reaches the engine (to land a write mid-pass). */
  beforeUpsert: (() => Promise<void>) | null = null;
  constructor(readonly inner: SearchEngine) {}
  get kind() {
    return this.inner.kind;
  }
  private check() {
    this.calls += 1;
    if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
  }
  ensureIndex(def: IndexDefinition) {
    return this.inner.ensureIndex(def);
  }
  async upsert<T extends BaseDoc>(index: string, docs: readonly T[]) {
    this.check();
    const hook = this.beforeUpsert;
    this.beforeUpsert = null;
    await hook?.();
    return this.inner.upsert(index, docs);
  }
  async delete(index: string, ids: readonly string[]) {
    this.check();
    return this.inner.delete(index, ids);
  }
  search<T>(index: string, q: SearchQuery): Promise<SearchResult<T>> {
    return this.inner.search<T>(index, q);
  }
  clear(index: string) {
    return this.inner.clear(index);
  }
  async stats(): Promise<EngineStats> {
    if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
    return this.inner.stats();
  }
  close() {
    return this.inner.close();
  }
}

/** Every document in an index, by id. */
async function indexed(engine: SearchEngine, index: string) {
  const res = await engine.search<Record<string, unknown>>(index, { pageSize: 100 });
  return new Map(res.hits.map((h) => [h.id, h.doc]));
}

describe('search outbox indexer', () => {
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

  async function publishAchievement(owner: SignedIn, over: Record<string, unknown> = {}) {
    const { body } = await owner.client.post('/api/achievements', achievementInput(over)).expect(201);
    const pub = await owner.client.post(`/api/achievements/${body.id}/publish`, {}).expect(200);
    return pub.body as { id: string; version: number };
  }

  it('indexes published listings right after the write, never drafts, and drops withdrawn ones', async () => {
    const uni = await signUp(srv.url, { verified: true });
    const pub = await publishAchievement(uni);
    const draft = await uni.client.post('/api/achievements', achievementInput({ title: { zh: '草稿成果', en: '' } })).expect(201);
    await srv.indexer.idle();
    let docs = await indexed(srv.search, ACHIEVEMENTS_INDEX);
    assert.ok(docs.has(pub.id));
    assert.ok(!docs.has(draft.body.id));
    assert.equal((await Achievement.findById(pub.id).lean())!.indexedVersion, 2);

    await uni.client.post(`/api/achievements/${pub.id}/withdraw`, {}).expect(200);
    await srv.indexer.idle();
    docs = await indexed(srv.search, ACHIEVEMENTS_INDEX);
    assert.ok(!docs.has(pub.id), 'withdrawn listing left the index');
  });

  it('calls the after-index hook (the matcher) once per indexed listing, not for deletions', async () => {
    const uni = await signUp(srv.url, { verified: true });
    await srv.indexer.stop(); // one indexer per database at a time, as in production
    const calls: [string, string[]][] = [];
    const own = new Indexer({ engine: srv.search, logger: createLogger('silent'), onIndexed: async (c, ids) => void calls.push([c, ids]) });
    try {
      const a = await publishAchievement(uni);
      const b = await publishAchievement(uni, { title: { zh: '第二项成果', en: 'Second result' } });
      await uni.client.post(`/api/achievements/${b.id}/withdraw`, {}).expect(200);
      await own.drain();
      assert.deepEqual(calls, [['achievements', [a.id]]]);
    } finally {
      srv.indexer.start();
    }
  });

  it('never puts confidential details or NDA terms into the index', async () => {
    const uni = await signUp(srv.url, { verified: true });
    const pub = await publishAchievement(uni, { ndaTerms: { zh: '保密条款甲', en: '' } });
    await srv.indexer.idle();
    const doc = (await indexed(srv.search, ACHIEVEMENTS_INDEX)).get(pub.id);
    const json = JSON.stringify(doc);
    assert.ok(json.includes('锂电池正极材料'), 'the public title is there');
    assert.ok(!json.includes('680℃') && !json.includes('680 °C'), 'no confidential details');
    assert.ok(!json.includes('保密条款甲'), 'no NDA terms');
    assert.ok(!('details' in (doc as object)));
    const byText = await srv.search.search(ACHIEVEMENTS_INDEX, { text: '保温' });
    assert.equal(byText.total, 0, 'a word only in the details finds nothing');
  });

  it('indexes an anonymous demand without its organisation id, a named one with it', async () => {
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const anon = await ent.client.post('/api/demands', demandInput({ anonymous: true })).expect(201);
    const named = await ent.client.post('/api/demands', demandInput()).expect(201);
    await ent.client.post(`/api/demands/${anon.body.id}/publish`, {}).expect(200);
    await ent.client.post(`/api/demands/${named.body.id}/publish`, {}).expect(200);
    await srv.indexer.idle();
    const docs = await indexed(srv.search, DEMANDS_INDEX);
    assert.ok(!JSON.stringify(docs.get(anon.body.id)).includes(ent.org!.id));
    assert.equal(docs.get(anon.body.id)!.orgId, undefined);
    assert.equal(docs.get(named.body.id)!.orgId, ent.org!.id);
    const filtered = await srv.search.search(DEMANDS_INDEX, { filters: [{ field: 'orgId', op: 'eq', value: ent.org!.id }] });
    assert.deepEqual(filtered.hits.map((h) => h.id), [named.body.id], 'filtering by org cannot find the anonymous demand');
  });

  it('re-sends a listing edited while its previous version was being indexed (version-guarded flag)', async () => {
    const flaky = new FlakyEngine(await memorySearchEngine());
    await srv.indexer.stop(); // one indexer per database at a time, as in production
    const s = await startTestServer({}, { search: flaky });
    try {
      const uni = await signUp(s.url, { verified: true });
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      await s.indexer.idle();
      // The publish is sent to the engine; while it is on its way, the title changes.
      flaky.beforeUpsert = async () => {
        await uni.client.patch(`/api/achievements/${body.id}`, { version: 2, title: { zh: '改过的标题', en: '' } }).expect(200);
      };
      await uni.client.post(`/api/achievements/${body.id}/publish`, {}).expect(200);
      await s.indexer.idle();
      const doc = (await indexed(flaky, ACHIEVEMENTS_INDEX)).get(body.id);
      assert.equal((doc!.title as { zh: string }).zh, '改过的标题');
      const stored = await Achievement.findById(body.id).lean();
      assert.equal(stored!.version, 3);
      assert.equal(stored!.indexedVersion, 3);
      assert.equal(stored!.indexDirty, false);
    } finally {
      await s.close();
      srv.indexer.start();
    }
  });

  it('keeps accepting writes while the engine is down and indexes every one of them once it is back', async () => {
    const flaky = new FlakyEngine(await memorySearchEngine());
    await srv.indexer.stop(); // one indexer per database at a time, as in production
    const s = await startTestServer({}, { search: flaky });
    try {
      const uni = await signUp(s.url, { verified: true });
      const ent = await signUp(s.url, { kind: 'enterprise', verified: true });
      flaky.failing = true;

      // Every write succeeds although the engine refuses everything.
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await publishAchievement(uni, { title: { zh: `离线成果${i}`, en: `Offline result ${i}` } })).id);
      const edited = await uni.client.patch(`/api/achievements/${ids[0]}`, { version: 2, trl: 9 }).expect(200);
      assert.equal(edited.body.trl, 9);
      await uni.client.post(`/api/achievements/${ids[1]}/withdraw`, {}).expect(200);
      const d = await ent.client.post('/api/demands', demandInput()).expect(201);
      await ent.client.post(`/api/demands/${d.body.id}/publish`, {}).expect(200);

      await new Promise((r) => setTimeout(r, 150)); // let a few retries fail
      assert.ok(flaky.calls > 1, 'the indexer kept retrying');
      const health = await uni.client.get('/api/health').expect(200);
      assert.equal(health.body.search.backlog, 5, 'four achievements and one demand wait');
      assert.equal(health.body.search.reachable, false);
      assert.equal((await indexed(flaky.inner, ACHIEVEMENTS_INDEX)).size, 0);

      flaky.failing = false;
      await s.indexer.idle(5000);
      const docs = await indexed(flaky, ACHIEVEMENTS_INDEX);
      assert.deepEqual([...docs.keys()].sort(), [ids[0], ids[2], ids[3]].sort(), 'published ones in, the withdrawn one out');
      assert.equal(docs.get(ids[0]!)!.trl, 9, 'the edit arrived');
      assert.ok((await indexed(flaky, DEMANDS_INDEX)).has(d.body.id));
      const after = await uni.client.get('/api/health').expect(200);
      assert.equal(after.body.search.backlog, 0);
      assert.equal(after.body.search.reachable, true);
      assert.equal(await Achievement.countDocuments({ indexDirty: true }), 0);
    } finally {
      await s.close();
      srv.indexer.start();
    }
  });

  it('reports the backlog in /api/health while nothing drains it', async () => {
    const uni = await signUp(srv.url, { verified: true });
    await srv.indexer.stop();
    try {
      await uni.client.post('/api/achievements', achievementInput()).expect(201);
      await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const res = await uni.client.get('/api/health').expect(200);
      assert.equal(res.body.search.kind, 'embedded');
      assert.equal(res.body.search.backlog, 2);
    } finally {
      srv.indexer.start();
    }
    await srv.indexer.idle();
    assert.equal((await uni.client.get('/api/health').expect(200)).body.search.backlog, 0);
  });

  it('rebuilds both indexes from the database (npm run reindex)', async () => {
    const uni = await signUp(srv.url, { verified: true });
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const a = await publishAchievement(uni);
    await uni.client.post('/api/achievements', achievementInput()).expect(201);
    const d = await ent.client.post('/api/demands', demandInput()).expect(201);
    await ent.client.post(`/api/demands/${d.body.id}/publish`, {}).expect(200);
    await srv.indexer.idle();
    await srv.search.clear(ACHIEVEMENTS_INDEX);
    await srv.search.upsert(DEMANDS_INDEX, [{ id: 'ghost' }]);
    const counts = await srv.indexer.rebuild();
    await srv.indexer.drain();
    assert.deepEqual(counts, { achievements: 1, demands: 1 });
    assert.deepEqual([...(await indexed(srv.search, ACHIEVEMENTS_INDEX)).keys()], [a.id]);
    assert.deepEqual([...(await indexed(srv.search, DEMANDS_INDEX)).keys()], [d.body.id], 'stale documents are gone');
    assert.equal(await Demand.countDocuments({ indexDirty: true }), 0);
  });

  it('rebuilds the embedded index at boot when it does not match the database', async () => {
    const uni = await signUp(srv.url, { verified: true });
    await publishAchievement(uni);
    await srv.indexer.idle();
    const fresh = await memorySearchEngine();
    const ix = new Indexer({ engine: fresh, logger: createLogger('silent') });
    assert.equal(await ix.prepare(), 'rebuilt');
    assert.equal((await fresh.stats()).indexes[ACHIEVEMENTS_INDEX]!.documents, 1);
    assert.equal(await ix.prepare(), 'kept', 'a matching index is kept');
    await fresh.close();
  });
});
