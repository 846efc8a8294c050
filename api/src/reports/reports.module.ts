import type { Logger } from '../logger';
import type { AppEvents, EventBus } from '../events/bus';
import type { Lease } from '../jobs/lease';
import { ReportsService } from './reports.service';
import { ReportRunner, type BuildReport } from './report.runner';
import { buildAnnualReport, type IndicatorsSource } from './report.build';

/** The reports domain: the service the routes call, and how its background runner is built. */
export interface ReportServices {
  reports: ReportsService;
  /** Builds a job's report data (the indicators). */
  build: BuildReport;
  /** The runner of queued jobs, for the background workers (under their lease); wakes on each new job. */
  runner(opts: { logger: Logger; lease?: Lease; everyMs?: number }): ReportRunner;
}

/** Builds the reports domain on the bus and the indicators service (`source`). */
export function createReportServices(deps: { bus: EventBus<AppEvents>; source: IndicatorsSource }): ReportServices {
  const reports = new ReportsService();
  const build: BuildReport = (job, at) => buildAnnualReport(deps.source, job, at);
  return {
    reports,
    build,
    runner: (opts) => {
      const runner = new ReportRunner({ ...opts, bus: deps.bus, build });
      reports.wake = () => void runner.kick();
      return runner;
    },
  };
}
