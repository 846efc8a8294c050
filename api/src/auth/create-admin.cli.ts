// `npm run create-admin -- <email> <password>`: creates or promotes a platform administrator.
import mongoose from 'mongoose';
import { connectDatabase, syncIndexes } from '../db';
import { ensurePlatformAdmin } from './auth.service';

const [email, password] = process.argv.slice(2);
if (!email || !password || password.length < 10) {
  console.error('usage: npm run create-admin -- <email> <password (10+ characters)>');
  process.exit(2);
}
await connectDatabase(process.env.MONGODB_URI!);
await syncIndexes();
const id = await ensurePlatformAdmin(email, password);
console.log(`platform admin ${email} (${id})`);
await mongoose.disconnect();
