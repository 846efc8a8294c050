import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import helmet from 'helmet';
import compression from 'compression';
import { rateLimit } from 'express-rate-limit';
import { rateKey as keyGenerator } from './http/rate-limit';
import type { PassportStatic } from 'passport';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Config } from './config';
import type { Logger } from './logger';
import type { DbKind } from './db';
import { errorHandler, notFoundHandler, AppError, errorBody } from './errors';
import { requestLang } from './i18n/lang';
import { csrfProtection } from './http/csrf';
import { fileRoutes } from './files/files.routes';
import { configurePassport } from './auth/passport';
import { authRoutes } from './auth/auth.routes';
import { orgRoutes } from './orgs/orgs.routes';
import { achievementRoutes } from './achievements/achievements.routes';
import { demandRoutes } from './demands/demands.routes';
import { searchRoutes } from './search/search.routes';
import { healthRoutes, type HealthDeps } from './health/health.routes';
import type { SearchEngine } from '@techbridge/search';
import type { Indexer } from './search/indexer';
import { notificationRoutes } from './notifications/notifications.routes';
import { dealRoutes } from './deals/deals.routes';
import type { DealServices } from './deals/deals.module';
import type { ContractsService } from './contracts/contracts.service';
import { contractRoutes } from './contracts/contracts.routes';
import type { MatchingServices } from './matching/matching.module';
import type { ListingEvents } from './listings/listing.events';
import { matchingRoutes } from './matching/matching.routes';
import { brokerRoutes } from './brokers/brokers.routes';
import { paymentRoutes } from './payments/payments.routes';
import type { PaymentServices } from './payments/payments.module';
import { devMailRoutes } from './mail/mail.routes';
import { indicatorRoutes } from './indicators/indicators.routes';
import type { IndicatorsService } from './indicators/indicators.service';
import { reportRoutes } from './reports/reports.routes';
import type { ReportsService } from './reports/reports.service';
import { webhookRoutes } from './webhooks/webhooks.routes';
import type { WebhooksService } from './webhooks/webhooks.service';
import { alertRoutes } from './alerts/alerts.routes';
import type { AlertsService } from './alerts/alerts.service';
import { apiKeyAuth, byApiKey } from './apikeys/apikeys.auth';
import { localKeyLimiter, type KeyLimiter } from './apikeys/key-limiter';
import { apiKeyRoutes } from './apikeys/apikeys.routes';
import { feedRoutes } from './feed/feed.routes';
import { openApiRoutes } from './openapi/openapi.routes';
import { startSessionSweep, SESSIONS_COLLECTION, type SessionSweep } from './store/session-sweep';

export interface AppDeps {
  config: Config;
  logger: Logger;
  dbKind: DbKind;
  searchStatus?: HealthDeps['searchStatus'];
  /** The search engine (Meilisearch or embedded) behind /api/search. */
  search: SearchEngine;
  /** The outbox indexer; when given, /api/health reports its backlog. */
  indexer?: Indexer;
  /** The deals domain (built by the composition root, `compose.ts`). */
  deals: DealServices;
  /** The contracts domain (built by the composition root). */
  contracts?: ContractsService;
  /** The matching domain (built by the composition root). */
  matching: MatchingServices;
  /** The payments domain (built by the composition root). */
  payments: PaymentServices;
  /** Listings' status-change events (built by the composition root). */
  listingEvents: ListingEvents;
  /** Zone indicators and agency performance (built by the composition root). */
  indicators?: IndicatorsService;
  /** Annual reports (built by the composition root). */
  reports?: ReportsService;
  /** Outgoing webhooks (built by the composition root). */
  webhooks?: WebhooksService;
  /** Alerts (built by the composition root). */
  alerts?: AlertsService;
  /** API keys' rate limit (shared through Redis by the composition root when REDIS_URL is set); this process's own buckets otherwise. */
  keyLimiter?: KeyLimiter;
  /** Extra routers mounted under /api by later domains (each is `(deps) => Router`). */
  mount?: ((router: express.Router) => void)[];
}

export interface AppBundle {
  app: Express;
  sessionMiddleware: RequestHandler;
  passport: PassportStatic;
  sessionStore: MongoStore;
  /** Removes expired sessions every 10 minutes; whoever closes the app calls `stop()`. */
  sessionSweep: SessionSweep;
}

// Paths that do not use cookie authentication and therefore skip CSRF checks.
const CSRF_EXEMPT = [/^\/api\/open\//, /^\/api\/payments\/webhook$/];

const tooMany = (message: string) =>
  ((req, res) => {
    res.status(429).json(errorBody(new AppError(429, 'rate_limited', message), requestLang(req)));
  }) as RequestHandler;

/** Builds the Express app without listening (called by the composition root, `compose.ts`). */
export function createApp(deps: AppDeps): AppBundle {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  // CSP: the browser talks only to this site — 'self' plus its exact websocket origin (PUBLIC_URL,
  // or the Host the page was served from). Styles: Ant Design injects its CSS-in-JS <style> tags
  // with the nonce it is given (ConfigProvider `csp`), so style-src is 'self' + a fresh nonce per
  // response, handed to the page in <meta name="csp-nonce"> — no 'unsafe-inline'. React style props
  // are set through the CSSOM, which CSP does not restrict.
  const publicWs = config.PUBLIC_URL ? new URL(config.PUBLIC_URL) : null;
  const wsOrigin = (req: IncomingMessage) =>
    publicWs ? `${publicWs.protocol === 'https:' ? 'wss' : 'ws'}://${publicWs.host}` : `${config.COOKIE_SECURE ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}`;
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(18).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", (req) => wsOrigin(req)],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`],
          scriptSrc: ["'self'"],
        },
      },
    }),
  );

  // gzip or brotli, as the browser accepts: the web app's scripts and the API's JSON answers.
  app.use(compression());

  // Raw body for Stripe webhook signature checks; JSON everywhere else with a bounded size.
  app.use('/api/payments/webhook', express.raw({ type: 'application/json', limit: '256kb' }));
  app.use(express.json({ limit: '200kb', strict: true }));

  const sessionStore = MongoStore.create({
    client: mongoose.connection.getClient() as never,
    collectionName: SESSIONS_COLLECTION,
    // Not 'interval': connect-mongo deletes with w: 0, which desynchronises FerretDB connections
    // (store/wire-guard.ts). The sweep below does it with an acknowledged write.
    autoRemove: 'disabled',
    touchAfter: 60,
  });
  const sessionSweep = startSessionSweep({ collection: () => mongoose.connection.db?.collection(SESSIONS_COLLECTION), logger });
  const sessionMiddleware = session({
    name: 'tb.sid',
    secret: config.sessionSecret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      maxAge: 14 * 24 * 3600 * 1000,
    },
  });
  const passport = configurePassport();

  const api = express.Router();
  // API answers carry account data: never stored by the browser or a proxy.
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  // A request with an API key (`Authorization: Bearer …`) reads no cookie: no session, no CSRF token.
  api.use(apiKeyAuth({ limiter: deps.keyLimiter ?? localKeyLimiter(config.API_KEY_RATE_LIMIT), logger }));
  api.use(sessionMiddleware);
  api.use(passport.initialize());
  api.use(passport.session());
  api.use(csrfProtection((req) => byApiKey(req) || CSRF_EXEMPT.some((re) => re.test(req.originalUrl.split('?')[0]!))));

  const authLimiter = rateLimit({
    keyGenerator,
    windowMs: 15 * 60 * 1000,
    limit: config.AUTH_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany('Too many sign-in attempts; try again later'),
  });
  const writeLimiter = rateLimit({
    keyGenerator,
    windowMs: 60 * 1000,
    limit: config.WRITE_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.method === 'GET' || req.method === 'HEAD',
    handler: tooMany('Too many requests; slow down'),
  });
  api.use(writeLimiter);

  api.use(healthRoutes({ version: config.version, dbKind: deps.dbKind, searchStatus: deps.searchStatus ?? (deps.indexer ? () => deps.indexer!.status() : undefined) }));
  // Links in emails start from configuration, never from the request's Host header.
  const appUrl = (config.PUBLIC_URL ?? config.WEB_ORIGIN ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const devOutbox = config.NODE_ENV === 'production' ? undefined : '/dev/outbox';
  api.use(authRoutes(authLimiter, { appUrl, devOutbox }));
  // The stored emails, outside production only (see mail.routes.ts for who may read them).
  if (devOutbox) api.use(devMailRoutes());
  api.use(orgRoutes({ appUrl }));
  api.use(fileRoutes());
  api.use(achievementRoutes({ listingEvents: deps.listingEvents }));
  api.use(demandRoutes({ listingEvents: deps.listingEvents }));
  api.use(searchRoutes(deps.search));
  api.use(feedRoutes({ settleMs: config.FEED_SETTLE_MS }));
  api.use(apiKeyRoutes());
  api.use(openApiRoutes(() => app, config.version));
  api.use(notificationRoutes());
  api.use(dealRoutes(deps.deals));
  if (deps.contracts) api.use(contractRoutes(deps.contracts));
  api.use(matchingRoutes({ matching: deps.matching }));
  api.use(brokerRoutes({ matching: deps.matching }));
  api.use(paymentRoutes({ payments: deps.payments, logger }));
  if (deps.indicators) api.use(indicatorRoutes(deps.indicators));
  if (deps.reports) api.use(reportRoutes(deps.reports));
  if (deps.webhooks) api.use(webhookRoutes(deps.webhooks));
  if (deps.alerts) api.use(alertRoutes(deps.alerts));
  for (const mount of deps.mount ?? []) mount(api);
  api.use(notFoundHandler);

  app.use('/api', api);

  // The built web app, when present, is served at the same address.
  const webDist = config.WEB_DIST ?? join(import.meta.dirname, '..', '..', 'web', 'dist');
  if (existsSync(join(webDist, 'index.html'))) {
    // index.html only through the route below (it carries the response's CSP nonce).
    app.get('/index.html', (_req, res) => res.redirect(301, '/'));
    // Vite's /assets are named by their content's hash: a browser keeps them for good. A missing
    // one is a 404, never the page.
    app.use('/assets', express.static(join(webDist, 'assets'), { index: false, immutable: true, maxAge: '1y' }), notFoundHandler);
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    // The page carries this response's CSP nonce for Ant Design's style tags (web/src/components/AntAppShell.tsx);
    // it names the current build's assets, so it is checked again on every visit.
    const indexHtml = readFileSync(join(webDist, 'index.html'), 'utf8');
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
      const nonce = res.locals.cspNonce as string;
      res.setHeader('cache-control', 'no-cache');
      res.type('html').send(indexHtml.replace('<head>', `<head><meta name="csp-nonce" content="${nonce}">`));
    });
  }

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, sessionMiddleware, passport, sessionStore, sessionSweep };
}
