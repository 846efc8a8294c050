// `npm run bench:rooms`: 1,000 socket.io clients in 500 deals send 500 messages per second for 30 s
// through the real API process against the real database, then the same load against a bare
// Socket.IO echo server (the ceiling). The database is the bench data set (dataset.ts: FerretDB on
// PostgreSQL restored with pg_restore — 100k achievements, 10k deals, 200k stored messages); the
// rooms are 500 of its negotiating deals (20 stored messages each), one member of the supplier and
// one of the buyer organisation per deal. Prints one JSON line per figure (with load_avg_1m).
// Loopback only; bounded in time. BENCH_SECONDS / BENCH_RATE / BENCH_DEALS override.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { ROOT } from '../../scripts/services.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { shownUri } from './database';
import { benchStore, load1, procCpuS, orgPlan, orgId, searchDataDir, userId, DATASET_TAG } from './dataset';
import { Deal } from '../src/deals/deal.model';
import { startApiProcess } from '../test/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const DEALS = Number(process.env.BENCH_DEALS ?? 500);
const WARMUP_S = Math.min(2, SECONDS / 5);
const SESSION_SECRET = 'techbridge-bench-session-secret-0123456789';

const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ figure: name, value: Math.round(value * 100) / 100, unit, load_avg_1m: load1(), ...extra }));
const say = (msg: string) => process.stderr.write(`[bench:rooms] ${msg}\n`);

interface Participant {
  dealId: string;
  userId: string;
  cookie?: string;
}

/** express-session's signed cookie for a session id (cookie-signature's HMAC-SHA256). */
function sessionCookie(sid: string): string {
  const mac = createHmac('sha256', SESSION_SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `tb.sid=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

/** Sessions for one supplier and one buyer member of each of `DEALS` negotiating deals of the data set. */
async function seed(): Promise<Participant[]> {
  const indexOf = new Map(orgPlan().map((o) => [String(orgId(o.index)), o.index]));
  // The socket flood limit is per user (60 events in 3 s): an org (2 members) takes part in at
  // most 6 of the chosen deals, so a user sends for at most 3 clients (~1.5 messages/s).
  const all = await Deal.find({ status: 'negotiating' }, { supplierOrg: 1, buyerOrg: 1 }).lean();
  const used = new Map<string, number>();
  const deals = all.filter((d) => {
    if ((used.get(String(d.supplierOrg)) ?? 0) >= 6 || (used.get(String(d.buyerOrg)) ?? 0) >= 6) return false;
    for (const o of [d.supplierOrg, d.buyerOrg]) used.set(String(o), (used.get(String(o)) ?? 0) + 1);
    return true;
  }).slice(0, DEALS);
  if (deals.length < DEALS) throw new Error(`the data set has only ${deals.length} negotiating deals with distinct members`);
  const expires = new Date(Date.now() + 24 * 3600 * 1000);
  const participants: Participant[] = [];
  const sessions: { _id: string; session: string; expires: Date; lastModified: Date }[] = [];
  const taken = new Map<string, number>();
  for (const d of deals) {
    for (const org of [d.supplierOrg, d.buyerOrg]) {
      const k = taken.get(String(org)) ?? 0;
      taken.set(String(org), k + 1);
      const user = String(userId(indexOf.get(String(org))!, k % 2));
      const sid = randomBytes(18).toString('base64url');
      const session = {
        cookie: { originalMaxAge: 24 * 3600 * 1000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax', secure: false },
        passport: { user },
      };
      sessions.push({ _id: sid, session: JSON.stringify(session), expires, lastModified: new Date() });
      participants.push({ dealId: String(d._id), userId: user, cookie: sessionCookie(sid) });
    }
  }
  await mongoose.connection.db!.collection<{ _id: string }>('sessions').insertMany(sessions);
  return participants;
}

interface LoadResult {
  p50: number;
  p99: number;
  sent: number;
  acked: number;
  delivered: number;
  errors: number;
  timeouts: number;
  rate: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inBatches<T>(items: T[], size: number, fn: (t: T, i: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((t, j) => fn(t, i + j)));
}

/** Connects every participant, joins its deal, runs the message load and counts deliveries. */
async function runLoad(label: string, url: string, participants: Participant[]): Promise<LoadResult> {
  const sockets: Socket[] = new Array(participants.length);
  const deliveredToOther = new Set<string>();
  let errors = 0;
  let timeouts = 0;
  const t0 = Date.now();
  await inBatches(participants, 25, async (p, i) => {
    const s = io(`${url}/deals`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      extraHeaders: p.cookie ? { cookie: p.cookie } : {},
      auth: { userId: p.userId },
    });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    s.on('message:created', (m: { clientMsgId: string; author: { id: string } | null }) => {
      if (m.author?.id !== p.userId) deliveredToOther.add(m.clientMsgId);
    });
    sockets[i] = s;
  });
  await inBatches(participants, 50, async (p, i) => {
    const res = (await sockets[i]!.timeout(20_000).emitWithAck('deal:join', { dealId: p.dealId, lastSeq: 0 })) as { error?: unknown };
    if (res.error) throw new Error(`${label}: join failed ${JSON.stringify(res.error)}`);
  });
  say(`${label}: ${sockets.length} clients connected and joined in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const total = RATE * SECONDS;
  const latencies: number[] = [];
  let acked = 0;
  let sent = 0;
  let inFlight = 0;
  const start = performance.now();
  const warmupEnd = start + WARMUP_S * 1000;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
      while (sent < due) {
        const i = sent % participants.length;
        const p = participants[i]!;
        const n = sent++;
        const t = performance.now();
        inFlight++;
        sockets[i]!.timeout(15_000)
          .emitWithAck('message:send', { dealId: p.dealId, clientMsgId: `bench-${label}-${n}`, text: `压测消息 ${n}` })
          .then((res: { data?: unknown; error?: unknown }) => {
            if (res.data) {
              if (t >= warmupEnd) latencies.push(performance.now() - t);
              acked++;
            } else errors++;
          })
          .catch(() => timeouts++)
          .finally(() => inFlight--);
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const elapsed = (performance.now() - start) / 1000;
  const drainUntil = Date.now() + 20_000;
  while ((inFlight > 0 || deliveredToOther.size < sent) && Date.now() < drainUntil) await sleep(100);
  for (const s of sockets) s?.close();
  latencies.sort((a, b) => a - b);
  let delivered = 0;
  for (let n = 0; n < sent; n++) if (deliveredToOther.has(`bench-${label}-${n}`)) delivered++;
  say(`${label}: sent ${sent} in ${elapsed.toFixed(1)} s, acked ${acked}, delivered to the other participant ${delivered}, error acks ${errors}, ack timeouts ${timeouts}`);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), sent, acked, delivered, errors, timeouts, rate: sent / elapsed };
}

async function startBare(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join('bench', 'bare-echo.ts')], { cwd: join(ROOT, 'api'), stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bare echo server exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function main() {
  // Bounded in time whatever happens (a stuck database, a lost client).
  setTimeout(() => {
    say('gave up after 20 minutes');
    process.exit(2);
  }, 20 * 60_000).unref();
  const store = await benchStore();
  const { uri } = store;
  say(`database ${shownUri(uri)} (data set ${DATASET_TAG}, ${store.origin.how} in ${store.origin.seconds} s); ${DEALS} deals, ${2 * DEALS} clients, ${RATE} msg/s for ${SECONDS} s`);
  // A failure from here on stops the store too (its throwaway cluster is removed).
  stopStore = store.stop;
  const storedBefore = await mongoose.connection.db!.collection('messages').countDocuments({});
  const participants = await seed();
  // The embedded engine's snapshot of the data set, so the API does not rebuild it at boot.
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-bench-rooms-'));
  await searchDataDir(dataDir);

  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there.
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const api = await startApiProcess({ env: { MONGODB_URI: uri, STORE_PG_URL: store.pgUrl, DATA_DIR: dataDir, SESSION_SECRET, LOG_LEVEL: 'warn' }, nodeArgs });
  let room: LoadResult;
  const cpu0 = procCpuS(api.child.pid);
  const t0 = performance.now();
  let apiCpuS: number;
  try {
    room = await runLoad('room', api.url, participants);
    apiCpuS = procCpuS(api.child.pid) - cpu0;
  } finally {
    await api.stop();
  }
  const roomWallS = (performance.now() - t0) / 1000;
  const stored = (await mongoose.connection.db!.collection('messages').countDocuments({})) - storedBefore;
  rmSync(dataDir, { recursive: true, force: true });

  const bareServer = await startBare();
  let bare: LoadResult;
  try {
    bare = await runLoad('bare', bareServer.url, participants.map(({ dealId, userId }) => ({ dealId, userId })));
  } finally {
    bareServer.stop();
  }

  figure('room_ack_p50_ms', room.p50, 'ms');
  figure('room_ack_p99_ms', room.p99, 'ms', { target: 50, stored_messages_before: storedBefore, deals: DEALS, rate: RATE, seconds: SECONDS, api_cpu_s: Math.round(apiCpuS * 10) / 10, room_phase_wall_s: Math.round(roomWallS * 10) / 10 });
  figure('room_lost_messages', room.sent - room.delivered, 'messages');
  figure('room_vs_bare_ratio', room.p50 / bare.p50, 'x (room ack p50 / bare ack p50)');
  figure('room_messages_sent', room.sent, 'messages');
  figure('room_messages_stored', stored, 'messages');
  figure('room_send_rate', room.rate, 'msg/s');
  figure('room_errors', room.errors + room.timeouts, 'messages');
  figure('bare_ack_p50_ms', bare.p50, 'ms');
  figure('bare_ack_p99_ms', bare.p99, 'ms');
  figure('bare_lost_messages', bare.sent - bare.delivered, 'messages');

  await store.stop();
}

let stopStore: (() => Promise<void>) | undefined;

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(err);
    await stopStore?.().catch(() => undefined);
    process.exit(1);
  },
);
