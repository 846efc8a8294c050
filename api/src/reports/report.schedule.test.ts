// The December run and the one owner of report jobs, against the real store (service level).
import assert from 'node:assert/strict';
import { createLogger } from '../logger';
import { appBus } from '../events/bus';
import { Lease } from '../jobs/lease';
import { IndicatorsService } from '../indicators/indicators.service';
import { startAnnualReportSchedule } from './report.schedule';
import { createReportServices } from './reports.module';
import { ReportJob, type ReportJobLean } from './report.model';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** Two API processes' worth of the reports domain (each its own service, runner and schedule). */
function process2(holder: string, lease?: Lease) {
  const services = createReportServices({ bus: appBus, source: new IndicatorsService({ logger }) });
  const schedule = startAnnualReportSchedule({ logger, reports: services.reports, holder, timer: false });
  const runner = services.runner({ logger, lease, everyMs: 200 });
  return { services, schedule, runner };
}

describe('annual report schedule and runner (service level)', function () {
  this.timeout(120_000);

  it('queues the year’s report once in December, whichever of two processes looks, however often', async () => {
    const a = process2('proc-a');
    const b = process2('proc-b');
    // November: nothing.
    assert.deepEqual(await Promise.all([a.schedule.tick(new Date('2026-11-30T15:00:00Z')), b.schedule.tick(new Date('2026-11-30T15:00:00Z'))]), [false, false]);
    assert.equal(await ReportJob.countDocuments(), 0);
    // 1 December in China (30 November 16:00 UTC), both at once, then every hour for days.
    const first = await Promise.all([a.schedule.tick(new Date('2026-11-30T16:30:00Z')), b.schedule.tick(new Date('2026-11-30T16:30:00Z'))]);
    assert.equal(first.filter(Boolean).length, 1, 'one process queued it');
    for (let h = 1; h < 48; h += 7) {
      const at = new Date(Date.UTC(2026, 11, 1, h));
      assert.deepEqual(await Promise.all([a.schedule.tick(at), b.schedule.tick(at)]), [false, false]);
    }
    const jobs = await ReportJob.find().lean<ReportJobLean[]>();
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.year, 2026);
    assert.equal(jobs[0]!.scheduled, true);
    assert.equal(jobs[0]!.requestedBy, null);
    assert.equal(jobs[0]!.province, null);
    // The next December is the next period.
    const next = await Promise.all([a.schedule.tick(new Date('2027-12-02T01:00:00Z')), b.schedule.tick(new Date('2027-12-02T01:00:00Z'))]);
    assert.equal(next.filter(Boolean).length, 1);
    assert.deepEqual((await ReportJob.find().sort({ year: 1 }).lean<ReportJobLean[]>()).map((j) => j.year), [2026, 2027]);
  });

  it('runs each job in one process only: the lease holder’s runner', async () => {
    const leaseA = new Lease({ name: 'reports-unit', logger, holder: 'proc-a', ttlMs: 30_000, renewEveryMs: 5000, skewMs: 500 });
    const leaseB = new Lease({ name: 'reports-unit', logger, holder: 'proc-b', ttlMs: 30_000, renewEveryMs: 5000, skewMs: 500 });
    await leaseA.tick();
    await leaseB.tick();
    assert.ok(leaseA.held() && !leaseB.held());
    leaseA.start(); // renewing from now on; B keeps looking
    leaseB.start();
    const a = process2('proc-a', leaseA);
    const b = process2('proc-b', leaseB);
    a.runner.start();
    b.runner.start();
    try {
      // Queued through the process that does not hold the lease: the holder's poll picks it up.
      const job = await b.services.reports.queue({ year: 2025, province: null, city: null, requestedBy: null, scheduled: false });
      const deadline = Date.now() + 90_000;
      let doc: ReportJobLean | null = null;
      while (Date.now() < deadline) {
        doc = await ReportJob.findById(job._id).lean<ReportJobLean>();
        if (doc?.status === 'done' || doc?.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(doc?.status, 'done');
      assert.equal(doc?.attempts, 1, 'begun once: the other process never took it');
    } finally {
      await Promise.all([a.runner.stop(), b.runner.stop()]);
      await Promise.all([leaseA.stop(), leaseB.stop()]);
    }
  });
});
