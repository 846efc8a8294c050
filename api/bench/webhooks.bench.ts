// `npm run bench:webhooks`: issue 13's `webhook_delivery_p99_ms` — from a listing's publication
// being stored to a local partner's receipt of the signed `achievement.published` delivery, through
// the production path: the publish write (as the listing service stores it, then tells the outbox),
// the outbox holder's pass (engine upsert, the `onSent` hook recording the delivery), the dispatcher
// claiming and POSTing it. One publication at a time, on FerretDB (PostgreSQL backend), one
// process, no lease. One JSON line on stdout (with load_avg_1m), progress on stderr.
//
// Environment: BENCH_WEBHOOK_EVENTS (default 200).
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose, { Types } from 'mongoose';
import { startFerretDB } from '../../scripts/services.mjs';
import { load1 } from './dataset';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { connectDatabase, syncIndexes } from '../src/db';
import { composeServices } from '../src/compose';
import { composeWorkers } from '../src/workers';
import { memorySearchEngine } from '../src/search/engine';
import { closePgRead } from '../src/store/pg-read';
import { closeWriteGate } from '../src/store/write-gate';
import { Achievement } from '../src/achievements/achievement.model';
import { listingWritten } from '../src/search/outbox';
import { WebhookSubscription, WebhookDelivery } from '../src/webhooks/webhook.model';
import { verifySignature } from '../src/webhooks/webhook.signature';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 200);
const say = (msg: string) => process.stderr.write(`[bench:webhooks] ${msg}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

say('starting FerretDB…');
const db = await startFerretDB();
const uri = db.uri.replace(/\/techbridge$/, '/techbridge_bench_webhooks');
const logger = createLogger('warn');
const config = loadConfig({ ...process.env, NODE_ENV: 'test', MONGODB_URI: uri, ...(db.pgUrl ? { STORE_PG_URL: db.pgUrl } : {}), LOG_LEVEL: 'warn' });
await connectDatabase(uri, logger, { pgUrl: db.pgUrl });
await mongoose.connection.db!.dropDatabase();
await syncIndexes(logger);
const search = await memorySearchEngine();
const services = composeServices({ config, logger, search });
const workers = composeWorkers(services, { logger, search, autoMatch: false });

// The partner: records when each delivery arrived, checks its signature.
const arrived = new Map<string, number>();
let waiting: { id: string; resolve: () => void } | null = null;
const secret = 'whsec_bench_secret';
let badSignatures = 0;
const partner = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now();
    const body = Buffer.concat(chunks).toString('utf8');
    if (!verifySignature(secret, body, String(req.headers['x-techbridge-signature']))) badSignatures++;
    const id = (JSON.parse(body) as { data: { id: string } }).data.id;
    arrived.set(id, at);
    res.writeHead(204).end();
    if (waiting?.id === id) waiting.resolve();
  });
});
await new Promise<void>((r) => partner.listen(0, '127.0.0.1', r));
const partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/hook`;

try {
  const org = new Types.ObjectId();
  const user = new Types.ObjectId();
  await WebhookSubscription.create({ org: new Types.ObjectId(), createdBy: user, url: partnerUrl, events: ['achievement.published'], secret });
  workers.start();
  const times: number[] = [];
  say(`${EVENTS} publications, one at a time…`);
  for (let i = 0; i < EVENTS + 5; i++) {
    const _id = new Types.ObjectId();
    const id = String(_id);
    const got = new Promise<void>((resolve) => (waiting = { id, resolve }));
    const t0 = performance.now();
    await Achievement.create({
      _id,
      org,
      createdBy: user,
      title: { zh: `基准成果 ${i}`, en: `Bench achievement ${i}` },
      summary: { zh: '用于测量 Webhook 推送延迟。', en: 'Measures webhook delivery latency.' },
      field: 'energy-storage',
      trl: 6,
      ipType: 'invention-patent',
      region: '310000',
      modes: [{ mode: 'license', askingPrice: 50_000_000 }],
      status: 'published',
      publishedAt: new Date(),
    });
    listingWritten('achievement', id);
    await Promise.race([got, new Promise((_, reject) => setTimeout(() => reject(new Error(`delivery of ${id} not received in 30 s`)), 30_000))]);
    if (i >= 5) times.push(arrived.get(id)! - t0); // the first five warm up
  }
  const delivered = await WebhookDelivery.countDocuments({ status: 'delivered' });
  if (badSignatures) throw new Error(`${badSignatures} deliveries failed the signature check`);
  process.stdout.write(
    `${JSON.stringify({ figure: 'webhook_delivery_p99_ms', value: round(pct(times, 99)), unit: 'ms', p50_ms: round(pct(times, 50)), p95_ms: round(pct(times, 95)), n: times.length, delivered, load_avg_1m: load1(), store: 'ferretdb-postgresql', path: 'publish write → outbox pass → delivery recorded → dispatcher → partner' })}\n`,
  );
} finally {
  await workers.stop();
  partner.close();
  await search.close();
  await mongoose.disconnect();
  await closePgRead();
  await closeWriteGate();
  await db.stop();
}
process.exit(0);
