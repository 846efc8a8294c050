// bench:match's last phase (`BENCH_ONLY=publish npm run bench:match` runs it alone): how long a
// published demand takes to show its matches through the API while the catalogue is being matched
// in the background → publish_to_matches_p50_s / publish_to_matches_p95_s.
//
// Set-up: the shared data set (dataset.ts: 100,000 achievements, 30,000 demands over 2,000
// organisations, restored with pg_restore into FerretDB on PostgreSQL) and its embedded search
// snapshot; the real API process (api/src/server.ts, as `npm start` runs it: the `search-outbox`
// lease, the outbox indexer, the match queue), booted before anything is timed. Then the
// background supply-side work, kept up while measuring:
// - a backlog: BENCH_PUBLISH_BACKLOG published achievements (default 3000) re-marked for the
//   indexer in the database before the API boots (version bumped, as a bulk import or edits by
//   another process leave them), which its indexer drains and hands to the match queue;
// - refills: every BENCH_PUBLISH_REFILL_S seconds (default 15) BENCH_PUBLISH_REFILL more
//   (default 400) re-marked one document at a time, so the indexer has supply-side work to drain
//   throughout, not only at the start;
// - a stream: BENCH_PUBLISH_SUPPLIERS university members (default 2) each creating and publishing
//   an achievement through HTTP every BENCH_PUBLISH_STREAM_MS (default 500) — single-listing index
//   batches, the same kind of job as a demand's.
// Then BENCH_PUBLISH_DEMANDS demands (default 30), one after the other, each created and published
// through HTTP by an enterprise member signed in through HTTP, then polled (GET
// /api/matches?side=demand&demandId=…, every 100 ms) until the first non-empty answer: the time from
// the publish request to that answer is the sample. A demand without an answer after
// BENCH_PUBLISH_TIMEOUT_S (default 120) counts with that time (and in `timeouts`), unless a rematch
// shows it has no match at all (then it is left out, in `no_match`).
// BENCH_PUBLISH_API_LOG=<file> keeps the API process's log lines (LOG_LEVEL warn unless set).
// The backlog still waiting when measuring ended (dirty listings in the database, listings queued in
// the API's match queue, from /api/health) is printed with the figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONCEPTS, FIELDS, type Concept, type FieldCode } from '@techbridge/search';
import { startApiProcess, type ApiProcess } from './api-process';
import { benchStore, searchDataDir, orgPlan, userEmail, achievementId, BENCH_PASSWORD, SIZES, HOME_REGION } from './dataset';
import { prng } from '../../seed/src/scale';
import { trusted } from '../src/db';
import { updateByIds } from '../src/store/store';
import { Achievement } from '../src/achievements/achievement.model';

const DEMANDS = Number(process.env.BENCH_PUBLISH_DEMANDS ?? 30);
const BACKLOG = Number(process.env.BENCH_PUBLISH_BACKLOG ?? 3000);
const SUPPLIERS = Number(process.env.BENCH_PUBLISH_SUPPLIERS ?? 2);
const STREAM_MS = Number(process.env.BENCH_PUBLISH_STREAM_MS ?? 500);
const REFILL = Number(process.env.BENCH_PUBLISH_REFILL ?? 400);
const REFILL_S = Number(process.env.BENCH_PUBLISH_REFILL_S ?? 15);
const TIMEOUT_S = Number(process.env.BENCH_PUBLISH_TIMEOUT_S ?? 120);
const POLL_MS = 100;

const load1 = () => Math.round(loadavg()[0]! * 10) / 10;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: Math.round(value * 1000) / 1000, unit, load_avg_1m: load1(), cores: cpus().length, ...extra })}\n`);
const say = (msg: string) => process.stderr.write(`[bench:match publish] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 1000) / 1000;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number) : Number.NaN;
}

/** An HTTP client with the session cookie and the CSRF token, as the web app sends them. */
class Client {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
    if (method !== 'GET' && !this.csrf) await this.call('GET', '/api/csrf');
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    for (const c of res.headers.getSetCookie()) if (c.startsWith('tb.sid=')) this.cookie = c.split(';')[0]!;
    const data = (await res.json().catch(() => ({}))) as T;
    const token = (data as { csrfToken?: string }).csrfToken;
    if (token) this.csrf = token;
    return { status: res.status, data };
  }

  async must<T = Record<string, unknown>>(method: string, path: string, body?: unknown, ok = [200, 201]): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (!ok.includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.data).slice(0, 300)}`);
    return r.data;
  }

  static async signIn(base: string, email: string): Promise<Client> {
    const c = new Client(base);
    await c.must('POST', '/api/auth/login', { email, password: BENCH_PASSWORD });
    return c;
  }
}

interface Backlog {
  /** Listings marked for the indexer in the database (/api/health's search backlog). */
  indexer: number;
  /** Listings waiting in the API's match queue, per collection (absent if the API does not report it). */
  matchQueue?: { demands: number; achievements: number };
}

async function backlog(url: string): Promise<Backlog> {
  const body = (await (await fetch(`${url}/api/health`)).json()) as { search?: { backlog?: number; matchQueue?: Backlog['matchQueue'] } };
  return { indexer: body.search?.backlog ?? Number.NaN, ...(body.search?.matchQueue ? { matchQueue: body.search.matchQueue } : {}) };
}

const byField = new Map<FieldCode, Concept[]>();
for (const c of CONCEPTS) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);

/** A demand an enterprise would write: two concepts of one field, Chinese (some bilingual), no hard limits. */
function demandInput(r: () => number, i: number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const field = pick(FIELDS).code;
  const own = byField.get(field) ?? CONCEPTS;
  const a = pick(own);
  const b = pick(own);
  const en = r() < 0.4;
  return {
    title: { zh: `${a.zh}${a === b ? '' : `与${b.zh}`}技术需求（压测${i}）`, en: en ? `${a.en} and ${b.en} wanted` : '' },
    description: { zh: `我公司从事${a.zh}相关业务，现需${b.zh}方面的成熟技术，希望与高校院所合作，尽快落地。`, en: en ? `We work on ${a.en} and need a mature ${b.en} technology.` : '' },
    field,
    keywords: [...new Set([a.zh, b.zh])],
    region: HOME_REGION,
  };
}

/** The phase: see the file header. */
export async function publishToMatches(): Promise<void> {
  const load0 = load1();
  say(`load ${load0}; ${DEMANDS} demands, backlog ${BACKLOG} achievements, ${SUPPLIERS} suppliers publishing every ${STREAM_MS} ms`);
  const store = await benchStore();
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-bench-publish-'));
  let api: ApiProcess | undefined;
  let streaming = true;
  let refill: ReturnType<typeof setInterval> | undefined;
  let refilling: Promise<unknown> = Promise.resolve();
  try {
    // The backlog, marked before the API boots: published achievements re-marked for the indexer,
    // as an import or edits by another process leave them (version bumped, flag set).
    const ids = Array.from({ length: Math.min(SIZES.achievements, (BACKLOG + REFILL * 40) * 2) }, (_, i) => achievementId(SIZES.achievements - 1 - i));
    const pool = (await Achievement.find({ _id: trusted({ $in: ids }), status: 'published' }, { _id: 1 }).lean()).map((a) => a._id);
    const initial = pool.splice(0, BACKLOG);
    await Achievement.updateMany({ _id: trusted({ $in: initial }) }, { $set: { indexDirty: true }, $inc: { version: 1 } }, { timestamps: false });
    let marked = initial.length;
    say(`${marked} achievements marked for the indexer`);

    await searchDataDir(dataDir);
    const t0 = performance.now();
    api = await startApiProcess({
      entry: 'test/api-process.ts',
      env: { MONGODB_URI: store.uri, STORE_PG_URL: store.pgUrl, DATA_DIR: dataDir, SESSION_SECRET: 'techbridge-bench-publish-secret-0123456789' },
      logFile: process.env.BENCH_PUBLISH_API_LOG,
    });
    say(`API up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const url = api.url;

    // Members of verified organisations (every tenth one is not verified): a buyer, and suppliers.
    const plan = orgPlan().filter((o) => o.index % 10 !== 9);
    const buyerOrg = plan.find((o) => o.kind === 'enterprise')!;
    const supplierOrgs = plan.filter((o) => o.kind === 'university').slice(0, SUPPLIERS);
    const buyer = await Client.signIn(url, userEmail(buyerOrg.index, 0));
    const suppliers = await Promise.all(supplierOrgs.map((o) => Client.signIn(url, userEmail(o.index, 0))));

    // Refills: more of them re-marked one document at a time (as many single edits are written).
    refill = setInterval(() => {
      const some = pool.splice(0, REFILL);
      refilling = updateByIds(Achievement as never, some, {}, { $set: { indexDirty: true }, $inc: { version: 1 } }, { timestamps: false }).then(
        () => (marked += some.length),
        (err: unknown) => say(`refill failed: ${String(err)}`),
      );
    }, REFILL_S * 1000);

    // The stream: suppliers publishing through HTTP while demands are measured.
    const rs = prng(4343);
    let streamed = 0;
    let streamErrors = 0;
    const stream = Promise.all(
      suppliers.map(async (c, k) => {
        for (let n = 0; streaming; n++) {
          const a = CONCEPTS[Math.floor(rs() * CONCEPTS.length)]!;
          try {
            const created = await c.must<{ id: string; version: number }>('POST', '/api/achievements', {
              title: { zh: `${a.zh}新技术（压测${k}-${n}）`, en: '' },
              summary: { zh: `面向${a.zh}的新型技术方案，已完成中试。`, en: '' },
              field: a.field, keywords: [a.zh], trl: 6, ipType: 'invention-patent',
              modes: [{ mode: 'license', askingPrice: 50_000_000 }], region: HOME_REGION,
            });
            await c.must('POST', `/api/achievements/${created.id}/publish`, { version: created.version });
            streamed++;
          } catch (err) {
            streamErrors++;
            if (streamErrors <= 3) say(`stream: ${err instanceof Error ? err.message : String(err)}`);
          }
          await sleep(STREAM_MS);
        }
      }),
    );

    // Measure once the indexer has handed part of the backlog to the match queue, or after 30 s.
    const until = Date.now() + 30_000;
    let start = await backlog(url);
    while (Date.now() < until && (start.matchQueue?.achievements ?? 0) < 50) {
      await sleep(500);
      start = await backlog(url);
    }
    say(`measuring from backlog ${JSON.stringify(start)}`);

    const r = prng(4242);
    const samples: number[] = [];
    const timeouts: number[] = [];
    let noMatch = 0;
    let failed = 0;
    const m0 = performance.now();
    for (let i = 0; i < DEMANDS; i++) {
      try {
        const d = await buyer.must<{ id: string; version: number }>('POST', '/api/demands', demandInput(r, i));
        const sent = performance.now();
        await buyer.must('POST', `/api/demands/${d.id}/publish`, { version: d.version });
        let seconds: number | null = null;
        while ((performance.now() - sent) / 1000 < TIMEOUT_S) {
          const page = await buyer.must<{ items: unknown[] }>('GET', `/api/matches?side=demand&demandId=${d.id}&pageSize=1`);
          if (page.items.length) {
            seconds = (performance.now() - sent) / 1000;
            break;
          }
          await sleep(POLL_MS);
        }
        if (seconds === null) {
          const re = await buyer.must<{ matches: number }>('POST', `/api/demands/${d.id}/rematch`, {});
          if (re.matches === 0) {
            noMatch++;
            say(`  demand ${i + 1}: no match at all (left out)`);
            continue;
          }
          seconds = TIMEOUT_S;
          timeouts.push(i);
        }
        samples.push(seconds);
        say(`  demand ${i + 1} / ${DEMANDS}: ${seconds.toFixed(2)} s (load ${load1()})`);
      } catch (err) {
        failed++;
        say(`  demand ${i + 1}: failed (${err instanceof Error ? err.message : String(err)})`);
      }
      await sleep(500);
    }
    const measuredS = (performance.now() - m0) / 1000;
    const left = await backlog(url);
    clearInterval(refill);
    streaming = false;
    await Promise.all([stream, refilling]);
    say(`backlog when measuring ended ${JSON.stringify(left)}; ${streamed} achievements published meanwhile`);

    const extra = {
      demands: samples.length, achievements: SIZES.achievements, timeouts: timeouts.length, no_match: noMatch, failed, timeout_s: TIMEOUT_S,
      max_s: round(Math.max(...samples)), measured_s: round(measuredS), poll_ms: POLL_MS,
      backlog_marked: marked, refill: REFILL, refill_every_s: REFILL_S, backlog_at_start: start, backlog_left: left,
      streamed_achievements: streamed, stream_errors: streamErrors, suppliers: SUPPLIERS, stream_every_ms: STREAM_MS,
      load_avg_1m_at_start: load0,
      scope: 'publish request sent → first non-empty GET /api/matches for the demand, through HTTP, API process on FerretDB with the 100k data set, supply-side backlog being indexed and matched',
    };
    figure('publish_to_matches_p50_s', percentile(samples, 50), 's', extra);
    figure('publish_to_matches_p95_s', percentile(samples, 95), 's', extra);
    if (api.errorLines.length) say(`API error lines (${api.errorLines.length}), first 5:\n${api.errorLines.slice(0, 5).join('\n')}`);
  } finally {
    clearInterval(refill);
    streaming = false;
    await refilling;
    await api?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    await store.stop();
  }
}
