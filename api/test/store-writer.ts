// A separate process that writes through the store (used by write-gate.processes.test.ts): at
// START_AT, 32 concurrent $inc of one document and 8 compare-and-set attempts on another.
import mongoose from 'mongoose';
import { connectDatabase } from '../src/db';

await connectDatabase(process.env.MONGODB_URI!, undefined, { pgUrl: process.env.STORE_PG_URL });
const c = mongoose.connection.db!.collection('multiwriter');
await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.START_AT) - Date.now())));
const [, won] = await Promise.all([
  Promise.all(Array.from({ length: 32 }, () => c.updateOne({ _id: 'n' as never }, { $inc: { n: 1 } }))),
  Promise.all(Array.from({ length: 8 }, () => c.findOneAndUpdate({ _id: 'cas' as never, version: 0 }, { $inc: { version: 1 } }))),
]);
process.stdout.write(JSON.stringify({ won: won.filter(Boolean).length }));
await mongoose.disconnect();
process.exit(0);
