// `npm run bench:payments`: issue 11's figures. One JSON line per figure on stdout, progress on
// stderr; every figure carries load_avg_1m.
//
// - contract_pdf_ms: p95 to render one contract PDF (contracts/contract.pdf.ts: the canonical content
//   of a licence with two milestones, in Chinese with the embedded CJK font, its hash on every page),
//   after warm-up, one at a time.
// - webhook_p99_ms: a signed payment_intent.succeeded POSTed over HTTP to the real API's
//   /api/payments/webhook until its answer — signature check, the event's record, the item's
//   compare-and-set, the deal's room event (and, for each deal's last item, paying → completed),
//   the event marked processed — on FerretDB (PostgreSQL backend), one at a time.
//
// Environment: BENCH_PDFS (default 40), BENCH_WEBHOOKS (default 300).
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import mongoose, { Types } from 'mongoose';
import Stripe from 'stripe';
import { startFerretDB } from '../../scripts/services.mjs';
import { load1 } from './dataset';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { connectDatabase, syncIndexes } from '../src/db';
import { composeApi } from '../src/compose';
import { memorySearchEngine } from '../src/search/engine';
import { closePgRead } from '../src/store/pg-read';
import { closeWriteGate } from '../src/store/write-gate';
import { Deal } from '../src/deals/deal.model';
import { PaymentItem, type PaymentItemLean } from '../src/payments/payment-item.model';
import { feesFor } from '../src/payments/fees';
import { STRIPE_MOCK_WEBHOOK_SECRET } from '../src/payments/stripe';
import { buildContent, canonicalJson, DEFAULT_PARTICULARS } from '../src/contracts/contract.content';
import { renderContractPdf } from '../src/contracts/contract.pdf';
import { createHash } from 'node:crypto';

const PDFS = Number(process.env.BENCH_PDFS ?? 40);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 300);
const ITEMS_PER_DEAL = 3;

const say = (msg: string) => process.stderr.write(`[bench:payments] ${msg}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: round(value), unit, load_avg_1m: load1(), ...extra })}\n`);

async function contractPdf(): Promise<void> {
  const content = buildContent({
    dealId: new Types.ObjectId().toHexString(),
    mode: 'license',
    offerVersion: 2,
    terms: {
      mode: 'license', exclusivity: 'exclusive', territory: '中国大陆', fieldOfUse: '动力电池正极材料生产', termYears: 5, upfrontFee: 30_000_000, royaltyRate: 3.5,
      milestones: [{ description: '技术交底完成', amount: 10_000_000, due: '2027-03-31' }, { description: '首批量产', amount: 20_000_000, due: '2027-12-31' }],
    },
    supplier: { id: 'u1', name: { zh: '上海交通大学', en: 'Shanghai Jiao Tong University' }, region: '310000', creditCode: '12100000425006117P' },
    buyer: { id: 'e1', name: { zh: '宁德时代新能源科技股份有限公司', en: 'CATL' }, region: '350000', creditCode: '91350900587527783P' },
    broker: null,
    achievement: { id: 'a1', title: { zh: '锂电池正极材料低温烧结工艺', en: 'Low-temperature sintering of cathode material' }, field: 'energy-storage', ipType: 'invention-patent', patents: [{ number: 'ZL202110123456.7', title: '一种正极材料的烧结方法', status: 'granted', expiry: '2041-01-10' }] },
    particulars: DEFAULT_PARTICULARS,
  });
  const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  for (let i = 0; i < 3; i++) await renderContractPdf(content, hash, 'zh');
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < PDFS; i++) {
    const t = performance.now();
    bytes = (await renderContractPdf(content, hash, 'zh')).length;
    times.push(performance.now() - t);
  }
  figure('contract_pdf_ms', pct(times, 95), 'ms', { p50_ms: round(pct(times, 50)), n: PDFS, pdf_bytes: bytes });
}

async function webhook(): Promise<void> {
  say('starting FerretDB and the API…');
  const db = await startFerretDB();
  const uri = db.uri.replace(/\/techbridge$/, '/techbridge_bench_payments');
  const logger = createLogger('warn');
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', MONGODB_URI: uri, ...(db.pgUrl ? { STORE_PG_URL: db.pgUrl } : {}), LOG_LEVEL: 'warn' });
  await connectDatabase(uri, logger, { pgUrl: db.pgUrl });
  await mongoose.connection.db!.dropDatabase();
  await syncIndexes(logger);
  const search = await memorySearchEngine();
  const api = await composeApi({ config, logger, search, realtime: false });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/api/payments/webhook`;
  try {
    const deals = Math.ceil(WEBHOOKS / ITEMS_PER_DEAL);
    const items: PaymentItemLean[] = [];
    for (let d = 0; d < deals; d++) {
      const [supplierOrg, buyerOrg, user, achievement] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
      const deal = await Deal.create({ achievement, supplierOrg, buyerOrg, participantOrgs: [supplierOrg, buyerOrg], mode: 'transfer', status: 'paying', openedBy: user, liveKey: `bench:${d}` });
      for (let k = 0; k < ITEMS_PER_DEAL; k++) {
        const amount = 10_000_000 + k;
        const { amount: _a, ...fees } = feesFor(amount, { platformFeeBps: 100, brokerCommissionBps: 300 }, false);
        items.push((await PaymentItem.create({ deal: deal._id, key: `installment-${k + 1}`, kind: 'installment', label: { zh: `第 ${k + 1} 期`, en: `#${k + 1}` }, amount, fees, status: 'processing', intentId: `pi_bench_${d}_${k}`, intentIds: [`pi_bench_${d}_${k}`] })).toObject() as PaymentItemLean);
      }
    }
    const stripe = new Stripe('sk_test_123');
    const times: number[] = [];
    say(`${WEBHOOKS} webhooks over ${deals} deals…`);
    for (let i = 0; i < WEBHOOKS; i++) {
      const item = items[i]!;
      const payload = JSON.stringify({
        id: `evt_bench_${i}`, object: 'event', type: 'payment_intent.succeeded', livemode: false, created: Math.floor(Date.now() / 1000),
        data: { object: { id: item.intentId, object: 'payment_intent', amount: item.amount, currency: 'cny', metadata: { dealId: String(item.deal), itemId: String(item._id), key: item.key }, payment_method_types: ['card'] } },
      });
      const t = performance.now();
      const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_MOCK_WEBHOOK_SECRET });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      await res.arrayBuffer();
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    }
    const paid = await PaymentItem.countDocuments({ status: 'paid' });
    const completed = await Deal.countDocuments({ status: 'completed' });
    if (paid !== WEBHOOKS) throw new Error(`${paid} of ${WEBHOOKS} items paid`);
    figure('webhook_p99_ms', pct(times, 99), 'ms', { p50_ms: round(pct(times, 50)), p95_ms: round(pct(times, 95)), n: WEBHOOKS, deals_completed: completed, store: 'ferretdb-postgresql' });
  } finally {
    await api.close({ force: true });
    await search.close();
    await mongoose.disconnect();
    await closePgRead();
    await closeWriteGate();
    await db.stop();
  }
}

await contractPdf();
await webhook();
process.exit(0);
