/**
 * The data-access layer's view of the store: which server answers, and the few reads whose best
 * shape depends on it. Everything that differs between FerretDB 1.24 and MongoDB is decided here
 * (and in `write-gate.ts`, `pg-companions.ts`), by the kind detected at connect time — never at a
 * call site.
 */
import mongoose, { type Model } from 'mongoose';
import type pg from 'pg';
import type { Logger } from '../logger';
import { pgCount, pgFind, pgInsertMany, pgKeysetDocs, pgPageDocs } from './pg-read';
import { project, projectable, UnsupportedStoredType } from './sjson';

export type DbKind = 'ferretdb' | 'mongodb';

export interface StoreInfo {
  kind: DbKind;
  /** FerretDB's PostgreSQL database, when FerretDB runs on the PostgreSQL backend. */
  pgUrl?: string;
  logger?: Logger;
}

let info: StoreInfo = { kind: 'mongodb' };

/** Records what `connectDatabase` found (called once per connection). */
export function setStoreInfo(next: StoreInfo): void {
  info = next;
}

/** What `connectDatabase` found. */
export const storeInfo = (): Readonly<StoreInfo> => info;

/**
 * A pool's idle connections can fail (PostgreSQL restarted): pg then emits 'error' on the pool,
 * which would end the process unheard. The pool drops that client; the next query opens another.
 */
export function logPoolErrors(pool: pg.Pool, name: string): pg.Pool {
  pool.on('error', (err) => info.logger?.warn({ err, pool: name }, 'store: an idle PostgreSQL connection failed; it is replaced on next use'));
  return pool;
}

const POINT_READ_CONCURRENCY = 24;

/** `fn` over `items`, a bounded number at a time, results in order. */
async function inBatches<I, R>(items: readonly I[], fn: (item: I) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += POINT_READ_CONCURRENCY) out.push(...(await Promise.all(items.slice(i, i + POINT_READ_CONCURRENCY).map(fn))));
  return out;
}

/** The values without repeats (by their string form: an ObjectId and its hex are one). */
const distinct = (values: readonly unknown[]) => [...new Map(values.map((v) => [String(v), v])).values()];

/**
 * The documents of `model` with these ids (and the extra `filter`), in no set order. MongoDB serves
 * `_id $in` from its index. FerretDB 1.24 does not push `$in` down at all (it loads the
 * collection): on its PostgreSQL backend one SQL statement reads them by the `_id` index
 * (`pgFind`); otherwise it is one indexed point read per id, a bounded number at a time.
 */
export async function findByIds<T = Record<string, unknown>>(
  model: Model<never>,
  ids: readonly unknown[],
  opts: { filter?: Record<string, unknown>; projection?: Record<string, 0 | 1> } = {},
): Promise<T[]> {
  const unique = distinct(ids);
  if (!unique.length) return [];
  const filter = opts.filter ?? {};
  if (info.kind === 'mongodb') {
    return model.find({ ...filter, _id: mongoose.trusted({ $in: unique }) } as never, opts.projection).lean<T[]>();
  }
  if (info.pgUrl && projectable(opts.projection)) {
    // The ids as given (an ObjectId or a string): casting them would refuse a string id stored in
    // a collection whose schema says ObjectId, which FerretDB (and MongoDB) simply match.
    const cast = { ...castFilter(model, filter), _id: { $in: unique } };
    const docs = await fromPg(() => pgFind(info.pgUrl!, model, cast));
    if (docs) return docs.map((d) => project(d, opts.projection) as T);
  }
  const found = await inBatches(unique, (id) => model.findOne({ ...filter, _id: id } as never, opts.projection).lean<T>());
  return found.filter((d): d is NonNullable<typeof d> => !!d) as T[];
}

/**
 * Inserts documents unordered, each one `stored`, a `duplicate` (refused by a unique index) or
 * failed with an error. On FerretDB's PostgreSQL backend one SQL statement into the collection's
 * table (`pgInsertMany`: the same unique indexes decide; no FerretDB round trip — a write to
 * FerretDB's socket held this process's event loop for ~2–7 ms under load, one to PostgreSQL's for
 * microseconds); elsewhere, or for a document with no plain stored form, the driver's
 * `insertMany` with `ordered: false`.
 */
export async function insertUnordered(model: Model<never>, docs: readonly Record<string, unknown>[]): Promise<('stored' | 'duplicate' | Error)[]> {
  if (info.pgUrl) {
    const outcomes = await pgInsertMany(info.pgUrl, model.collection.collectionName, docs);
    if (outcomes) return outcomes;
  }
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
    return docs.map(() => 'stored');
  } catch (err) {
    const raw = (err as { writeErrors?: unknown }).writeErrors;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { index: number; code: number }[];
    if (!list.length) return docs.map(() => err as Error);
    const failed = new Map(list.map((w) => [w.index, w.code]));
    return docs.map((_, i) => {
      const code = failed.get(i);
      return code === undefined ? 'stored' : code === 11000 ? 'duplicate' : (err as Error);
    });
  }
}

/** Runs a read asked of PostgreSQL; null (read through FerretDB instead) for a stored type it cannot decode. */
async function fromPg<R>(read: () => Promise<R | null>): Promise<R | null> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof UnsupportedStoredType) return null;
    throw err;
  }
}

/**
 * Applies `update` to the documents with these ids that also match `filter`; returns how many
 * matched. MongoDB: one `updateMany` over `_id $in`. FerretDB: one indexed `updateOne` per id
 * (its `updateMany` with `$in` reads the whole collection).
 */
export async function updateByIds(
  model: Model<never>,
  ids: readonly unknown[],
  filter: Record<string, unknown>,
  update: Record<string, unknown>,
  options: { timestamps?: boolean } = {},
): Promise<number> {
  const unique = distinct(ids);
  if (!unique.length) return 0;
  if (info.kind === 'mongodb') {
    const res = await model.updateMany({ ...filter, _id: mongoose.trusted({ $in: unique }) } as never, update as never, options);
    return res.matchedCount;
  }
  const res = await inBatches(unique, (id) => model.updateOne({ ...filter, _id: id } as never, update as never, options));
  return res.reduce((n, r) => n + r.matchedCount, 0);
}

/**
 * The documents whose `field` equals one of `values` (and that match the equality `filter`).
 * MongoDB: one `$in` query. FerretDB on PostgreSQL: one SQL statement; otherwise one indexed
 * equality query per value (FerretDB does not push `$in` down). `field` must carry an index the
 * model declares.
 */
export async function findByField<T = Record<string, unknown>>(
  model: Model<never>,
  field: string,
  values: readonly unknown[],
  opts: { filter?: Record<string, unknown>; projection?: Record<string, 0 | 1> } = {},
): Promise<T[]> {
  const unique = distinct(values);
  if (!unique.length) return [];
  const filter = opts.filter ?? {};
  if (info.kind === 'mongodb') {
    return model.find({ ...filter, [field]: mongoose.trusted({ $in: unique }) } as never, opts.projection).lean<T[]>();
  }
  if (info.pgUrl && projectable(opts.projection)) {
    const cast = castFilter(model, { ...filter, [field]: mongoose.trusted({ $in: unique }) });
    const docs = await fromPg(() => pgFind(info.pgUrl!, model, cast));
    if (docs) return docs.map((d) => project(d, opts.projection) as T);
  }
  const rows = await inBatches(unique, (v) => model.find({ ...filter, [field]: v } as never, opts.projection).lean<T[]>());
  return rows.flat() as T[];
}

/** Deletes the documents with these ids that also match `filter`; returns how many. */
export async function deleteByIds(model: Model<never>, ids: readonly unknown[], filter: Record<string, unknown> = {}): Promise<number> {
  const unique = distinct(ids);
  if (!unique.length) return 0;
  if (info.kind === 'mongodb') {
    return (await model.deleteMany({ ...filter, _id: mongoose.trusted({ $in: unique }) } as never)).deletedCount;
  }
  const res = await inBatches(unique, (id) => model.deleteOne({ ...filter, _id: id } as never));
  return res.reduce((n, r) => n + r.deletedCount, 0);
}

/**
 * Replaces the id at `path` of each row by that document of `model` (only `select`ed fields), like
 * mongoose's `populate` — which asks with `_id $in`, a collection scan on FerretDB — but through
 * `findByIds`. Rows whose reference is gone get null, as with populate.
 */
export async function populateRefs<R extends object>(rows: R[], path: string, model: Model<never>, select: string): Promise<R[]> {
  const ids = rows.map((r) => (r as Record<string, unknown>)[path]).filter((v) => v !== null && v !== undefined);
  if (!ids.length) return rows;
  const projection = Object.fromEntries(select.split(/\s+/).filter(Boolean).map((f) => [f, 1 as const]));
  const found = await findByIds<{ _id: unknown }>(model, ids, { projection });
  const byId = new Map(found.map((d) => [String(d._id), d]));
  for (const r of rows) {
    const ref = (r as Record<string, unknown>)[path];
    if (ref !== null && ref !== undefined) (r as Record<string, unknown>)[path] = byId.get(String(ref)) ?? null;
  }
  return rows;
}

/** `filter` with its values cast to the model's types (ObjectId, Date, number), as a query would send it. */
function castFilter(model: Model<never>, filter: Record<string, unknown>): Record<string, unknown> {
  return model.find().cast(model as never, { ...filter }) as Record<string, unknown>;
}

/**
 * One sorted page of `model`'s documents matching `filter`. FerretDB never pushes a sort or a
 * limit down, so on its PostgreSQL backend PostgreSQL reads the page (`pg-read.ts`, decoded by
 * `sjson.ts`); elsewhere (MongoDB, a filter with no SQL form, a stored type `sjson.ts` does not
 * decode) the query runs as it is.
 */
export async function findPage<T = Record<string, unknown>>(
  model: Model<never>,
  filter: Record<string, unknown>,
  opts: { sort: Record<string, 1 | -1>; skip?: number; limit: number; projection?: Record<string, 0 | 1> },
): Promise<T[]> {
  const skip = opts.skip ?? 0;
  if (info.pgUrl && projectable(opts.projection)) {
    const docs = await fromPg(() => pgPageDocs(info.pgUrl!, model, castFilter(model, filter), opts.sort, skip, opts.limit));
    if (docs) return docs.map((d) => project(d, opts.projection) as T);
  }
  return model
    .find(filter as never, opts.projection)
    .sort(opts.sort)
    .skip(skip)
    .limit(opts.limit)
    .lean<T[]>();
}

/**
 * The documents of `model` matching `filter` that come after `after` in `(field, _id)` order, up to
 * `upTo` on `field` (a date field), at most `limit`: a keyset page, stable however many pages
 * precede it. The model declares the `{[field]: 1, _id: 1}` index; on FerretDB's PostgreSQL
 * backend PostgreSQL reads the page by that index's companion in one statement (`pgKeysetDocs`),
 * elsewhere the query runs as it is (MongoDB serves it from the same index).
 */
export async function findAfter<T = Record<string, unknown>>(
  model: Model<never>,
  filter: Record<string, unknown>,
  key: { field: string; after: { t: Date; id: string }; upTo: Date; limit: number },
): Promise<T[]> {
  const { field, after, upTo, limit } = key;
  if (info.pgUrl) {
    const docs = await fromPg(() =>
      pgKeysetDocs(info.pgUrl!, model, castFilter(model, filter), { field, after: { t: after.t.getTime(), id: after.id }, upTo: upTo.getTime(), limit }),
    );
    if (docs) return docs as T[];
  }
  const id = new mongoose.Types.ObjectId(after.id);
  return model
    .find({
      $and: [
        filter,
        { [field]: mongoose.trusted({ $lte: upTo }) },
        { $or: [{ [field]: mongoose.trusted({ $gt: after.t }) }, { [field]: after.t, _id: mongoose.trusted({ $gt: id }) }] },
      ],
    } as never)
    .sort({ [field]: 1, _id: 1 })
    .limit(limit)
    .lean<T[]>();
}

/** How many of `model`'s documents match `filter` (counted by PostgreSQL on FerretDB's PostgreSQL backend). */
export async function countWhere(model: Model<never>, filter: Record<string, unknown>): Promise<number> {
  if (info.pgUrl) {
    const n = await pgCount(info.pgUrl, model, castFilter(model, filter));
    if (n !== null) return n;
  }
  return model.countDocuments(filter as never);
}
