/**
 * Persistence benchmark (`npx tsx search/bench/persist.bench.ts`): the embedded engine's flush cost
 * for one upsert into a large index, and the event loop's worst block while the log is compacted
 * into a new snapshot (worker thread) and while `close()` writes one in-process.
 *
 * Uses the api bench's search snapshot of the data set when present (BENCH_SNAPSHOT, default the
 * 100k data set under data/bench/), else builds BENCH_N (default 20000) synthetic achievements.
 * One JSON line per figure on stdout.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateAchievements } from '../../seed/src/scale';
import { EmbeddedSearchEngine } from '../src/embedded/engine';
import { achievementsIndex } from '../src/indexes';
import type { BaseDoc } from '../src/engine';

const SNAPSHOT = process.env.BENCH_SNAPSHOT ?? join(import.meta.dirname, '../../data/bench/search-v1-seed20261-a100000-d30000-deals10000-m200000/search/achievements.json');
const N = Number(process.env.BENCH_N ?? 20_000);
const load1 = () => Math.round(loadavg()[0]! * 100) / 100;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: Math.round(value * 100) / 100, unit, load_avg_1m: load1(), ...extra })}\n`);
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Worst event-loop block while `fn` runs: a 1 ms timer's largest gap, and the perf_hooks histogram's max. */
async function blocked<T>(fn: () => Promise<T>): Promise<{ result: T; maxGapMs: number; histMaxMs: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let last = performance.now();
  let maxGap = 0;
  const t = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  clearInterval(t);
  h.disable();
  return { result, maxGapMs: Math.max(maxGap, performance.now() - last), histMaxMs: h.max / 1e6, ms };
}

const dir = mkdtempSync(join(tmpdir(), 'tb-bench-persist-'));
try {
  let engine: EmbeddedSearchEngine;
  if (existsSync(SNAPSHOT)) {
    copyFileSync(SNAPSHOT, join(dir, 'achievements.json'));
    const t0 = performance.now();
    engine = new EmbeddedSearchEngine({ dataDir: dir, compactLogOps: Infinity, compactLogBytes: Infinity });
    await engine.ensureIndex(achievementsIndex);
    log(`loaded ${SNAPSHOT} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    engine = new EmbeddedSearchEngine({ dataDir: dir, compactLogOps: Infinity, compactLogBytes: Infinity });
    await engine.ensureIndex(achievementsIndex);
    const docs = generateAchievements(N, 42);
    for (let i = 0; i < docs.length; i += 5000) await engine.upsert('achievements', docs.slice(i, i + 5000));
    await engine.flush();
    log(`built ${N} documents`);
  }
  const documents = (await engine.stats()).indexes.achievements?.documents ?? 0;
  const sample = (await engine.search('achievements', { pageSize: 50 })).hits.map((h) => h.doc);

  const times: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const before = engine.persistStats.logBytesWritten;
    const d = sample[i % sample.length] as BaseDoc & Record<string, unknown>;
    await engine.upsert('achievements', [{ ...d, views: i } as BaseDoc]);
    const t0 = performance.now();
    await engine.flush();
    times.push(performance.now() - t0);
    bytes.push(engine.persistStats.logBytesWritten - before);
  }
  times.sort((a, b) => a - b);
  figure('search_flush_ms', times[Math.floor(times.length / 2)] as number, 'ms', { documents, p95_ms: Math.round((times[Math.ceil(times.length * 0.95) - 1] as number) * 100) / 100, bytes_per_flush: Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length), note: 'one upsert + flush (append + fdatasync)' });

  // Compaction in a worker while the event loop keeps serving (a search every 10 ms stands in for requests).
  let searches = 0;
  const s = setInterval(() => {
    engine.searchSync('achievements', { text: 'battery', pageSize: 10 });
    searches++;
  }, 10);
  const c = await blocked(() => engine.compact('achievements'));
  clearInterval(s);
  figure('search_compaction_s', c.ms / 1000, 's', { documents, snapshot_bytes: statSync(join(dir, 'achievements.json')).size, searches_served_meanwhile: searches });
  figure('search_compaction_max_loop_block_ms', c.maxGapMs, 'ms', { perf_hooks_max_ms: Math.round(c.histMaxMs * 100) / 100, note: 'worst event-loop block during the worker compaction, including the searches run meanwhile' });

  await engine.upsert('achievements', [{ ...(sample[0] as unknown as BaseDoc), views: 999 } as BaseDoc]);
  const z = await blocked(() => engine.close());
  figure('search_close_snapshot_s', z.ms / 1000, 's', { max_loop_block_ms: Math.round(z.maxGapMs), note: 'close() writes the snapshot in-process (shutdown only)' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
