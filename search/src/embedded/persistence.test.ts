import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchQuery } from '../engine';
import { achievementsIndex } from '../indexes';
import { buildAchievementDoc } from '../test-factories';
import { EmbeddedSearchEngine, type EmbeddedEngineOptions } from './engine';

const QUERIES: SearchQuery[] = [
  { text: 'graphene', pageSize: 100 },
  { text: '电池', facets: ['field', 'region'], pageSize: 100 },
  { filters: [{ field: 'trl', op: 'range', min: 5 }], sort: [{ field: 'trl', dir: 'desc' }], pageSize: 100 },
];

const doc = (i: number, extra: Record<string, unknown> = {}) =>
  buildAchievementDoc({ id: `d${i}`, title: i % 2 ? { en: `Graphene film ${i}` } : { zh: `锂电池正极材料${i}` }, trl: 1 + (i % 9), region: i % 3 ? '110000' : '320000', ...extra });

/** Hits (ids and scores), totals and facets of a fixed set of queries, plus the document count. */
async function fingerprint(e: EmbeddedSearchEngine): Promise<unknown> {
  const out: unknown[] = [(await e.stats()).indexes.achievements?.documents];
  for (const q of QUERIES) {
    const r = await e.search('achievements', q);
    out.push(r.total, r.hits.map((h) => [h.id, h.score.toFixed(6)]), r.facets);
  }
  return out;
}

describe('embedded persistence (snapshot + change log)', () => {
  let dir: string;
  const warnings: string[] = [];
  const opts = (more: EmbeddedEngineOptions = {}): EmbeddedEngineOptions => ({
    dataDir: dir,
    logger: { warn: (_o, msg) => warnings.push(msg), info: () => undefined },
    ...more,
  });
  const open = async (more: EmbeddedEngineOptions = {}) => {
    const e = new EmbeddedSearchEngine(opts(more));
    await e.ensureIndex(achievementsIndex);
    return e;
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'search-persist-'));
    warnings.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round trip: a flushed state (no close) reopens with the same results and stats', async () => {
    const a = await open();
    await a.upsert('achievements', Array.from({ length: 60 }, (_, i) => doc(i)));
    await a.delete('achievements', ['d3', 'd4', 'nope']);
    await a.upsert('achievements', [doc(5, { title: { en: 'Graphene ink replaced' } }), doc(100)]);
    await a.flush();
    const expected = await fingerprint(a);
    // A crash now: no close(), so no snapshot was written; the log alone carries the state.
    assert.deepEqual((await readdir(dir)).sort(), ['achievements.log']);
    const b = await open();
    assert.deepEqual(await fingerprint(b), expected);
    assert.equal((await b.stats()).indexes.achievements?.documents, 59);
    // Changes after reopening continue the same log; close() folds it into a snapshot.
    await b.delete('achievements', ['d0']);
    await b.close();
    assert.deepEqual((await readdir(dir)).sort(), ['achievements.json']);
    const c = await open();
    assert.equal((await c.stats()).indexes.achievements?.documents, 58);
    assert.equal((await c.search('achievements', { text: 'replaced' })).total, 1);
    assert.deepEqual(warnings, []);
    await c.close();
  });

  it('snapshot + log: changes after a snapshot replay on top of it, clear included', async () => {
    const a = await open();
    await a.upsert('achievements', Array.from({ length: 30 }, (_, i) => doc(i)));
    await a.close();
    const b = await open();
    await b.clear('achievements');
    await b.upsert('achievements', [doc(7), doc(8)]);
    await b.flush();
    const expected = await fingerprint(b);
    const c = await open();
    assert.deepEqual(await fingerprint(c), expected);
    assert.equal((await c.stats()).indexes.achievements?.documents, 2);
  });

  it('ignores a torn last line with a warning, and appends after the cut afterwards', async () => {
    const a = await open();
    await a.upsert('achievements', [doc(1), doc(2)]);
    await a.flush();
    const expected = await fingerprint(a);
    const log = join(dir, 'achievements.log');
    const size = (await stat(log)).size;
    // A crash mid-append: half a line, no newline.
    await appendFile(log, '{"s":2,"u":[{"id":"d9","title":{"en":"torn gra');
    const b = await open();
    assert.deepEqual(await fingerprint(b), expected);
    assert.deepEqual(warnings, ['ignoring a torn tail of the search change log']);
    assert.equal((await stat(log)).size, size, 'the torn tail is cut off');
    await b.upsert('achievements', [doc(3)]);
    await b.flush();
    const c = await open();
    assert.equal((await c.stats()).indexes.achievements?.documents, 3);
    assert.equal(warnings.length, 1);
  });

  it('compacts past the threshold (worker thread) and reopens after compaction and after further changes', async () => {
    const a = await open({ compactLogOps: 5 });
    for (let i = 0; i < 5; i++) {
      await a.upsert('achievements', [doc(i), doc(i + 50)]);
      await a.flush();
    }
    // The fifth flush started a compaction; wait for it through the public method.
    await a.compact('achievements');
    assert.equal(a.persistStats.compactions, 1);
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, ['achievements.json', 'achievements.log']);
    assert.equal((await stat(join(dir, 'achievements.log'))).size, 0, 'the log was cut after the snapshot');
    const snap = JSON.parse(await readFile(join(dir, 'achievements.json'), 'utf8')) as { seq: number; docs: unknown[] };
    assert.equal(snap.seq, 5);
    const afterCompaction = await fingerprint(a);
    assert.deepEqual(await fingerprint(await open()), afterCompaction);
    // Further changes land in the new log and replay on top of the compacted snapshot.
    await a.delete('achievements', ['d1', 'd51']);
    await a.upsert('achievements', [doc(200, { title: { en: 'Graphene after compaction' } })]);
    await a.flush();
    const later = await fingerprint(a);
    const b = await open();
    assert.deepEqual(await fingerprint(b), later);
    assert.equal((await b.search('achievements', { text: 'compaction' })).total, 1);
    assert.deepEqual(warnings, []);
  });

  it('keeps changes made while a compaction runs (they stay in the log tail)', async () => {
    const a = await open({ compactLogOps: 1_000_000 });
    await a.upsert('achievements', Array.from({ length: 40 }, (_, i) => doc(i)));
    await a.flush();
    const running = a.compact('achievements');
    await a.upsert('achievements', [doc(300, { title: { en: 'written during compaction' } })]);
    await a.flush();
    await a.delete('achievements', ['d0']);
    await a.flush();
    await running;
    const expected = await fingerprint(a);
    const b = await open();
    assert.deepEqual(await fingerprint(b), expected);
    assert.equal((await b.search('achievements', { text: 'during compaction' })).total, 1);
    assert.equal((await b.search('achievements', { text: 'film 1' , filters: [{ field: 'region', op: 'eq', value: '320000' }] })).hits.some((h) => h.id === 'd0'), false);
  });

  it('recovers from a crash between a compaction rename and its log cut (covered lines are skipped, then dropped)', async () => {
    const a = await open();
    await a.upsert('achievements', [doc(1), doc(2)]);
    await a.flush();
    const logBefore = await readFile(join(dir, 'achievements.log'));
    await a.close(); // snapshot with seq 1, log removed
    // Put the covered log back, as if the crash hit before the cut.
    await appendFile(join(dir, 'achievements.log'), logBefore);
    const b = await open();
    assert.equal((await b.stats()).indexes.achievements?.documents, 2);
    assert.equal((await stat(join(dir, 'achievements.log'))).size, 0, 'covered lines dropped on open');
    await b.upsert('achievements', [doc(3)]);
    await b.flush();
    const c = await open();
    assert.equal((await c.stats()).indexes.achievements?.documents, 3);
    assert.deepEqual(warnings, []);
  });

  it('a flush after one upsert into a large index appends one small line (no snapshot rewrite)', async () => {
    const a = await open();
    await a.upsert('achievements', Array.from({ length: 2000 }, (_, i) => doc(i)));
    await a.close(); // snapshot of 2,000 documents
    const snapshotBytes = (await stat(join(dir, 'achievements.json'))).size;
    const b = await open();
    const before = b.persistStats.logBytesWritten;
    await b.upsert('achievements', [doc(5000)]);
    await b.flush();
    const written = b.persistStats.logBytesWritten - before;
    const logSize = (await stat(join(dir, 'achievements.log'))).size;
    const oneDoc = JSON.stringify(doc(5000)).length;
    assert.equal(logSize, written);
    assert.ok(written < oneDoc + 200, `one upsert wrote ${written} bytes (document ${oneDoc})`);
    assert.ok(written * 500 < snapshotBytes, `${written} bytes against a ${snapshotBytes}-byte snapshot`);
    assert.equal((await stat(join(dir, 'achievements.json'))).size, snapshotBytes, 'the snapshot is untouched');
    assert.equal(b.persistStats.snapshotBytesWritten, 0);
  });

  it('serialises concurrent flushes: every line is whole and in sequence', async () => {
    const a = await open();
    const work: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      await a.upsert('achievements', [doc(i)]);
      work.push(a.flush());
    }
    await Promise.all(work);
    const lines = (await readFile(join(dir, 'achievements.log'), 'utf8')).trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { s: number }).s), Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
