// The scheduled annual report: in December (China time) every API process looks once an hour, and
// the one whose claim of that year's period lands first (`claimPeriod`, a unique insert) queues the
// whole platform's report for the year. The period is the day of 1 December of that year, so the
// claim is one per year whenever in December it is made.

import type { Logger } from '../logger';
import { claimPeriod, PROCESS_HOLDER } from '../jobs/lease';
import type { ReportsService } from './reports.service';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface AnnualSchedule {
  /** One look: queues the year's report when it is December and this process claims the year. True when it queued. */
  tick(at?: Date): Promise<boolean>;
  stop(): void;
}

/** Starts the hourly look (every process runs one; `claimPeriod` decides which one queues). */
export function startAnnualReportSchedule(opts: {
  logger: Logger;
  reports: Pick<ReportsService, 'queue'>;
  intervalMs?: number;
  holder?: string;
  now?: () => Date;
  /** Start the timer (default true; tests call `tick` themselves). */
  timer?: boolean;
}): AnnualSchedule {
  const holder = opts.holder ?? PROCESS_HOLDER;
  const tick = async (at = opts.now?.() ?? new Date()): Promise<boolean> => {
    const china = new Date(at.getTime() + CHINA_OFFSET_MS);
    if (china.getUTCMonth() !== 11) return false;
    const year = china.getUTCFullYear();
    if (!(await claimPeriod('annual-report', DAY_MS, holder, Date.UTC(year, 11, 1)))) return false;
    await opts.reports.queue({ year, province: null, city: null, requestedBy: null, scheduled: true });
    opts.logger.info({ year }, 'annual report queued by the December schedule');
    return true;
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  if (opts.timer !== false) {
    timer = setInterval(() => {
      tick().catch((err: unknown) => opts.logger.warn({ err }, 'annual report schedule failed; retrying at the next interval'));
    }, opts.intervalMs ?? 3_600_000);
    timer.unref();
  }
  return { tick, stop: () => clearInterval(timer) };
}
