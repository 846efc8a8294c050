// The provincial data set shared by bench:store, bench:load and bench:rooms: 100,000 achievements,
// 30,000 demands, 10,000 deals and 200,000 room messages over 2,000 organisations, built once
// through the api models (documents in their stored shape, inserted in batches of 1,000 — FerretDB
// inserts at under 1,000 documents/s here), then saved with pg_dump under data/bench/ and restored
// with pg_restore on later runs. The file name carries the generator's version and seed, so a
// changed generator builds a new file.
//
// Organisations: 2,000 — 420 universities, 180 institutes, 1,320 enterprises, 80 agencies; 70% in
// the home province (江苏 320000), the rest over the other regions. Listings per organisation are
// Zipf-distributed (exponent 1.1): a few large universities hold thousands of achievements, most
// organisations a handful. Every organisation has 2 members (one password for all, hashed once).
//
// Environment: BENCH_DATASET_REBUILD=1 builds (and dumps) again even when the file exists.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import mongoose, { Types } from 'mongoose';
import { CONCEPTS, DEAL_MODE_CODES, FIELDS, REGIONS, type Concept, type DealMode, type FieldCode } from '@techbridge/search';
import { ROOT, startFerretDB, startPostgres, pgBinDir, pgClientEnv, PG_DATABASE } from '../../scripts/services.mjs';
import { generateAchievements, prng } from '../../seed/src/scale';
import { evalId, storedDemand } from '../../seed/src/match-eval';
import type { DemoDemand } from '../../seed/src/types';
import { connectDatabase, syncIndexes } from '../src/db';
import { analyzeTables } from '../src/store/pg-companions';
import { hashPassword } from '../src/auth/password';
import { Org } from '../src/orgs/org.model';
import { User } from '../src/auth/user.model';
import { Achievement } from '../src/achievements/achievement.model';
import { Demand } from '../src/demands/demand.model';
import { Deal } from '../src/deals/deal.model';
import { Message, messageId } from '../src/deals/message.model';
import { openSearchEngine } from '../src/search/engine';
import { Indexer } from '../src/search/indexer';
import { createLogger } from '../src/logger';

export const DATASET_VERSION = 1;
export const DATASET_SEED = 20261;
export const DATASET_DB = 'techbridge_bench_store';
export const SIZES = { orgs: 2000, achievements: 100_000, demands: 30_000, deals: 10_000, messages: 200_000 } as const;
export const BENCH_PASSWORD = 'bench-Passw0rd-2026';
export const HOME_REGION = '320000';
const KINDS = { university: 420, institute: 180, enterprise: 1320, agency: 80 } as const;
const MEMBERS_PER_ORG = 2;
const BATCH = 1000;
/** The generator's identity: a changed version, seed or size is a different file. */
export const DATASET_TAG = `v${DATASET_VERSION}-seed${DATASET_SEED}-a${SIZES.achievements}-d${SIZES.demands}-deals${SIZES.deals}-m${SIZES.messages}`;
export const DATASET_DIR = join(ROOT, 'data', 'bench');
export const DUMP_FILE = join(DATASET_DIR, `store-${DATASET_TAG}.pgdump`);
/** The embedded search engine's snapshot of the data set (so an API boot need not rebuild it). */
export const SEARCH_SNAPSHOT = join(DATASET_DIR, `search-${DATASET_TAG}`);

const say = (msg: string) => process.stderr.write(`[dataset] ${msg}\n`);
export const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

// ---- ids (deterministic: the same generator gives the same ids, so benches can name them) ------

export const orgId = (i: number) => evalId(`bench-ds-org-${i}`);
export const userId = (org: number, k: number) => evalId(`bench-ds-user-${org}-${k}`);
export const userEmail = (org: number, k: number) => `u${org}-${k}@bench.example.cn`;
export const achievementId = (i: number) => evalId(`bench-ds-ach-${i}`);
export const demandId = (i: number) => evalId(`bench-ds-dem-${i}`);
export const dealId = (i: number) => evalId(`bench-ds-deal-${i}`);

export type OrgKind = keyof typeof KINDS;
export interface OrgPlan {
  index: number;
  kind: OrgKind;
  region: string;
}

/** The organisations, in index order: suppliers (universities, institutes) first. */
export function orgPlan(): OrgPlan[] {
  const r = prng(DATASET_SEED);
  const out: OrgPlan[] = [];
  let i = 0;
  for (const [kind, n] of Object.entries(KINDS) as [OrgKind, number][]) {
    for (let k = 0; k < n; k++) {
      const region = r() < 0.7 ? HOME_REGION : REGIONS[Math.floor(r() * REGIONS.length)]!.code;
      out.push({ index: i++, kind, region });
    }
  }
  return out;
}

/** A Zipf(s) sampler over `n` ranks (0-based): rank k has weight 1/(k+1)^s. */
function zipf(n: number, s: number, r: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / (k + 1) ** s;
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 1);

/** Stored shape through the model (defaults, casting), without validation round trips to the database. */
function stored<T>(model: mongoose.Model<T>, row: Record<string, unknown>): Record<string, unknown> {
  const doc = new model(row);
  const obj = doc.toObject({ depopulate: true, versionKey: true, minimize: false }) as Record<string, unknown>;
  return obj;
}

async function insertAll(name: string, rows: Iterable<Record<string, unknown>>, total: number): Promise<number> {
  const coll = mongoose.connection.db!.collection(name);
  const t0 = performance.now();
  let batch: Record<string, unknown>[] = [];
  let n = 0;
  const flush = async () => {
    await coll.insertMany(batch as never[], { ordered: false });
    n += batch.length;
    batch = [];
    if (n % 20_000 === 0 || n === total) say(`  ${name}: ${n} / ${total} (${Math.round(n / ((performance.now() - t0) / 1000))} docs/s, load ${load1()})`);
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  return (performance.now() - t0) / 1000;
}

const byField = new Map<FieldCode, Concept[]>();
for (const c of CONCEPTS) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
const NEEDS: readonly [string, string][] = [
  ['降本增效', 'cost reduction'], ['国产化替代', 'domestic substitute'], ['产业化', 'scale-up'], ['性能提升', 'better performance'],
  ['工艺改进', 'process improvement'], ['在线检测', 'online inspection'], ['联合开发', 'joint development'], ['技术引进', 'technology licensing'],
];

/** Inserts the whole data set into the connected (empty) database. Returns seconds per collection. */
async function build(): Promise<Record<string, number>> {
  const plan = orgPlan();
  const suppliers = plan.filter((o) => o.kind === 'university' || o.kind === 'institute');
  const buyers = plan.filter((o) => o.kind === 'enterprise');
  const r = prng(DATASET_SEED + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const times: Record<string, number> = {};
  const hash = await hashPassword(BENCH_PASSWORD);
  const names = { university: ['大学', 'University'], institute: ['研究院', 'Research Institute'], enterprise: ['科技有限公司', 'Technology Co.'], agency: ['技术转移中心', 'Technology Transfer Centre'] } as const;

  times.organizations = await insertAll(
    'organizations',
    plan.map((o) =>
      stored(Org as never, {
        _id: orgId(o.index), kind: o.kind, region: o.region, verified: o.index % 10 !== 9,
        name: { zh: `压测${o.index}号${names[o.kind][0]}`, en: `Bench ${names[o.kind][1]} ${o.index}` },
        createdAt: new Date(EPOCH - 900 * DAY + o.index * 3600_000), updatedAt: new Date(EPOCH - 900 * DAY + o.index * 3600_000),
      }),
    ),
    plan.length,
  );
  times.users = await insertAll(
    'users',
    plan.flatMap((o) =>
      Array.from({ length: MEMBERS_PER_ORG }, (_, k) =>
        stored(User as never, {
          _id: userId(o.index, k), email: userEmail(o.index, k), passwordHash: hash, name: `用户${o.index}-${k}`, org: orgId(o.index),
          roles: k === 0 ? ['member', 'org-admin'] : ['member'], createdAt: new Date(EPOCH - 800 * DAY), updatedAt: new Date(EPOCH - 800 * DAY),
        }),
      ),
    ),
    plan.length * MEMBERS_PER_ORG,
  );

  // Achievements: the scale generator's listings, owners drawn Zipf over the suppliers.
  const supplierOf = zipf(suppliers.length, 1.1, r);
  const achOrg: number[] = [];
  const achStatus: string[] = [];
  const achMode: DealMode[] = [];
  const achTitle: { zh: string; en: string }[] = [];
  function* achievements() {
    let i = 0;
    for (const g of generateAchievements(SIZES.achievements, DATASET_SEED)) {
      const org = suppliers[supplierOf()]!.index;
      achOrg.push(org);
      achStatus.push(g.status);
      achMode.push(g.modes[0]!);
      const title = { zh: g.title.zh ?? '', en: g.title.en ?? '' };
      achTitle.push(title);
      const published = g.publishedAt ? new Date(g.publishedAt) : null;
      const updated = new Date((g.publishedAt ?? EPOCH - 30 * DAY) + Math.floor(r() * 60) * DAY);
      yield stored(Achievement as never, {
        _id: achievementId(i), org: orgId(org), createdBy: userId(org, i % MEMBERS_PER_ORG),
        title, summary: { zh: g.summary.zh ?? '', en: g.summary.en ?? '' },
        details: { zh: '（保密）工艺参数与中试数据见附件。', en: '' },
        field: g.field, keywords: g.keywords, trl: g.trl, ipType: g.ipType,
        patents: g.patents.map((p) => ({ number: p.number, title: p.title, status: 'granted', expiry: null })),
        modes: g.modes.map((m) => ({ mode: m, askingPrice: m === 'equity' ? null : (g.askingPrice ?? null), minRoyaltyRate: m === 'license' ? 3 : null, equity: null })),
        region: g.region, status: g.status, publishedAt: published, withdrawnAt: g.status === 'withdrawn' ? updated : null,
        // Already in the search snapshot: nothing for the indexer to push.
        version: 1, indexDirty: false, indexedVersion: 1, ndaVersion: 1,
        createdAt: new Date((g.publishedAt ?? EPOCH - 30 * DAY) - 7 * DAY), updatedAt: updated,
      });
      i++;
    }
  }
  times.achievements = await insertAll('achievements', achievements(), SIZES.achievements);

  // Demands: enterprises (Zipf), every field, mostly open.
  const buyerOf = zipf(buyers.length, 1.1, r);
  const demStatus = ['open', 'open', 'open', 'open', 'open', 'open', 'in-negotiation', 'closed', 'withdrawn', 'draft'] as const;
  function* demands() {
    for (let i = 0; i < SIZES.demands; i++) {
      const org = buyers[buyerOf()]!.index;
      const field = pick(FIELDS).code;
      const own = byField.get(field) ?? CONCEPTS;
      const a = pick(own);
      const b = pick(own);
      const need = pick(NEEDS);
      const zh = r() < 0.85;
      const en = !zh || r() < 0.4;
      const min = Math.round(10 + r() * 500);
      const modes = DEAL_MODE_CODES.filter(() => r() < 0.6) as DealMode[];
      const status = pick(demStatus);
      const d: Omit<DemoDemand, 'key' | 'orgKey'> = {
        title: { zh: zh ? `${a.zh}${a === b ? '' : `与${b.zh}`}${need[0]}` : '', en: en ? `${need[1]} for ${a.en}${a === b ? '' : ` and ${b.en}`}` : '' },
        description: {
          zh: zh ? `我公司从事${a.zh}相关业务，现需${b.zh}方面的${need[0]}技术，希望与高校院所合作，要求技术成熟、可尽快落地。` : '',
          en: en ? `We work on ${a.en} and need ${need[1]} in ${b.en}; looking for a mature technology from a university or institute.` : '',
        },
        field, keywords: [...new Set([zh ? a.zh : a.en, zh ? b.zh : b.en])],
        budgetMin: min * 10_000 * 100, budgetMax: (min + Math.round(20 + r() * 800)) * 10_000 * 100, deadline: '2027-12-31',
        modes: modes.length ? modes : ['license'], minTrl: (1 + Math.floor(r() * 7)) as DemoDemand['minTrl'],
        region: r() < 0.7 ? HOME_REGION : pick(REGIONS).code, anonymous: r() < 0.15, status: status as DemoDemand['status'],
      };
      const row = storedDemand(d, demandId(i), orgId(org));
      const at = new Date(EPOCH - Math.floor(r() * 700) * DAY);
      yield stored(Demand as never, {
        ...row, status, publishedAt: status === 'draft' ? null : at, createdBy: userId(org, i % MEMBERS_PER_ORG),
        version: 1, indexDirty: false, indexedVersion: 1, createdAt: at, updatedAt: at,
      });
    }
  }
  times.demands = await insertAll('demands', demands(), SIZES.demands);

  // Deals: on published/negotiating achievements, each with a distinct buyer or mode (liveKey is unique).
  const dealStatus = ['negotiating', 'negotiating', 'negotiating', 'negotiating', 'negotiating', 'open', 'open', 'agreed', 'cancelled', 'completed'] as const;
  const dealPlan: { ach: number; buyer: number; supplier: number; status: string }[] = [];
  const keys = new Set<string>();
  for (let i = 0; dealPlan.length < SIZES.deals; i++) {
    const ach = Math.floor(r() * SIZES.achievements);
    if (achStatus[ach] !== 'published' && achStatus[ach] !== 'negotiating') continue;
    const buyer = buyers[buyerOf()]!.index;
    const key = `${ach}:${buyer}`;
    if (keys.has(key)) continue;
    keys.add(key);
    dealPlan.push({ ach, buyer, supplier: achOrg[ach]!, status: pick(dealStatus) });
  }
  function* deals() {
    for (const [i, d] of dealPlan.entries()) {
      const at = new Date(EPOCH - Math.floor(r() * 300) * DAY);
      const live = d.status !== 'cancelled' && d.status !== 'completed';
      yield stored(Deal as never, {
        _id: dealId(i), achievement: achievementId(d.ach), achievementTitle: achTitle[d.ach],
        supplierOrg: orgId(d.supplier), supplierName: { zh: `压测${d.supplier}号`, en: `Bench ${d.supplier}` },
        buyerOrg: orgId(d.buyer), buyerName: { zh: `压测${d.buyer}号`, en: `Bench ${d.buyer}` },
        participantOrgs: [orgId(d.supplier), orgId(d.buyer)], mode: achMode[d.ach], status: d.status,
        openedBy: userId(d.buyer, 0), liveKey: live ? `${String(achievementId(d.ach))}:${String(orgId(d.buyer))}:${achMode[d.ach]}` : `closed:${String(dealId(i))}`,
        offers: [], currentOfferVersion: 0, pending: [], version: 1, createdAt: at, updatedAt: new Date(at.getTime() + 5 * DAY),
      });
    }
  }
  times.deals = await insertAll('deals', deals(), SIZES.deals);

  // Messages: 20 per deal (gapless seqs from 1, ids `<deal>:<seq>`), alternating sides.
  const perDeal = SIZES.messages / SIZES.deals;
  function* messages() {
    for (const [i, d] of dealPlan.entries()) {
      const t0 = EPOCH - 200 * DAY + i * 600_000;
      for (let seq = 1; seq <= perDeal; seq++) {
        const buyerSide = seq % 2 === 1;
        const org = buyerSide ? d.buyer : d.supplier;
        yield stored(Message as never, {
          _id: messageId(dealId(i), seq), deal: dealId(i), seq, kind: 'text', author: userId(org, seq % MEMBERS_PER_ORG), authorName: `用户${org}`,
          side: buyerSide ? 'buyer' : 'supplier', text: buyerSide ? `请问第${seq}项技术指标能否满足我们的产线要求？` : `可以，我们可提供第${seq}版中试报告供参考。`,
          data: null, clientMsgId: `seed-${i}-${seq}`, createdAt: new Date(t0 + seq * 60_000),
        });
      }
    }
  }
  times.messages = await insertAll('messages', messages(), SIZES.messages);
  return times;
}

// ---- start, build or restore -------------------------------------------------------------------

export interface BenchStore {
  /** MongoDB URI of the data set's database. */
  uri: string;
  /** FerretDB's PostgreSQL URL (STORE_PG_URL for an API process). */
  pgUrl: string;
  backend: string;
  /** How the data set got here, with times. */
  origin: { how: 'built' | 'restored'; seconds: number; cpuSeconds: number; dumpFile: string; dumpBytes: number; buildTimes?: Record<string, number> };
  stop: () => Promise<void>;
}

function pgTool(bin: string, tool: string, args: string[]) {
  execFileSync(join(bin, tool), args, { env: pgClientEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
}

const cpuS = (c: NodeJS.CpuUsage) => Math.round(((c.user + c.system) / 1e6) * 10) / 10;

/**
 * FerretDB on PostgreSQL holding the data set (restored from the dump file, or built and dumped on
 * the first run), mongoose connected to it, indexes and GIN companions ensured, tables analysed.
 * Its PostgreSQL cluster is a throwaway one under data/bench/run-<pid> (no fsync), removed at stop().
 */
export async function benchStore(): Promise<BenchStore> {
  mkdirSync(DATASET_DIR, { recursive: true });
  const dir = mkdtempSync(join(DATASET_DIR, 'run-'));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let how: 'built' | 'restored' = 'restored';
  let buildTimes: Record<string, number> | undefined;
  const rebuild = process.env.BENCH_DATASET_REBUILD === '1' || !existsSync(DUMP_FILE);
  if (!rebuild) {
    // Restored before FerretDB starts: FerretDB caches its metadata tables at its first command.
    say(`restoring ${DUMP_FILE} (${(statSync(DUMP_FILE).size / 1e6).toFixed(0)} MB) with pg_restore…`);
    const pg = await startPostgres({ dataDir: dir, durable: false });
    try {
      pgTool(pg.bin, 'pg_restore', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', PG_DATABASE, '--no-owner', '-j', '2', DUMP_FILE]);
    } finally {
      await pg.stop();
    }
  }
  const db = await startFerretDB({ dataDir: dir, durable: false });
  const stop = async () => {
    await mongoose.disconnect().catch(() => undefined);
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (!db.pgUrl) throw new Error('the bench data set needs FerretDB on PostgreSQL (TB_STORE_BACKEND unset)');
    const u = new URL(db.uri);
    u.pathname = `/${DATASET_DB}`;
    const uri = u.toString();
    await connectDatabase(uri, undefined, { pgUrl: db.pgUrl });
    if (rebuild) {
      how = 'built';
      say(`building the data set ${DATASET_TAG} (load ${load1()})…`);
      await mongoose.connection.db!.dropDatabase();
      await syncIndexes();
      buildTimes = await build();
    }
    const ts = performance.now();
    await syncIndexes();
    await analyzeTables(db.pgUrl, DATASET_DB);
    say(`syncIndexes + ANALYZE in ${((performance.now() - ts) / 1000).toFixed(1)} s`);
    if (rebuild) {
      const tmp = `${DUMP_FILE}.part`;
      const td = performance.now();
      pgTool(pgBinDir(), 'pg_dump', ['-h', '127.0.0.1', '-p', String(db.pgPort), '-U', 'postgres', '-d', PG_DATABASE, '-Fc', '-Z', '1', '-f', tmp]);
      renameSync(tmp, DUMP_FILE);
      say(`dumped to ${DUMP_FILE} in ${((performance.now() - td) / 1000).toFixed(1)} s`);
    }
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    say(`data set ${how} in ${seconds} s (CPU of this process ${cpuS(process.cpuUsage(c0))} s, load ${load1()})`);
    return {
      uri, pgUrl: db.pgUrl, backend: db.backend, stop,
      origin: { how, seconds, cpuSeconds: cpuS(process.cpuUsage(c0)), dumpFile: DUMP_FILE, dumpBytes: statSync(DUMP_FILE).size, buildTimes },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The embedded search engine's snapshot of the data set (built from the database once, with the
 * api's own rebuild), copied into `<dataDir>/search` for an API process or an in-process engine,
 * so the copy can be written without touching the snapshot.
 */
export async function searchDataDir(dataDir: string): Promise<void> {
  if (!existsSync(join(SEARCH_SNAPSHOT, 'search'))) {
    const t0 = performance.now();
    const part = `${SEARCH_SNAPSHOT}.part`;
    rmSync(part, { recursive: true, force: true });
    const engine = await openSearchEngine({ DATA_DIR: part });
    const counts = await new Indexer({ engine, logger: createLogger('warn') }).rebuild();
    await engine.close();
    rmSync(SEARCH_SNAPSHOT, { recursive: true, force: true });
    renameSync(part, SEARCH_SNAPSHOT);
    say(`search snapshot built (${counts.achievements} achievements, ${counts.demands} demands) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(SEARCH_SNAPSHOT, 'search'), join(dataDir, 'search'), { recursive: true });
}

export { Types };

/** CPU seconds (user + system) of a process so far, from /proc. */
export function procCpuS(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
