// `npm run indicators:rebuild`: recomputes every indicator fact and rollup cell from the raw data
// (listings, matches, interests, deals and their audit trail, contracts, payment items). Running
// API processes notice the new build on their next read (the rollup's build id changes). Changes
// made while it runs may be missed by it: run it at a quiet moment, or again.
import mongoose from 'mongoose';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { connectDatabase, syncIndexes } from '../db';
import { IndicatorsService } from './indicators.service';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
if (!config.MONGODB_URI) {
  logger.error('MONGODB_URI is not set (run through `npm run indicators:rebuild`, which starts FerretDB)');
  process.exit(2);
}
const t0 = Date.now();
await connectDatabase(config.MONGODB_URI, logger);
await syncIndexes();
const counts = await new IndicatorsService({ logger }).rebuild();
await mongoose.disconnect();
logger.info({ ...counts, seconds: Number(((Date.now() - t0) / 1000).toFixed(1)) }, 'indicators rebuilt from the raw data');
