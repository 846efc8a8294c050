// `npm run reindex`: rebuilds the search indexes from the database. With the embedded engine, run it
// while the API is stopped (the API holds its index in memory and also rebuilds it at boot when it
// does not match the database). With Meilisearch prefer a quiet moment: the API process holding the
// `search-outbox` lease keeps draining the outbox meanwhile, and a listing it sends while this
// rebuild is between reading and upserting the same listing can end up at the older version.
// The outbox itself is drained here only when no API process holds that lease.
import mongoose from 'mongoose';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { connectDatabase, syncIndexes } from '../db';
import { openSearchEngine } from './engine';
import { Indexer } from './indexer';
import { Lease } from '../jobs/lease';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
if (!config.MONGODB_URI) {
  logger.error('MONGODB_URI is not set (run through `npm run reindex`, which starts FerretDB)');
  process.exit(2);
}
const t0 = Date.now();
await connectDatabase(config.MONGODB_URI, logger);
await syncIndexes();
const engine = await openSearchEngine(config);
const indexer = new Indexer({ engine, logger });
const counts = await indexer.rebuild();
// Clears the outbox flags (and re-sends listings written meanwhile) — unless an API process owns the
// outbox: then it does, and matches what it sends.
const lease = new Lease({ name: 'search-outbox', logger, ttlMs: config.LEASE_TTL_MS });
await lease.tick();
if (lease.held()) {
  await new Indexer({ engine, logger, lease }).drain();
  await lease.stop();
} else logger.info('an API process holds the search-outbox lease: it drains the outbox');
await engine.close();
await mongoose.disconnect();
logger.info(
  { achievements: counts.achievements, demands: counts.demands, engine: engine.kind, seconds: Number(((Date.now() - t0) / 1000).toFixed(1)) },
  'search indexes rebuilt from the database',
);
