// The background workers of the composition root's graph: the outbox indexer, the match queue it
// feeds (the composed matcher) and the recovery of owed effects, for `server.ts` and the tests
// alike. Under a lease (several API processes) they work in its holder only; the lease is started
// and released with them. The indexer and the match queue share a `DemandFirst`: a published
// demand is indexed and matched before any supply-side work waiting in either.

import type { SearchEngine } from '@techbridge/search';
import type { Logger } from './logger';
import type { Services } from './compose';
import { Indexer, type IndexerOptions, type SearchStatus } from './search/indexer';
import { MatchQueue } from './matching/matching.queue';
import type { Lease } from './jobs/lease';
import { LeasedJob } from './jobs/leased-job';
import { DemandFirst } from './jobs/demand-first';
import type { ReportRunner } from './reports/report.runner';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher';
import { listingEventsWanted, readSentListings, recordListingChanges } from './webhooks/webhook.sources';

export interface WorkerOptions {
  logger: Logger;
  search: SearchEngine;
  /** The `search-outbox` lease when several processes share the store; without one this process does the work. */
  lease?: Lease;
  /** The indexer's safety-net pass interval (its default otherwise). */
  intervalMs?: number;
  /** The indexer's retry backoff after an engine failure. */
  backoff?: IndexerOptions['backoff'];
  /** Match each listing the indexer pushed (default true). */
  autoMatch?: boolean;
  /** How often the holder looks for queued annual reports (default 3 s; a request in its own process starts at once). */
  reportsEveryMs?: number;
  /** How often the holder re-runs the effects a crash left owed (default 30 s). */
  recoverEveryMs?: number;
  /** Owed effects younger than this are left to the process running them (default 10 s). */
  recoverMinAgeMs?: number;
  /** How often the holder looks for webhook retries that fell due (default 1 s). */
  webhooksEveryMs?: number;
  /** How often the holder looks for alert digests to send (default 10 min; each user's once per day). */
  digestEveryMs?: number;
}

export interface Workers {
  indexer: Indexer;
  /** Absent with `autoMatch: false`. */
  matchQueue?: MatchQueue;
  /** The recovery of owed effects (matches stored but not announced, listings' recorded status events). */
  recovery: LeasedJob;
  /** The annual reports' jobs (requested, or queued by the December schedule), run oldest first. */
  reports: ReportRunner;
  /** Sends the outgoing webhooks' deliveries (retries, redeliveries). */
  webhooks: WebhookDispatcher;
  /** The alerts' daily digest emails. */
  digest: LeasedJob;
  /** Rebuilds the embedded index if it does not match the database (a failure is logged; the indexer retries). */
  prepare(): Promise<void>;
  /** What /api/health reports about search: the indexer's status and the listings waiting in the match queue. */
  status(): Promise<SearchStatus & { matchQueue?: { demands: number; achievements: number } }>;
  /** Starts the indexer, the recovery and the lease. */
  start(): void;
  /** Stops them; under a lease the listings still waiting go back to the outbox, then the lease is released. */
  stop(): Promise<void>;
}

/** Builds the background workers on the composed services. */
export function composeWorkers(services: Services, opts: WorkerOptions): Workers {
  const { logger, search, lease } = opts;
  const { matcher } = services.matching;
  // Demand-side work first in both: a new demand is indexed and matched before supply-side work.
  const demandFirst = new DemandFirst();
  const matchQueue = opts.autoMatch === false ? undefined : new MatchQueue(logger, (c, id) => matcher.matchListing(c, id), { lease, demandFirst });
  const indexer = new Indexer({
    engine: search,
    logger,
    lease,
    demandFirst,
    onIndexed: matchQueue?.hook,
    // Before the listings' flags are cleared: their webhook deliveries and alert hits are recorded.
    onSent: async (collection, ids) => {
      const [hooks, alerts] = await Promise.all([listingEventsWanted(services.webhooks), services.alerts.any()]);
      if (!hooks && !alerts) return;
      const { kind, rows } = await readSentListings(collection, ids);
      if (hooks) await recordListingChanges(services.webhooks, kind, rows);
      if (alerts) await services.alerts.onListingsSent(kind, rows as never);
    },
    ...(opts.intervalMs !== undefined ? { intervalMs: opts.intervalMs } : {}),
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
  });
  const minAgeMs = opts.recoverMinAgeMs ?? 10_000;
  const recovery = new LeasedJob({
    name: 'effects-recovery',
    logger,
    lease,
    everyMs: opts.recoverEveryMs ?? 30_000,
    run: async () => {
      await matcher.recoverAnnouncements({ minAgeMs });
      await services.listingEvents.recover({ minAgeMs });
    },
  });
  const reports = services.reports.runner({ logger, lease, ...(opts.reportsEveryMs !== undefined ? { everyMs: opts.reportsEveryMs } : {}) });
  const webhooks = new WebhookDispatcher({ webhooks: services.webhooks, logger, lease, ...(opts.webhooksEveryMs !== undefined ? { everyMs: opts.webhooksEveryMs } : {}) });
  const digest = new LeasedJob({ name: 'alert-digest', logger, lease, everyMs: opts.digestEveryMs ?? 10 * 60_000, run: () => services.alerts.runDigest() });
  return {
    indexer,
    matchQueue,
    recovery,
    reports,
    webhooks,
    digest,
    prepare: async () => {
      await indexer.prepare().catch((err: unknown) => logger.error({ err }, 'search index preparation failed; the indexer will retry'));
    },
    status: async () => ({ ...(await indexer.status()), ...(matchQueue ? { matchQueue: matchQueue.waiting() } : {}) }),
    start: () => {
      indexer.start();
      recovery.start();
      reports.start();
      webhooks.start();
      digest.start();
      lease?.start();
    },
    stop: async () => {
      await Promise.all([indexer.stop(), matchQueue?.stop(), recovery.stop(), reports.stop(), webhooks.stop(), digest.stop()]);
      await lease?.stop(); // released: another process takes over without waiting for the expiry
    },
  };
}
