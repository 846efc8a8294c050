// `npm run create-admin -- <email> <password>`: creates or promotes a platform administrator.
import mongoose from 'mongoose';
import { connectDatabase, syncIndexes } from '../db';
import { createLogger } from '../logger';
import { ensurePlatformAdmin } from './auth.service';

const logger = createLogger();
const [email, password] = process.argv.slice(2);
if (!email || !password || password.length < 10) {
  logger.error('usage: npm run create-admin -- <email> <password (10+ characters)>');
  process.exit(2);
}
if (!process.env.MONGODB_URI) {
  logger.error('MONGODB_URI is not set (run through `npm run create-admin`, which starts FerretDB)');
  process.exit(2);
}
await connectDatabase(process.env.MONGODB_URI, logger);
await syncIndexes();
const id = await ensurePlatformAdmin(email, password);
logger.info({ email, id }, 'platform admin ready');
await mongoose.disconnect();
