import mongoose from 'mongoose';
import type { Logger } from './logger';

// Never let user input become a query operator: `{email: {$gt: ""}}` is refused by zod before it
// gets here, and sanitizeFilter is the second line.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export type DbKind = 'ferretdb' | 'mongodb';

/** Connects mongoose and tells which server answered. */
export async function connectDatabase(uri: string, logger?: Logger): Promise<{ kind: DbKind }> {
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: true });
  const kind = await detectDbKind();
  logger?.info({ kind }, 'database connected');
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

/** Builds every model's indexes (unique indexes are part of correctness, not just speed). */
export async function syncIndexes(): Promise<void> {
  for (const m of Object.values(mongoose.models)) await m.init();
}

/**
 * Marks a server-built query operator as intended. With sanitizeFilter on, `{field: {$gt: x}}`
 * in a filter is neutralised unless wrapped: `{expiresAt: trusted({$gt: new Date()})}`.
 */
// Typed `never` so it fits any field's filter type in Mongoose's typed filters.
export const trusted = (op: object): never => mongoose.trusted(op) as never;
