// `npm run reindex`: rebuilds the search indexes from the database. With the embedded engine, run it
// while the API is stopped (the API holds its index in memory and also rebuilds it at boot when it
// does not match the database); with Meilisearch it can run any time.
import mongoose from 'mongoose';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { connectDatabase, syncIndexes } from '../db';
import { openSearchEngine } from './engine';
import { Indexer } from './indexer';

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
await indexer.drain(); // clears the outbox flags (and re-sends listings written meanwhile)
await engine.close();
await mongoose.disconnect();
logger.info(
  { achievements: counts.achievements, demands: counts.demands, engine: engine.kind, seconds: Number(((Date.now() - t0) / 1000).toFixed(1)) },
  'search indexes rebuilt from the database',
);
