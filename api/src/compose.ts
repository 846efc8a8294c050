// The composition root: the one place that builds the API's object graph — the event bus, the
// effects registry, the domain services, the Express app, the HTTP server and Socket.IO — for
// `server.ts` and for the tests alike (api/test/server.ts), so tests boot the production graph.
// Background workers (the indexer, the match queue, the recovery of owed effects) are built from
// the same services by `composeWorkers` (workers.ts), under the lease the caller gives
// (`composeServices` first, then the workers, then `composeApi`).

import { createServer, type Server } from 'node:http';
import type { SearchEngine } from '@techbridge/search';
import type { Config } from './config';
import type { Logger } from './logger';
import { storeInfo, type DbKind } from './store/store';
import { createApp, type AppBundle, type AppDeps } from './app';
import { redisKeyLimiter } from './apikeys/key-limiter';
import { createRealtime, type Realtime } from './realtime/realtime';
import { appBus, type AppEvents, type EventBus } from './events/bus';
import { Effects } from './events/effects';
import { notifyUsers } from './notifications/notifications.service';
import { createDealServices, type DealServices } from './deals/deals.module';
import { createContractServices, type ContractServices, type OnContracted } from './contracts/contracts.module';
import { createMatchingServices, type MatchingServices } from './matching/matching.module';
import { livenessFor } from './matching/matcher';
import { ListingEvents } from './listings/listing.events';
import { createPaymentServices, type PaymentConfig, type PaymentServices } from './payments/payments.module';
import { startPaymentReminders } from './payments/reminders';
import type { Indexer } from './search/indexer';
import { IndicatorsService } from './indicators/indicators.service';
import { indicatorsObserver } from './indicators/indicators.observer';
import { createReportServices, type ReportServices } from './reports/reports.module';
import { startAnnualReportSchedule } from './reports/report.schedule';
import { WebhooksService } from './webhooks/webhooks.service';
import { registerWebhookRecorder } from './webhooks/webhook.sources';
import { AlertsService } from './alerts/alerts.service';

export interface ComposeOptions {
  config: Config;
  logger: Logger;
  search: SearchEngine;
  /** The outbox indexer (its backlog is reported by /api/health). */
  indexer?: Indexer;
  /** Defaults to the kind `connectDatabase` detected. */
  dbKind?: DbKind;
  /** Socket.IO on the HTTP server (default true). */
  realtime?: boolean;
  /** Extra app options (tests: routers to mount, a search status). */
  app?: Pick<AppDeps, 'mount' | 'searchStatus'>;
  /** The services, when the caller built them first (for its background workers); built here otherwise. */
  services?: Services;
}

/** Every service the API runs, built once. */
export interface Services {
  bus: EventBus<AppEvents>;
  /** The registry of stored events' effects; domains register theirs here. */
  effects: Effects;
  deals: DealServices;
  /** Contracts of agreed deals: generation, signing, PDF, registration data. */
  contracts: ContractServices;
  matching: MatchingServices;
  payments: PaymentServices;
  /** Listings' status changes others hear of (withdrawn, closed), as stored events. */
  listingEvents: ListingEvents;
  /** Zone indicators and agency performance, kept up to date from the stored events. */
  indicators: IndicatorsService;
  /** Annual reports: jobs, their background runner (built by the workers), their files. */
  reports: ReportServices;
  /** Outgoing webhooks: subscriptions and the deliveries events owe them (sent by the workers' dispatcher). */
  webhooks: WebhooksService;
  /** Alerts: saved searches and follows, matched against new listings; the daily digest. */
  alerts: AlertsService;
}

export interface Api {
  services: Services;
  bundle: AppBundle;
  /** Not listening yet: the caller listens. */
  server: Server;
  realtime?: Realtime;
  /**
   * Flushes deal events a crash left recorded but not sent, and issues the payment items of deals a
   * crash left `contracted` (run once at boot); the number of deals flushed.
   */
  recover: () => Promise<number>;
  /**
   * Closes Socket.IO and the HTTP server (after the requests in flight; `force` cuts them), waits
   * for dispatched effects, stops the session sweep.
   */
  close: (opts?: { force?: boolean }) => Promise<void>;
}

/** Builds the services alone (no HTTP): what the background workers, a fast test or a CLI need. */
export function composeServices(opts: {
  config: Pick<Config, 'REDIS_URL'> & Partial<Pick<Config, 'NODE_ENV' | 'PUBLIC_URL' | 'WEB_ORIGIN' | 'PORT'>> & PaymentConfig;
  search: SearchEngine;
  logger: Logger;
  bus?: EventBus<AppEvents>;
  /** Replaces the payments' hook told once per deal that both signatures moved to contracted (tests). */
  onContracted?: OnContracted;
}): Services {
  const bus = opts.bus ?? appBus;
  const effects = new Effects({ bus, notify: (users, input, o) => notifyUsers(users, input, o), logger: opts.logger });
  // With REDIS_URL, other API processes change deals too: cached room states must expire.
  const deals = createDealServices({ effects, shared: !!opts.config.REDIS_URL });
  const matching = createMatchingServices({ search: opts.search, liveness: livenessFor(opts.search), effects });
  // Contracts and payments know each other through two functions: payments read the signed
  // contract (`contractOf`), contracts tell payments once both signatures are in (`onContracted`).
  let onContracted: OnContracted = () => {};
  const contracts = createContractServices({ changes: deals.changes, bus, logger: opts.logger, onContracted: (id) => onContracted(id) });
  const payments = createPaymentServices({
    config: opts.config,
    logger: opts.logger,
    changes: deals.changes,
    effects,
    contractOf: (id) => contracts.contracts.signedContractOf(id),
  });
  onContracted = opts.onContracted ?? ((id) => payments.onContracted(id));
  const indicators = new IndicatorsService({ logger: opts.logger });
  effects.observe(indicatorsObserver(indicators));
  const reports = createReportServices({ bus, source: indicators });
  // Endpoints on private addresses (a local partner) are refused in production only.
  const webhooks = new WebhooksService({ logger: opts.logger, allowPrivate: opts.config.NODE_ENV !== 'production' });
  registerWebhookRecorder(effects, webhooks);
  const { PUBLIC_URL, WEB_ORIGIN, PORT } = opts.config;
  const alerts = new AlertsService({ logger: opts.logger, appUrl: (PUBLIC_URL ?? WEB_ORIGIN ?? `http://localhost:${PORT ?? 3000}`).replace(/\/$/, '') });
  return { bus, effects, deals, contracts, matching, payments, listingEvents: new ListingEvents({ effects }), indicators, reports, webhooks, alerts };
}

/** Builds the whole API on a connected database. */
export async function composeApi(opts: ComposeOptions): Promise<Api> {
  const { config, logger } = opts;
  const services = opts.services ?? composeServices({ config, logger, search: opts.search });
  // With REDIS_URL every API process spends a key's one bucket.
  const keyLimiter = config.REDIS_URL ? await redisKeyLimiter({ url: config.REDIS_URL, perMinute: config.API_KEY_RATE_LIMIT, logger }) : undefined;
  const bundle = createApp({
    keyLimiter,
    config,
    logger,
    dbKind: opts.dbKind ?? storeInfo().kind,
    search: opts.search,
    indexer: opts.indexer,
    deals: services.deals,
    contracts: services.contracts.contracts,
    matching: services.matching,
    payments: services.payments,
    listingEvents: services.listingEvents,
    indicators: services.indicators,
    reports: services.reports.reports,
    webhooks: services.webhooks,
    alerts: services.alerts,
    ...(opts.app ?? {}),
  });
  const server = createServer(bundle.app);
  // Test-mode payment events left undelivered by a crash go to the webhook once this server listens.
  services.payments.attach(server);
  // Overdue payment and royalty-report reminders: each day's run in the one process that claims it.
  const reminders = startPaymentReminders({ logger });
  // The December annual report: each year's run queued by the one process that claims it.
  const annualSchedule = startAnnualReportSchedule({ logger, reports: services.reports.reports });
  const realtime =
    opts.realtime === false
      ? undefined
      : await createRealtime(server, {
          config,
          logger,
          sessionMiddleware: bundle.sessionMiddleware,
          passport: bundle.passport,
          bus: services.bus,
          deals: services.deals,
        });
  return {
    services,
    bundle,
    server,
    realtime,
    recover: async () => {
      const flushed = await services.deals.changes.recover();
      // Contracts for agreed deals, signatures whose deal event a crash lost, signed contracts of deals still agreed.
      await services.contracts.contracts.recover();
      await services.payments.issuing.recover();
      return flushed;
    },
    close: async ({ force = false } = {}) => {
      await realtime?.close();
      const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      if (force) server.closeAllConnections();
      else server.closeIdleConnections();
      await closed;
      reminders.stop();
      annualSchedule.stop();
      await services.contracts.stop();
      await services.effects.idle();
      await services.indicators.idle();
      await bundle.sessionSweep.stop();
      await keyLimiter?.close();
    },
  };
}
