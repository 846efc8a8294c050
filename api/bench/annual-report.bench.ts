// `npm run bench:annual-report`: issue 15's `annual_report_s` — from the request (a queued job) to
// the job done: the year's indicators read from the rollup, the Chinese and English PDFs laid out,
// the CSV written and the three files stored, by the real runner (reports/report.runner.ts), on the
// shared bench data set (dataset.ts: 100k achievements, 30k demands, 10k deals) with its indicator
// rollup rebuilt from the raw data first. One JSON line per figure on stdout (with load_avg_1m),
// progress on stderr.
//
// Environment: BENCH_REPORTS (runs, default 3), BENCH_REPORT_YEAR (default: the current year in China).
import mongoose from 'mongoose';
import { benchStore, load1, DATASET_TAG } from './dataset';
import { createLogger } from '../src/logger';
import { appBus } from '../src/events/bus';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { createReportServices } from '../src/reports/reports.module';
import { ReportJob, type ReportJobLean } from '../src/reports/report.model';
import { chinaYear } from '../src/reports/reports.schemas';
import { closePgRead } from '../src/store/pg-read';
import { closeWriteGate } from '../src/store/write-gate';

const RUNS = Number(process.env.BENCH_REPORTS ?? 3);
const YEAR = Number(process.env.BENCH_REPORT_YEAR ?? chinaYear());

const say = (msg: string) => process.stderr.write(`[bench:annual-report] ${msg}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: round(value), unit, load_avg_1m: load1(), ...extra })}\n`);

const store = await benchStore();
const logger = createLogger('warn');
try {
  const indicators = new IndicatorsService({ logger });
  say(`rebuilding the indicator rollup of ${DATASET_TAG}…`);
  const t0 = performance.now();
  await indicators.rebuild();
  say(`rollup rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const reports = createReportServices({ bus: appBus, source: indicators });
  const runner = reports.runner({ logger, everyMs: 100 });
  runner.start();
  const seconds: number[] = [];
  let files: ReportJobLean['files'] = null;
  for (let i = 0; i < RUNS; i++) {
    const job = await reports.reports.queue({ year: YEAR, province: null, city: null, requestedBy: null, scheduled: false });
    for (;;) {
      const doc = await ReportJob.findById(job._id).lean<ReportJobLean>();
      if (doc?.status === 'failed') throw new Error(`report failed: ${doc.error}`);
      if (doc?.status === 'done') {
        seconds.push((doc.finishedAt!.getTime() - doc.createdAt.getTime()) / 1000);
        files = doc.files;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    say(`run ${i + 1}: ${seconds.at(-1)!.toFixed(2)} s`);
  }
  await runner.stop();
  const sorted = [...seconds].sort((a, b) => a - b);
  figure('annual_report_s', sorted[Math.floor(sorted.length / 2)]!, 's', { max_s: round(sorted.at(-1)!), runs: RUNS, year: YEAR, bytes: files });
} finally {
  await closePgRead().catch(() => undefined);
  await closeWriteGate().catch(() => undefined);
  await mongoose.disconnect().catch(() => undefined);
  await store.stop();
}
