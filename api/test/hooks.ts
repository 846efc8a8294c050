// Mocha root hooks: cheap password hashing (NODE_ENV=test), one FerretDB (fresh temp data dir; PostgreSQL backend unless
// TB_STORE_BACKEND=sqlite) per run unless MONGODB_URI is set, one mongoose connection, and a clean
// database before every test.
import mongoose from 'mongoose';
import { startFerretDB } from '../../scripts/services.mjs';
import { connectDatabase, syncIndexes } from '../src/db';
import { closePgRead } from '../src/store/pg-read';
import { closeWriteGate } from '../src/store/write-gate';

let stopDb: (() => Promise<void>) | undefined;

// Cheap argon2 for the whole run and the API processes it starts (auth/password.ts honours it only
// under NODE_ENV=test; password.test.ts checks production's parameters on their own).
process.env.NODE_ENV ??= 'test';
process.env.TEST_ARGON2_COST ??= 'low';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(600_000);
    let uri = process.env.MONGODB_URI;
    if (!uri) {
      const db = await startFerretDB();
      stopDb = db.stop;
      if (db.pgUrl) process.env.STORE_PG_URL = db.pgUrl;
      uri = db.uri.replace(/\/techbridge$/, '/techbridge_test');
    }
    process.env.MONGODB_URI = uri;
    await connectDatabase(uri);
    await mongoose.connection.db!.dropDatabase().catch(() => undefined);
    await syncIndexes();
  },
  async beforeEach() {
    await cleanDatabase();
  },
  async afterAll() {
    await mongoose.disconnect();
    // PostgreSQL's fast shutdown ends every session: the store's own pools are closed first.
    await closePgRead();
    await closeWriteGate();
    if (stopDb) {
      await stopDb();
      stopDb = undefined;
      // The store this run started is gone: a later beforeAll (a second file that calls these
      // hooks itself) starts a new one instead of connecting to it.
      delete process.env.MONGODB_URI;
      delete process.env.STORE_PG_URL;
    }
  },
};

/** Empties every collection, keeping indexes. */
export async function cleanDatabase(): Promise<void> {
  const db = mongoose.connection.db!;
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  await Promise.all(collections.map((c) => db.collection(c.name).deleteMany({})));
}
