import mongoose from 'mongoose';
import type { Logger } from './logger';
import { setStoreInfo, storeInfo, type DbKind } from './store/store';
import { installWriteGate } from './store/write-gate';
import { ensureCompanionIndexes } from './store/pg-companions';
import { installWireGuard, configureWireGuard } from './store/wire-guard';
import { installPgPointReads } from './store/pg-point-reads';

// Never let user input become a query operator: `{email: {$gt: ""}}` is refused by zod before it
// gets here, and sanitizeFilter is the second line.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export type { DbKind } from './store/store';

/** Where express-session keeps sessions (connect-mongo). */
export const SESSIONS_COLLECTION = 'sessions';

/**
 * Connects mongoose and tells which server answered. On FerretDB the write gate is installed
 * (`store/write-gate.ts`); `pgUrl` (default: `STORE_PG_URL`, set by the project's scripts) is
 * FerretDB's PostgreSQL database, where `syncIndexes` adds the indexes that serve its queries.
 */
export async function connectDatabase(uri: string, logger?: Logger, opts: { pgUrl?: string } = {}): Promise<{ kind: DbKind }> {
  // Before the first connection opens: every reply is checked against its request (wire-guard.ts).
  installWireGuard({ logger });
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: true });
  const kind = await detectDbKind();
  // FerretDB answers moreToCome (w: 0) requests, so none may be sent to it.
  configureWireGuard({ acknowledgeUnacknowledged: kind === 'ferretdb' });
  const pgUrl = kind === 'ferretdb' ? (opts.pgUrl ?? process.env.STORE_PG_URL) : undefined;
  setStoreInfo({ kind, pgUrl, logger });
  if (kind === 'ferretdb') installWriteGate({ pgUrl });
  // Point reads as SQL over FerretDB's tables (a fifth of the CPU of a read through FerretDB).
  if (pgUrl) installPgPointReads();
  logger?.info({ kind, backend: kind === 'ferretdb' ? (pgUrl ? 'postgresql' : 'sqlite') : undefined }, 'database connected');
  return { kind };
}

/** FerretDB reports `ferretdbVersion` in buildInfo; MongoDB does not. */
export async function detectDbKind(): Promise<DbKind> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return info.ferretdbVersion ? 'ferretdb' : 'mongodb';
}

/** True when the database answers a ping within the driver's timeout. */
export async function pingDatabase(): Promise<boolean> {
  try {
    if (mongoose.connection.readyState !== 1) return false;
    await mongoose.connection.db!.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds every model's indexes (unique indexes are part of correctness, not just speed), and on
 * FerretDB's PostgreSQL backend the companions that make them serve reads.
 */
export async function syncIndexes(logger?: Logger): Promise<void> {
  // Not `Model.init()`: it runs once per model and process, so after a dropped database (tests,
  // a restore) it would leave collections and their unique indexes missing.
  const db = mongoose.connection.db!;
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const m of Object.values(mongoose.models)) {
    if (!existing.has(m.collection.collectionName)) await m.createCollection();
    await m.createIndexes();
  }
  // The session store's collection (connect-mongo reads sessions by _id).
  if (!existing.has(SESSIONS_COLLECTION)) await db.createCollection(SESSIONS_COLLECTION);
  const { pgUrl } = storeInfo();
  if (pgUrl) await ensureCompanionIndexes(pgUrl, mongoose.connection.db!.databaseName, logger);
}

/**
 * Marks a server-built query operator as intended. With sanitizeFilter on, `{field: {$gt: x}}`
 * in a filter is neutralised unless wrapped: `{expiresAt: trusted({$gt: new Date()})}`.
 */
// Typed `never` so it fits any field's filter type in Mongoose's typed filters.
export const trusted = (op: object): never => mongoose.trusted(op) as never;
