// `npm run bench:rooms`: 1,000 socket.io clients in 500 deals send 500 messages per second for 30 s
// through the real API process against the real database (FerretDB started here, or MONGODB_URI),
// then the same load against a bare Socket.IO echo server (the ceiling). Prints one JSON line per
// figure. Loopback only; bounded in time. BENCH_SECONDS / BENCH_RATE / BENCH_DEALS override.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { ROOT } from '../../scripts/services.mjs';
import { benchDatabase, shownUri } from './database';
import { connectDatabase, syncIndexes } from '../src/db';
import { Org } from '../src/orgs/org.model';
import { User } from '../src/auth/user.model';
import { Achievement } from '../src/achievements/achievement.model';
import { Deal } from '../src/deals/deal.model';
import { startApiProcess } from '../test/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const DEALS = Number(process.env.BENCH_DEALS ?? 500);
const WARMUP_S = Math.min(2, SECONDS / 5);
const SESSION_SECRET = 'techbridge-bench-session-secret-0123456789';

const figure = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ figure: name, value: Math.round(value * 100) / 100, unit }));
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

/** Orgs, users with sessions, published achievements and one negotiating deal per supplier/buyer pair. */
async function seed(): Promise<Participant[]> {
  const n = DEALS;
  const orgs = await Org.insertMany(
    Array.from({ length: 2 * n }, (_, i) => ({
      kind: i % 2 ? 'enterprise' : 'university',
      name: { zh: `压测机构${i}`, en: `Bench org ${i}` },
      region: '310000',
      verified: true,
    })),
  );
  const users = await User.insertMany(
    orgs.map((o, i) => ({ email: `bench${i}@example.cn`, passwordHash: 'unused', name: `用户${i}`, org: o._id, roles: ['member'] })),
  );
  const achievements = await Achievement.insertMany(
    Array.from({ length: n }, (_, k) => ({
      org: orgs[2 * k]!._id,
      createdBy: users[2 * k]!._id,
      title: { zh: `压测成果${k}`, en: `Bench achievement ${k}` },
      field: 'energy-storage',
      trl: 5,
      ipType: 'invention-patent',
      region: '310000',
      modes: [{ mode: 'license', askingPrice: 1_000_000 }],
      status: 'negotiating',
      indexDirty: false,
      indexedVersion: 1,
    })),
  );
  const deals = await Deal.insertMany(
    achievements.map((a, k) => ({
      achievement: a._id,
      achievementTitle: a.title,
      supplierOrg: orgs[2 * k]!._id,
      supplierName: orgs[2 * k]!.name,
      buyerOrg: orgs[2 * k + 1]!._id,
      buyerName: orgs[2 * k + 1]!.name,
      participantOrgs: [orgs[2 * k]!._id, orgs[2 * k + 1]!._id],
      mode: 'license',
      status: 'negotiating',
      openedBy: users[2 * k + 1]!._id,
      liveKey: `${String(a._id)}:${String(orgs[2 * k + 1]!._id)}:license`,
    })),
  );
  const expires = new Date(Date.now() + 24 * 3600 * 1000);
  const sessions = users.map((u) => {
    const sid = randomBytes(18).toString('base64url');
    const session = {
      cookie: { originalMaxAge: 24 * 3600 * 1000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax', secure: false },
      passport: { user: String(u._id) },
    };
    return { _id: sid, session: JSON.stringify(session), expires, lastModified: new Date() };
  });
  await mongoose.connection.db!.collection<{ _id: string }>('sessions').insertMany(sessions);
  return users.map((u, i) => ({ dealId: String(deals[i >> 1]!._id), userId: String(u._id), cookie: sessionCookie(sessions[i]!._id) }));
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
  const { uri, stop: stopDb } = await benchDatabase('techbridge_bench');
  say(`database ${shownUri(uri)}; ${DEALS} deals, ${2 * DEALS} clients, ${RATE} msg/s for ${SECONDS} s`);
  await connectDatabase(uri);
  await mongoose.connection.db!.dropDatabase();
  await syncIndexes();
  const participants = await seed();

  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there.
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const api = await startApiProcess({ env: { MONGODB_URI: uri, SESSION_SECRET, LOG_LEVEL: 'warn' }, nodeArgs });
  let room: LoadResult;
  try {
    room = await runLoad('room', api.url, participants);
  } finally {
    await api.stop();
  }
  const stored = await mongoose.connection.db!.collection('messages').countDocuments({});

  const bareServer = await startBare();
  let bare: LoadResult;
  try {
    bare = await runLoad('bare', bareServer.url, participants.map(({ dealId, userId }) => ({ dealId, userId })));
  } finally {
    bareServer.stop();
  }

  figure('room_ack_p50_ms', room.p50, 'ms');
  figure('room_ack_p99_ms', room.p99, 'ms');
  figure('room_lost_messages', room.sent - room.delivered, 'messages');
  figure('room_vs_bare_ratio', room.p50 / bare.p50, 'x (room ack p50 / bare ack p50)');
  figure('room_messages_sent', room.sent, 'messages');
  figure('room_messages_stored', stored, 'messages');
  figure('room_send_rate', room.rate, 'msg/s');
  figure('room_errors', room.errors + room.timeouts, 'messages');
  figure('bare_ack_p50_ms', bare.p50, 'ms');
  figure('bare_ack_p99_ms', bare.p99, 'ms');
  figure('bare_lost_messages', bare.sent - bare.delivered, 'messages');

  await mongoose.connection.db!.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await stopDb();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
