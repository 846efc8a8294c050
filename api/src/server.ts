import { loadConfig, ConfigError } from './config';
import { createLogger } from './logger';
import { connectDatabase, syncIndexes } from './db';
import { composeApi, composeServices } from './compose';
import { openSearchEngine } from './search/engine';
import { Lease } from './jobs/lease';
import { composeWorkers } from './workers';

/** Boots the API: config, database, app, listen. `scripts/start.mjs` starts the embedded services first. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.MONGODB_URI) {
    logger.fatal('MONGODB_URI is not set: start through `npm start` (which starts FerretDB) or point it at a MongoDB');
    process.exit(2);
  }
  const { kind } = await connectDatabase(config.MONGODB_URI, logger, { pgUrl: config.STORE_PG_URL });
  await syncIndexes(logger);
  const search = await openSearchEngine(config);
  // One API process at a time drains the search outbox, runs the matcher and recovers owed effects
  // (their lease); the others feed their embedded index from the index feed (search/indexer.ts).
  const outboxLease = new Lease({ name: 'search-outbox', logger, ttlMs: config.LEASE_TTL_MS });
  const services = composeServices({ config, logger, search });
  const workers = composeWorkers(services, { logger, search, lease: outboxLease });
  // Rebuild the embedded index if it does not match the database; the outbox then drains in the
  // background. A search outage must not keep the API down: the indexer retries on its own.
  await workers.prepare();
  workers.start();
  logger.info({ kind: search.kind }, 'search engine ready');
  const api = await composeApi({ config, logger, dbKind: kind, search, indexer: workers.indexer, services, app: { searchStatus: () => workers.status() } });
  const { server } = api;
  // Deal events a crash left recorded but not yet sent (messages, audit, listing status, broadcasts, notifications).
  const recovered = await api.recover();
  if (recovered) logger.warn({ deals: recovered }, 'flushed deal events left by an earlier crash');
  server.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, db: kind }, 'TechBridge API listening');
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void api
      .close()
      .then(() => workers.stop()) // the lease released: another process takes over without waiting for the expiry
      .then(() => search.close())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
