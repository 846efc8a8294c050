// `npm run bench:store`: the store's hot reads at 100,000 achievements on FerretDB's PostgreSQL
// backend (GIN companions, ANALYZE), on the shared bench data set (dataset.ts: restored with
// pg_restore, built and dumped on the first run). One JSON line per figure on stdout, progress on
// stderr; every figure carries load_avg_1m, wall-clock figures also the CPU time of this process.
//
// - db_point_read_p95_ms: Achievement.findById(random id).lean(), one at a time (sequential).
// - db_point_read_cost_ms: CPU per findById summed over this process, FerretDB and PostgreSQL (the
//   store's processes found by its port), through FerretDB and as SQL (store/pg-point-reads.ts).
// - db_owner_list_p95_ms: listMyAchievements (achievements.service.ts) for a random supplier org —
//   find({org}).sort({updatedAt:-1,_id:-1}).limit(20) + its org lookup, and countDocuments({org}),
//   in parallel as the service runs them; _largest: the same for the org with the most listings.
// - match_stored_p95_ms: matchDemand end to end on a random open demand, embedded engine holding
//   the data set (the api's configuration: liveness from this process's outbox), notify off.
//
// Environment: BENCH_READS (default 500), BENCH_LISTS (default 300), BENCH_MATCHES (default 200),
// BENCH_EXPLAIN=1 prints FerretDB's explain (with its PostgreSQL plan) of the two read shapes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { benchStore, load1, searchDataDir, orgPlan, orgId, userId, userEmail, achievementId, demandId, SIZES, DATASET_TAG } from './dataset';
import { prng } from '../../seed/src/scale';
import { Achievement } from '../src/achievements/achievement.model';
import { Demand } from '../src/demands/demand.model';
import { listMyAchievements } from '../src/achievements/achievements.service';
import { createMatcher } from '../src/matching/matcher';
import { markPendingComplete } from '../src/search/outbox';
import { openSearchEngine } from '../src/search/engine';
import type { SessionUser } from '../src/auth/auth.types';
import { storeInfo } from '../src/store/store';
import { pgCount, pgPageDocs } from '../src/store/pg-read';
import { ferretFindOne } from '../src/store/pg-point-reads';
import { execSync } from 'node:child_process';
import { procCpuS } from './dataset';

const READS = Number(process.env.BENCH_READS ?? 500);
const LISTS = Number(process.env.BENCH_LISTS ?? 300);
const MATCHES = Number(process.env.BENCH_MATCHES ?? 200);

const say = (msg: string) => process.stderr.write(`[bench:store] ${msg}\n`);
const round = (x: number) => Math.round(x * 100) / 100;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: round(value), unit, load_avg_1m: load1(), ...extra })}\n`);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
}

/** Times `fn` `n` times one after the other: wall-clock and this process's CPU per call. */
async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<{ ms: number[]; cpu: number[] }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { ms, cpu };
}

function report(name: string, target: number, r: { ms: number[]; cpu: number[] }, extra: Record<string, unknown>) {
  figure(`${name}_p95_ms`, pct(r.ms, 95), 'ms', {
    p50_ms: round(pct(r.ms, 50)), max_ms: round(Math.max(...r.ms)), n: r.ms.length, target_ms: target,
    cpu_ms_p95: round(pct(r.cpu, 95)), cpu_ms_total: round(r.cpu.reduce((a, b) => a + b, 0)), cpu_of: 'this (client) process; FerretDB and PostgreSQL are separate processes', ...extra,
  });
}

async function main() {
  setTimeout(() => {
    say('gave up after 40 minutes');
    process.exit(2);
  }, 40 * 60_000).unref();
  say(`load ${load1()}; data set ${DATASET_TAG}`);
  const store = await benchStore();
  figure(`dataset_${store.origin.how}_s`, store.origin.seconds, 's', { cpu_s: store.origin.cpuSeconds, dump_mb: round(store.origin.dumpBytes / 1e6), sizes: SIZES, ...(store.origin.buildTimes ? { build_s: store.origin.buildTimes } : {}) });
  const backend = store.backend;
  const r = prng(7);
  try {
    if (process.env.BENCH_EXPLAIN === '1') {
      const org = orgId(orgPlan()[0]!.index);
      say(`explain findById:\n${JSON.stringify(await Achievement.findById(achievementId(1)).explain(), null, 1)}`);
      say(`explain owner list:\n${JSON.stringify(await Achievement.find({ org }).sort({ updatedAt: -1, _id: -1 }).limit(20).explain(), null, 1)}`);
    }

    // 1. Point reads by _id.
    await timed(20, () => Achievement.findById(achievementId(Math.floor(r() * SIZES.achievements))).lean());
    const reads = await timed(READS, async () => {
      const doc = await Achievement.findById(achievementId(Math.floor(r() * SIZES.achievements))).lean();
      if (!doc) throw new Error('missing achievement');
    });
    report('db_point_read', 10, reads, { achievements: SIZES.achievements, backend, query: 'Achievement.findById(random id).lean()', mode: 'sequential, one at a time' });
    if (storeInfo().pgUrl) {
      // The same read through FerretDB and as SQL: CPU of every process involved, 8 readers at a time.
      const port = new URL(storeInfo().pgUrl!).port;
      const storePids = () => {
        const roots = execSync(`pgrep -f "(port=|127.0.0.1:)${port}\\b" || true`).toString().split('\n').filter(Boolean);
        const kids = roots.flatMap((pid) => execSync(`pgrep -P ${pid} || true`).toString().split('\n').filter(Boolean));
        return [...new Set([...roots, ...kids])].map(Number);
      };
      const cost = async (name: string, read: (id: Types.ObjectId) => Promise<unknown>) => {
        const n = READS * 4;
        const pids = storePids();
        const cpuOf = () => pids.reduce((sum, pid) => sum + (procCpuS(pid) || 0), 0);
        const s0 = cpuOf();
        const c0 = process.cpuUsage();
        await Promise.all(Array.from({ length: 8 }, async (_, k) => {
          for (let i = k; i < n; i += 8) await read(achievementId(Math.floor(r() * SIZES.achievements)));
        }));
        const c = process.cpuUsage(c0);
        const node = (c.user + c.system) / 1000 / n;
        const storeMs = ((cpuOf() - s0) * 1000) / n;
        figure('db_point_read_cost_ms', node + storeMs, 'ms', { path: name, node_cpu_ms: round(node), store_cpu_ms: round(storeMs), reads: n, store_processes: pids.length });
      };
      await cost('through FerretDB', (id) => ferretFindOne(Achievement.collection, { _id: id }));
      await cost('SQL over its table', (id) => Achievement.findById(id).lean());
    }

    // 2. An organisation's listings, newest 20, with the total (listMyAchievements as the route runs it).
    const suppliers = orgPlan().filter((o) => o.kind === 'university' || o.kind === 'institute');
    const actor = (org: number): SessionUser => ({ id: String(userId(org, 0)), email: userEmail(org, 0), name: 'bench', orgId: String(orgId(org)), roles: ['member'], locale: 'zh' });
    await timed(10, () => listMyAchievements(actor(suppliers[Math.floor(r() * suppliers.length)]!.index), { page: 1, pageSize: 20 }));
    let totals = 0;
    const lists = await timed(LISTS, async () => {
      const res = await listMyAchievements(actor(suppliers[Math.floor(r() * suppliers.length)]!.index), { page: 1, pageSize: 20 });
      totals += res.total;
    });
    report('db_owner_list', 20, lists, {
      achievements: SIZES.achievements, backend, orgs: 'uniform over the 600 supplier orgs (listings per org Zipf 1.1)', mean_org_listings: round(totals / LISTS),
      query: 'listMyAchievements: find({org}).sort({updatedAt:-1,_id:-1}).limit(20) + org lookup, countDocuments({org}) in parallel', mode: 'sequential',
    });
    // Where an owner list's time goes: the SQL alone (page ids sorted by PostgreSQL, and the count),
    // for the same kind of org; the rest of listMyAchievements is reading the page through FerretDB.
    const info = storeInfo();
    if (info.pgUrl) {
      const sql = await timed(LISTS, async () => {
        const filter = { org: orgId(suppliers[Math.floor(r() * suppliers.length)]!.index) };
        await Promise.all([
          pgPageDocs(info.pgUrl!, Achievement as never, filter, { updatedAt: -1, _id: -1 }, 0, 20),
          pgCount(info.pgUrl!, Achievement as never, filter),
        ]);
      });
      report('db_owner_list_sql', 20, sql, { backend, query: 'pgPageDocs (ORDER BY updatedAt DESC, _id DESC LIMIT 20, decoded) + pgCount, org = (btree), in parallel', mode: 'sequential' });
    }
    // The largest organisation (rank 1 of the Zipf: the worst case).
    const largest = suppliers[0]!.index;
    let largestTotal = 0;
    const big = await timed(Math.min(50, LISTS), async () => {
      largestTotal = (await listMyAchievements(actor(largest), { page: 1, pageSize: 20 })).total;
    });
    report('db_owner_list_largest', 20, big, { achievements: SIZES.achievements, backend, org_listings: largestTotal, mode: 'sequential' });

    // 3. matchDemand end to end with the store, the api's configuration (embedded engine, process liveness).
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-bench-store-'));
    try {
      let t = performance.now();
      await searchDataDir(dataDir);
      const engine = await openSearchEngine({ DATA_DIR: dataDir });
      figure('engine_open_s', (performance.now() - t) / 1000, 's', { note: 'copy of the data set search snapshot opened by the embedded engine' });
      const { matchDemand } = createMatcher({ search: engine, liveness: 'process' });
      markPendingComplete();
      const open: Types.ObjectId[] = [];
      while (open.length < MATCHES + 10) {
        const id = demandId(Math.floor(r() * SIZES.demands));
        const d = await Demand.findById(id, { status: 1 }).lean();
        if (d?.status === 'open') open.push(id);
      }
      for (const id of open.slice(0, 10)) await matchDemand(id, { notify: false });
      let found = 0;
      t = performance.now();
      const matches = await timed(MATCHES, async (i) => {
        found += (await matchDemand(open[10 + i]!, { notify: false })).length;
      });
      report('match_stored', 150, matches, {
        achievements: SIZES.achievements, demands: MATCHES, backend, mean_matches: round(found / MATCHES),
        scope: 'matchDemand: demand read, engine query, liveness (process), re-score, Match writes, stale cleanup; notifications off', mode: 'sequential',
      });
      await engine.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await store.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
