// `npm run bench:indicators`: issue 15's figures on the shared bench data set (dataset.ts: 100k
// achievements, 30k demands, 10k deals). One JSON line per figure on stdout, progress on stderr;
// every figure carries load_avg_1m.
//
// - indicators_rebuild_s: every fact and rollup cell recomputed from the raw data and stored (what
//   `npm run indicators:rebuild` does).
// - indicators_cold_ms: the first read after the rebuild (the cells loaded into the process).
// - indicators_p95_ms: p95 of the zone indicators answer (the rollup version's point read, the
//   cells filtered and summed) over years, periods, provinces and cities, one at a time; every
//   20th read follows an incremental update of one deal (its facts recomputed and stored).
//
// Environment: BENCH_INDICATOR_READS (default 400).
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { REGIONS } from '@techbridge/search/taxonomy';
import { benchStore, load1 } from './dataset';
import { closePgRead } from '../src/store/pg-read';
import { closeWriteGate } from '../src/store/write-gate';
import { Deal } from '../src/deals/deal.model';
import { IndicatorsService } from '../src/indicators/indicators.service';
import type { IndicatorsQuery } from '../src/indicators/indicators.schemas';

const READS = Number(process.env.BENCH_INDICATOR_READS ?? 400);
const say = (msg: string) => process.stderr.write(`[bench:indicators] ${msg}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: round(value), unit, load_avg_1m: load1(), ...extra })}\n`);

const store = await benchStore();
try {
  const svc = new IndicatorsService();
  say(`rebuilding the rollup (load ${load1()})…`);
  const t0 = performance.now();
  const counts = await svc.rebuild();
  const rebuildS = (performance.now() - t0) / 1000;
  figure('indicators_rebuild_s', rebuildS, 's', counts);
  const tc = performance.now();
  await svc.indicators({ year: 2026 });
  figure('indicators_cold_ms', performance.now() - tc, 'ms');
  const deals = await Deal.find({}, { _id: 1, achievement: 1 }).limit(50).lean();
  const queries: IndicatorsQuery[] = [
    { year: 2025 },
    { year: 2026 },
    { from: '2025-06', to: '2026-05' },
    ...REGIONS.slice(0, 8).map((r) => ({ year: 2026, province: r.code as IndicatorsQuery['province'] })),
  ];
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    if (i % 20 === 19 && deals.length) {
      const d = deals[(i / 20) % deals.length | 0]!;
      await svc.touch({ kind: 'deal', deal: String(d._id), achievement: String(d.achievement) });
    }
    const t = performance.now();
    await svc.indicators(queries[i % queries.length]!);
    times.push(performance.now() - t);
  }
  figure('indicators_p95_ms', pct(times, 95), 'ms', { reads: READS, median_ms: round(pct(times, 50)) });
} finally {
  await store.stop();
  await mongoose.disconnect().catch(() => undefined);
  await closePgRead();
  await closeWriteGate();
}
