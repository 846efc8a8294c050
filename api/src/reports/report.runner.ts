// The background work of annual reports: one owner runs the jobs — the holder of the lease given
// (the `search-outbox` lease of workers.ts), or this process without one — oldest first, one at a
// time. A job is `running` only while its owner works on it, so a `running` job the owner finds is
// one a crash (or a lost lease) left behind: it is begun again, up to `maxAttempts` times. Every
// write of a job checks the owner's tenure first (fencing), so a process that lost the lease stops
// at its next step. Progress (0–100 and the stage) is stored on the job and then pushed to the
// requesting user's sockets through the event bus.

import type { Logger } from '../logger';
import type { EventBus, AppEvents } from '../events/bus';
import type { Lease } from '../jobs/lease';
import { LeaseLost } from '../jobs/lease';
import { LeasedJob } from '../jobs/leased-job';
import { findPage } from '../store/store';
import { ReportFile, ReportJob, type ReportFileKind, type ReportJobLean, type ReportStage } from './report.model';
import type { ReportDocument } from './report.document';
import { renderReportPdf } from './report.pdf';
import { reportCsv } from './report.csv';
import { presentReportJob, REPORT_PROGRESS_EVENT } from './reports.presenter';

/** Builds a job's report data (the indicators of its year and region). */
export type BuildReport = (job: Pick<ReportJobLean, 'year' | 'province' | 'city'>, at: Date) => Promise<ReportDocument>;

export interface ReportRunnerOptions {
  logger: Logger;
  bus: EventBus<AppEvents>;
  build: BuildReport;
  /** Runs only in this lease's holder; without one, in this process. */
  lease?: Lease;
  /** How often the owner looks for queued jobs (default 3 s); a request in the owner's process starts at once. */
  everyMs?: number;
  /** A job begun this many times (crashes) is failed (default 3). */
  maxAttempts?: number;
}

const FILE_TYPES: Record<ReportFileKind, string> = {
  'pdf-zh': 'application/pdf',
  'pdf-en': 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/** Runs queued annual-report jobs in the one owner process. */
export class ReportRunner {
  private readonly job: LeasedJob;
  private readonly maxAttempts: number;

  constructor(private readonly opts: ReportRunnerOptions) {
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.job = new LeasedJob({ name: 'annual-reports', logger: opts.logger, lease: opts.lease, everyMs: opts.everyMs ?? 3000, run: () => this.drain() });
  }

  start(): void {
    this.job.start();
  }

  /** Looks for work now (a no-op unless this process is the owner); resolves when the pass ends. */
  kick(): Promise<void> {
    return this.job.kick();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Runs jobs until none is left (left-behind `running` ones first, then `queued`, oldest first). */
  private async drain(): Promise<void> {
    for (;;) {
      const tenure = this.opts.lease ? this.opts.lease.tenure() : null;
      if (this.opts.lease && tenure === null) return;
      const next =
        (await findPage<ReportJobLean>(ReportJob as never, { status: 'running' }, { sort: { createdAt: 1 }, limit: 1 }))[0] ??
        (await findPage<ReportJobLean>(ReportJob as never, { status: 'queued' }, { sort: { createdAt: 1 }, limit: 1 }))[0];
      if (!next) return;
      try {
        await this.run(next, tenure);
      } catch (err) {
        if (err instanceof LeaseLost) return;
        throw err;
      }
    }
  }

  private fence(tenure: number | null): void {
    this.opts.lease?.assertHolds(tenure);
  }

  /** Stores the job's change (after the fence) and pushes the new state to the requester. */
  private async save(job: ReportJobLean, tenure: number | null, set: Partial<ReportJobLean>): Promise<void> {
    this.fence(tenure);
    Object.assign(job, set);
    await ReportJob.updateOne({ _id: job._id }, { $set: set });
    if (job.requestedBy) {
      this.opts.bus.emit('push:user', { userId: String(job.requestedBy), event: REPORT_PROGRESS_EVENT, payload: presentReportJob(job) });
    }
  }

  private async run(job: ReportJobLean, tenure: number | null): Promise<void> {
    const { logger } = this.opts;
    const attempts = (job.attempts ?? 0) + 1;
    if (attempts > this.maxAttempts) {
      logger.error({ job: String(job._id), attempts: job.attempts }, 'annual report: given up after repeated interruptions');
      await this.save(job, tenure, { status: 'failed', stage: 'failed', error: 'interrupted too many times', finishedAt: new Date() });
      return;
    }
    const at = new Date();
    await this.save(job, tenure, { status: 'running', stage: 'indicators', progress: 5, attempts, startedAt: at, error: null });
    let lastStored = 5;
    const progress = async (stage: ReportStage, value: number) => {
      const p = Math.round(value);
      if (stage === job.stage && p - lastStored < 5) return;
      lastStored = p;
      await this.save(job, tenure, { stage, progress: p });
    };
    try {
      const data = await this.opts.build(job, at);
      await progress('pdf-zh', 30);
      const zh = await renderReportPdf(data, 'zh', { onProgress: (d) => progress('pdf-zh', 30 + d * 35) });
      await progress('pdf-en', 65);
      const en = await renderReportPdf(data, 'en', { onProgress: (d) => progress('pdf-en', 65 + d * 25) });
      await progress('csv', 90);
      const csv = Buffer.from(reportCsv(data), 'utf8');
      await progress('saving', 95);
      const files: [ReportFileKind, Buffer][] = [
        ['pdf-zh', zh],
        ['pdf-en', en],
        ['csv', csv],
      ];
      for (const [kind, data] of files) {
        this.fence(tenure);
        const _id = `${String(job._id)}:${kind}`;
        await ReportFile.replaceOne({ _id }, { _id, job: job._id, kind, contentType: FILE_TYPES[kind], data }, { upsert: true });
      }
      await this.save(job, tenure, {
        status: 'done',
        stage: 'done',
        progress: 100,
        finishedAt: new Date(),
        files: Object.fromEntries(files.map(([k, b]) => [k, b.length])),
      });
      logger.info({ job: String(job._id), year: job.year, ms: Date.now() - at.getTime() }, 'annual report done');
    } catch (err) {
      if (err instanceof LeaseLost) throw err;
      logger.error({ err, job: String(job._id) }, 'annual report failed');
      await this.save(job, tenure, { status: 'failed', stage: 'failed', error: 'the report could not be generated', finishedAt: new Date() });
    }
  }
}
