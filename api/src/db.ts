import mongoose from 'mongoose';
import type { Logger } from './logger';
import { setStoreInfo, storeInfo, type DbKind } from './store/store';
import { installWriteGate } from './store/write-gate';
import { ensureCompanionIndexes } from './store/pg-companions';

// Never let user input become a query operator: `{email: {$gt: ""}}` is refused by zod before it
// gets here, and sanitizeFilter is the second line.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export type { DbKind } from './store/store';

/**
 * Connects mongoose and tells which server answered. On FerretDB the write gate is installed
 * (`store/write-gate.ts`); `pgUrl` (default: `STORE_PG_URL`, set by the project's scripts) is
 * FerretDB's PostgreSQL database, where `syncIndexes` adds the indexes that serve its queries.
 */
export async function connectDatabase(uri: string, logger?: Logger, opts: { pgUrl?: string } = {}): Promise<{ kind: DbKind }> {
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: true });
  const kind = await detectDbKind();
  const pgUrl = kind === 'ferretdb' ? (opts.pgUrl ?? process.env.STORE_PG_URL) : undefined;
  setStoreInfo({ kind, pgUrl });
  if (kind === 'ferretdb') installWriteGate();
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
  for (const m of Object.values(mongoose.models)) await m.init();
  const { pgUrl } = storeInfo();
  if (pgUrl) await ensureCompanionIndexes(pgUrl, mongoose.connection.db!.databaseName, logger);
}

/**
 * Marks a server-built query operator as intended. With sanitizeFilter on, `{field: {$gt: x}}`
 * in a filter is neutralised unless wrapped: `{expiresAt: trusted({$gt: new Date()})}`.
 */
// Typed `never` so it fits any field's filter type in Mongoose's typed filters.
export const trusted = (op: object): never => mongoose.trusted(op) as never;
