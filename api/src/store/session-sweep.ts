/**
 * Removes expired login sessions with an acknowledged write.
 *
 * connect-mongo can do this itself (`autoRemove: 'interval'`), but it deletes with `w: 0`, an
 * unacknowledged OP_MSG that FerretDB 1.24 answers anyway — the stray reply desynchronised a pooled
 * connection (see `wire-guard.ts`). MongoDB's TTL index (`autoRemove: 'native'`) does not exist on
 * FerretDB. So the store runs with `autoRemove: 'disabled'` and this sweep deletes
 * `{expires: {$lt: now}}` on a timer that never keeps the process alive and never overlaps itself.
 * With several API processes each period's sweep runs in one of them: the one that claims the
 * period in the lease collection (`jobs/lease.ts`, a unique insert).
 */
import type { mongo } from 'mongoose';
import type { Logger } from '../logger';
import { claimPeriod } from '../jobs/lease';

export const SESSIONS_COLLECTION = 'sessions';

/** connect-mongo used 10 minutes; expired sessions are already refused on read, so this is only housekeeping. */
const DEFAULT_INTERVAL_MS = 10 * 60 * 1000;

export interface SessionSweep {
  /** One sweep now; resolves to the number of sessions deleted. */
  runOnce(): Promise<number>;
  /** Stops the timer; resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Starts the sweep. `collection` is asked each time (it is undefined while the database is not
 * connected, and that sweep is skipped).
 */
export function startSessionSweep(opts: {
  collection: () => mongo.Collection | undefined;
  logger: Logger;
  intervalMs?: number;
  /** Whether this process runs this period's sweep (default: the period claimed in the database). */
  claim?: () => Promise<boolean>;
}): SessionSweep {
  const { logger } = opts;
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const claim = opts.claim ?? (() => claimPeriod('session-sweep', intervalMs));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  const sweep = async (): Promise<number> => {
    const collection = opts.collection();
    if (!collection) return 0;
    // `w: 1` whatever the connection string says: the reply must be read.
    const { deletedCount } = await collection.deleteMany({ expires: { $lt: new Date() } }, { writeConcern: { w: 1 } });
    if (deletedCount) logger.debug({ deleted: deletedCount }, 'expired sessions removed');
    return deletedCount;
  };

  const runOnce = (): Promise<number> => {
    running ??= sweep().finally(() => (running = undefined));
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      claim()
        .then((mine) => (mine ? runOnce() : 0))
        .catch((err: unknown) => logger.warn({ err }, 'session sweep failed; retrying at the next interval'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
