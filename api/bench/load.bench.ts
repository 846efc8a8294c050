// `npm run bench:load`: the real API (a child process running api/src/server.ts, as `npm start`
// runs it, LOG_LEVEL=warn) on the bench data set (dataset.ts: 100k achievements, 30k demands, 10k
// deals, 200k messages, restored with pg_restore) under a mixed workload of LOAD_VUS virtual users
// (default 200) for LOAD_SECONDS (default 300), through HTTP and socket.io-client:
//   browse (achievement search, demand search, achievement detail), an org's own listings, sign up,
//   log in, publish (create + publish), match (GET the matches of the org's demand), negotiate (deal
//   detail, message page over HTTP; messages and offers over the /deals socket).
// Each virtual user logs in as a member of one negotiating license deal's supplier or buyer (one
// deal per user), joins its room, then loops: one action, then a think time. By default the think
// time is TPC-W's (the TPC's e-commerce web benchmark): negative exponential with a
// 7 s mean, truncated at 70 s — a person reading a page before the next click. LOAD_THINK_MS sets
// the mean; LOAD_THINK_DIST=uniform draws it uniformly in [0, 2·mean] instead (the earlier
// setting, 500 ms mean, is a stress test: 200 users then click ~14 times faster than TPC-W's).
// The API's rate limits are raised for the run (AUTH_RATE_LIMIT=1000000, WRITE_RATE_LIMIT=1000000):
// 200 users behind one loopback address would otherwise be limited as one client.
//
// BENCH_CPU_PROF=<dir>: a V8 CPU profile of the API process.
// Figures (one JSON line each, with load_avg_1m): load_5xx, load_lost_writes (every acknowledged
// write — socket-acked messages and offers, created/published listings, sign-ups — re-read after the
// run: missing or duplicated), load_p95_ms (all HTTP requests), throughput, per-route p95, socket
// ack p95, the API process's CPU time, and the error lines its stderr showed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { CONCEPTS } from '@techbridge/search';
import { startApiProcess, type ApiProcess } from './api-process';
import { benchStore, load1, procCpuS, searchDataDir, orgPlan, orgId, userEmail, achievementId, BENCH_PASSWORD, SIZES, HOME_REGION } from './dataset';
import { prng } from '../../seed/src/scale';
import { Deal } from '../src/deals/deal.model';
import { Demand } from '../src/demands/demand.model';
import { Message } from '../src/deals/message.model';
import { Achievement } from '../src/achievements/achievement.model';
import { User } from '../src/auth/user.model';
import { randomCreditCode } from '../src/orgs/credit-code';

const VUS = Number(process.env.LOAD_VUS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 300);
const THINK_DIST = process.env.LOAD_THINK_DIST === 'uniform' ? 'uniform' : 'exponential';
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? (THINK_DIST === 'uniform' ? 500 : 7000));
/** One think time (ms) from a uniform draw `u` in [0, 1). */
const thinkTime = (u: number) => (THINK_DIST === 'uniform' ? u * 2 * THINK_MS : Math.min(10 * THINK_MS, -THINK_MS * Math.log(1 - u)));
const RAMP_S = Number(process.env.LOAD_RAMP_S ?? 30);

const say = (msg: string) => process.stderr.write(`[bench:load] ${msg}\n`);
const round = (x: number) => Math.round(x * 100) / 100;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: round(value), unit, load_avg_1m: load1(), ...extra })}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
}

// ---- measurements ------------------------------------------------------------------------------

const http = new Map<string, { ms: number[]; status: Map<number, number> }>();
const acks = new Map<string, { ms: number[]; ok: number; errors: Map<string, number>; timeouts: number }>();
let running = true;
const netReasons = new Map<string, number>();
let stoppedVus = 0;

function recordHttp(route: string, ms: number, status: number) {
  const r = http.get(route) ?? { ms: [] as number[], status: new Map<number, number>() };
  http.set(route, r);
  r.ms.push(ms);
  r.status.set(status, (r.status.get(status) ?? 0) + 1);
}
function recordAck(event: string, ms: number, outcome: 'ok' | 'timeout' | string) {
  const r = acks.get(event) ?? { ms: [] as number[], ok: 0, errors: new Map<string, number>(), timeouts: 0 };
  acks.set(event, r);
  if (outcome === 'ok') {
    r.ok++;
    r.ms.push(ms);
  } else if (outcome === 'timeout') r.timeouts++;
  else r.errors.set(outcome, (r.errors.get(outcome) ?? 0) + 1);
}

// ---- the acknowledged writes, re-read afterwards -----------------------------------------------

const ackedMessages: { deal: string; clientMsgId: string; seq: number }[] = [];
const ackedOffers: { deal: string; version: number }[] = [];
const createdListings: { id: string; published: boolean }[] = [];
const signedUp: string[] = [];

// ---- HTTP client with a cookie and a CSRF token -------------------------------------------------

class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async call<T = unknown>(route: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: T | null }> {
    // A session's first write needs its CSRF token (GET /api/csrf, as the web app does).
    if (method !== 'GET' && !this.csrf) await this.call('GET /csrf', 'GET', '/api/csrf');
    const t = performance.now();
    let status: number;
    let data: T | null = null;
    try {
      const res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      status = res.status;
      for (const c of res.headers.getSetCookie()) if (c.startsWith('tb.sid=')) this.cookie = c.split(';')[0]!;
      data = (await res.json().catch(() => null)) as T | null;
      const token = (data as { csrfToken?: string } | null)?.csrfToken;
      if (token) this.csrf = token;
    } catch (err) {
      status = 0; // network error or timeout
      const e = err as { name?: string; cause?: { code?: string } };
      const why = `${route}: ${e.cause?.code ?? e.name ?? 'error'}`;
      netReasons.set(why, (netReasons.get(why) ?? 0) + 1);
    }
    recordHttp(route, performance.now() - t, status);
    return { status, data };
  }
}

// ---- the API process ---------------------------------------------------------------------------

// ---- virtual users -----------------------------------------------------------------------------

interface Persona {
  index: number;
  side: 'supplier' | 'buyer';
  email: string;
  orgIndex: number;
  dealId: string;
  demandId?: string;
}

/** One negotiating license deal per user; the side alternates; suppliers' orgs are verified. */
async function personas(n: number): Promise<Persona[]> {
  const byId = new Map(orgPlan().map((o) => [String(orgId(o.index)), o.index]));
  const deals = await Deal.find({ status: 'negotiating', mode: 'license' }, { supplierOrg: 1, buyerOrg: 1 }).limit(n * 3).lean();
  const out: Persona[] = [];
  for (const d of deals) {
    if (out.length >= n) break;
    const i = out.length;
    const side = i % 2 === 0 ? 'supplier' : 'buyer';
    const orgIndex = byId.get(String(side === 'supplier' ? d.supplierOrg : d.buyerOrg))!;
    if (side === 'supplier' && orgIndex % 10 === 9) continue; // unverified orgs cannot publish
    const p: Persona = { index: i, side, email: userEmail(orgIndex, (i >> 1) % 2), orgIndex, dealId: String(d._id) };
    if (side === 'buyer') {
      const dem = await Demand.findOne({ org: d.buyerOrg, status: 'open' }, { _id: 1 }).lean();
      if (dem) p.demandId = String(dem._id);
    }
    out.push(p);
  }
  if (out.length < n) throw new Error(`only ${out.length} negotiating license deals for ${n} users`);
  return out;
}

const TERMS = (fee: number) => ({ mode: 'license', exclusivity: 'non-exclusive', territory: '中国大陆', fieldOfUse: '新能源汽车动力电池', termYears: 5, upfrontFee: fee, royaltyRate: 3, milestones: [] });

async function virtualUser(url: string, p: Persona, until: number, seed: number): Promise<void> {
  const r = prng(seed);
  const c = new Client(url);
  // Arrival: log in (retried, as a user would, while the server is busy) and open the room socket.
  for (let attempt = 0; ; attempt++) {
    const res = await c.call('POST /auth/login', 'POST', '/api/auth/login', { email: p.email, password: BENCH_PASSWORD });
    if (res.status === 200) break;
    if (attempt === 10 || performance.now() > until) throw new Error(`login failed (${res.status})`);
    c.csrf = '';
    await sleep(1000);
  }
  const socket: Socket = io(`${url}/deals`, { transports: ['websocket'], forceNew: true, reconnection: true, timeout: 60_000, extraHeaders: { cookie: c.cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.on('connect_error', (err) => {
      // socket.io retries a transport failure itself; a refused handshake (no session) is final.
      if (!socket.active) reject(err);
    });
  });
  const emit = async (event: string, payload: Record<string, unknown>): Promise<{ data?: Record<string, unknown> } | null> => {
    const t = performance.now();
    try {
      const res = (await socket.timeout(30_000).emitWithAck(event, payload)) as { data?: Record<string, unknown>; error?: { code?: string } };
      recordAck(event, performance.now() - t, res.data ? 'ok' : (res.error?.code ?? 'error'));
      return res;
    } catch {
      recordAck(event, performance.now() - t, 'timeout');
      return null;
    }
  };
  const joined = await emit('deal:join', { dealId: p.dealId, lastSeq: 0 });
  let offerVersion = Number((joined?.data?.deal as { currentOfferVersion?: number } | undefined)?.currentOfferVersion ?? 0);
  let sent = 0;
  let lastSeq = 0;
  const concept = () => CONCEPTS[Math.floor(r() * CONCEPTS.length)]!;
  const actions: [number, () => Promise<unknown>][] = [
    [22, () => c.call('GET /search/achievements', 'GET', `/api/search/achievements?q=${encodeURIComponent(r() < 0.6 ? concept().zh : concept().en)}${r() < 0.3 ? `&region=${HOME_REGION}` : ''}`)],
    [5, () => c.call('GET /search/demands', 'GET', `/api/search/demands?q=${encodeURIComponent(concept().zh)}`)],
    [18, () => c.call('GET /achievements/:id', 'GET', `/api/achievements/${String(achievementId(Math.floor(r() * SIZES.achievements)))}`)],
    [5, () => c.call('GET /achievements/mine', 'GET', '/api/achievements/mine?page=1&pageSize=20')],
    [5, () => c.call('GET /deals/:id', 'GET', `/api/deals/${p.dealId}`)],
    [4, () => c.call('GET /deals/:id/messages', 'GET', `/api/deals/${p.dealId}/messages?after=${Math.max(0, lastSeq - 20)}&limit=50`)],
    [
      8,
      async () => {
        if (p.side === 'buyer' && p.demandId) return c.call('GET /matches?demandId', 'GET', `/api/matches?side=demand&demandId=${p.demandId}`);
        return c.call('GET /matches', 'GET', '/api/matches?side=supply');
      },
    ],
    [
      20,
      async () => {
        const clientMsgId = `load-${p.index}-${sent++}-${seed}`;
        const res = await emit('message:send', { dealId: p.dealId, clientMsgId, text: `第${sent}条：请确认技术参数与交付周期。` });
        const seq = Number(res?.data?.seq ?? 0);
        if (res?.data) {
          ackedMessages.push({ deal: p.dealId, clientMsgId, seq });
          lastSeq = Math.max(lastSeq, seq);
        }
      },
    ],
    [
      5,
      async () => {
        const res = await emit('offer:create', { dealId: p.dealId, replacesVersion: offerVersion, terms: TERMS(100_000_00 + Math.floor(r() * 1000) * 100_00) });
        const v = Number((res?.data?.offer as { version?: number } | undefined)?.version ?? (res?.data?.deal as { currentOfferVersion?: number } | undefined)?.currentOfferVersion ?? 0);
        if (res?.data && v) {
          ackedOffers.push({ deal: p.dealId, version: v });
          offerVersion = v;
        }
      },
    ],
    [
      3,
      async () => {
        if (p.side !== 'supplier') return c.call('GET /orgs/:id', 'GET', `/api/orgs/${String(orgId(p.orgIndex))}`);
        const a = concept();
        const created = await c.call<{ id?: string; version?: number }>('POST /achievements', 'POST', '/api/achievements', {
          title: { zh: `压测新成果${a.zh}${p.index}-${sent}`, en: '' },
          summary: { zh: `面向${a.zh}的新型技术方案，已完成小试。`, en: '' },
          field: a.field, keywords: [a.zh], trl: 5, ipType: 'invention-patent',
          modes: [{ mode: 'license', askingPrice: 50_000_000 }], region: HOME_REGION,
        });
        const id = created.data?.id;
        if (created.status !== 201 || !id) return;
        const listing = { id, published: false };
        createdListings.push(listing);
        const pub = await c.call('POST /achievements/:id/publish', 'POST', `/api/achievements/${id}/publish`, {});
        if (pub.status === 200) listing.published = true;
      },
    ],
    [
      1,
      async () => {
        const email = `load-${p.index}-${Date.now().toString(36)}-${Math.floor(r() * 1e6)}@bench.example.cn`;
        // Sign-up as a person does it: register (202, the same for any address), read the link the
        // email carries (the development outbox), verify — which creates the account and signs in.
        const me = new Client(url);
        const res = await me.call('POST /auth/register', 'POST', '/api/auth/register', {
          email, password: 'load-Passw0rd-2026', name: '压测新用户', org: { kind: 'enterprise', name: { zh: `压测新企业${p.index}`, en: '' }, region: HOME_REGION, creditCode: randomCreditCode() },
        });
        if (res.status !== 202) return;
        const box = await me.call<{ items: { kind: string; link: string | null }[] }>('GET /dev/outbox', 'GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
        const token = box.data?.items.find((m) => m.kind === 'verify-email')?.link?.split('token=')[1];
        if (!token) return;
        const verified = await me.call('POST /auth/verify', 'POST', '/api/auth/verify', { token: decodeURIComponent(token) });
        if (verified.status === 200 || verified.status === 201) signedUp.push(email);
      },
    ],
    [2, () => new Client(url).call('POST /auth/login', 'POST', '/api/auth/login', { email: p.email, password: BENCH_PASSWORD })],
    [2, () => c.call('GET /me', 'GET', '/api/me')],
  ];
  const total = actions.reduce((s, [w]) => s + w, 0);
  while (running && performance.now() < until) {
    let x = r() * total;
    const action = actions.find(([w]) => (x -= w) < 0) ?? actions[0]!;
    await action[1]();
    await sleep(thinkTime(r()));
  }
  socket.close();
}

// ---- after the run: every acknowledged write, exactly once ---------------------------------------

async function lostWrites(): Promise<Record<string, number>> {
  const out = { messages_missing: 0, messages_duplicated: 0, messages_wrong_seq: 0, offers_missing: 0, offers_duplicated: 0, listings_missing: 0, listings_unpublished: 0, signups_missing: 0, signups_duplicated: 0 };
  const byDeal = new Map<string, typeof ackedMessages>();
  for (const m of ackedMessages) byDeal.set(m.deal, [...(byDeal.get(m.deal) ?? []), m]);
  for (const [deal, msgs] of byDeal) {
    const stored = await Message.find({ deal: new Types.ObjectId(deal) }, { clientMsgId: 1, seq: 1 }).lean();
    const count = new Map<string, { n: number; seq: number }>();
    for (const s of stored) count.set(s.clientMsgId, { n: (count.get(s.clientMsgId)?.n ?? 0) + 1, seq: s.seq });
    for (const m of msgs) {
      const c = count.get(m.clientMsgId);
      if (!c) out.messages_missing++;
      else {
        if (c.n > 1) out.messages_duplicated += c.n - 1;
        if (c.seq !== m.seq) out.messages_wrong_seq++;
      }
    }
  }
  const offersByDeal = new Map<string, number[]>();
  for (const o of ackedOffers) offersByDeal.set(o.deal, [...(offersByDeal.get(o.deal) ?? []), o.version]);
  for (const [deal, versions] of offersByDeal) {
    const d = await Deal.findById(deal, { offers: 1 }).lean();
    const have = new Map<number, number>();
    for (const o of d?.offers ?? []) have.set(o.version, (have.get(o.version) ?? 0) + 1);
    for (const v of versions) {
      const n = have.get(v) ?? 0;
      if (!n) out.offers_missing++;
      if (n > 1) out.offers_duplicated += n - 1;
    }
  }
  for (const l of createdListings) {
    const a = await Achievement.findById(l.id, { status: 1 }).lean();
    if (!a) out.listings_missing++;
    else if (l.published && a.status !== 'published') out.listings_unpublished++;
  }
  for (const email of signedUp) {
    const n = await User.countDocuments({ email });
    if (n === 0) out.signups_missing++;
    if (n > 1) out.signups_duplicated += n - 1;
  }
  return out;
}

async function main() {
  setTimeout(() => {
    say('gave up after 45 minutes');
    process.exit(2);
  }, 45 * 60_000).unref();
  const load0 = load1();
  say(`load ${load0}; ${VUS} virtual users for ${SECONDS} s, think time mean ${THINK_MS} ms (${THINK_DIST})`);
  const store = await benchStore();
  figure(`dataset_${store.origin.how}_s`, store.origin.seconds, 's', { cpu_s: store.origin.cpuSeconds, sizes: SIZES });
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-bench-load-'));
  let api: ApiProcess | undefined;
  try {
    await searchDataDir(dataDir);
    const people = await personas(VUS);
    const t0 = performance.now();
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there (it takes a while to write).
    const prof = process.env.BENCH_CPU_PROF;
    api = await startApiProcess({
      entry: 'src/server.ts',
      env: { MONGODB_URI: store.uri, STORE_PG_URL: store.pgUrl, DATA_DIR: dataDir, SESSION_SECRET: 'techbridge-bench-load-secret-0123456789' },
      nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
      stopTimeoutMs: prof ? 120_000 : 10_000,
    });
    figure('load_api_boot_s', (performance.now() - t0) / 1000, 's', { note: 'API process start to /api/health answering (search snapshot copied, not rebuilt)' });
    const cpu0 = procCpuS(api.child.pid);
    const bench0 = process.cpuUsage();
    const start = performance.now();
    const until = start + SECONDS * 1000;
    // Users arrive over the first 30 s (LOAD_RAMP_S), not all at the same millisecond.
    const progress = setInterval(() => {
      const n = [...http.values()].reduce((s, r) => s + r.ms.length, 0);
      say(`  ${Math.round((performance.now() - start) / 1000)} s: ${n} requests, ${ackedMessages.length} messages acked, load ${load1()}`);
    }, 30_000);
    await Promise.all(
      people.map(async (p, i) => {
        await sleep((i / people.length) * RAMP_S * 1000);
        try {
          await virtualUser(api!.url, p, until, 1000 + i);
        } catch (err) {
          stoppedVus++;
          say(`virtual user ${i} stopped: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
    clearInterval(progress);
    running = false;
    const elapsed = (performance.now() - start) / 1000;
    const apiCpu = procCpuS(api.child.pid) - cpu0;
    const benchCpu = process.cpuUsage(bench0);
    await sleep(1000);
    await api.stop();
    const errorLines = api.errorLines;

    const all = [...http.values()].flatMap((r) => r.ms);
    let fiveXX = 0;
    let netErrors = 0;
    const statuses: Record<string, number> = {};
    for (const r of http.values())
      for (const [s, n] of r.status) {
        statuses[s] = (statuses[s] ?? 0) + n;
        if (s >= 500) fiveXX += n;
        if (s === 0) netErrors += n;
      }
    const lost = await lostWrites();
    const lostTotal = Object.values(lost).reduce((a, b) => a + b, 0);
    const ackEvents = [...acks.values()].reduce((s, a) => s + a.ok + a.timeouts + [...a.errors.values()].reduce((x, y) => x + y, 0), 0);
    const common = { vus: VUS, vus_stopped: stoppedVus, ramp_s: RAMP_S, seconds: round(elapsed), think_ms_mean: THINK_MS, think_dist: THINK_DIST, load_avg_1m_at_start: load0 };
    figure('load_5xx', fiveXX, 'responses', { ...common, target: 0, network_errors: netErrors, network_error_reasons: Object.fromEntries(netReasons), statuses, api_error_lines: errorLines.length });
    figure('load_lost_writes', lostTotal, 'writes', {
      ...common, target: 0, ...lost, acked_messages: ackedMessages.length, acked_offers: ackedOffers.length, created_listings: createdListings.length, signups: signedUp.length,
    });
    figure('load_p95_ms', pct(all, 95), 'ms', { ...common, target: 200, p50_ms: round(pct(all, 50)), p99_ms: round(pct(all, 99)), requests: all.length, api_cpu_s: round(apiCpu), bench_cpu_s: round((benchCpu.user + benchCpu.system) / 1e6) });
    figure('load_http_throughput', all.length / elapsed, 'req/s', { ...common, socket_events_per_s: round(ackEvents / elapsed), api_cpu_s: round(apiCpu), api_cpu_share: round(apiCpu / elapsed) });
    for (const [route, r] of [...http].sort()) {
      const codes = Object.fromEntries([...r.status].sort());
      figure(`load_route_p95_ms`, pct(r.ms, 95), 'ms', { route, n: r.ms.length, p50_ms: round(pct(r.ms, 50)), statuses: codes });
    }
    for (const [event, a] of [...acks].sort())
      figure('load_socket_ack_p95_ms', pct(a.ms, 95), 'ms', { event, ok: a.ok, p50_ms: round(pct(a.ms, 50)), timeouts: a.timeouts, errors: Object.fromEntries(a.errors) });
    if (errorLines.length) say(`API error lines (${errorLines.length}), first 10:\n${errorLines.slice(0, 10).join('\n')}`);
  } finally {
    running = false;
    await api?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
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
