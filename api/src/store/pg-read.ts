/**
 * Sorted pages and counts on FerretDB's PostgreSQL backend, asked of PostgreSQL itself.
 *
 * Why: FerretDB 1.24 pushes an equality filter down but never a sort, a limit, a count or an
 * `$in` — an org's newest 20 listings meant loading all of the org's documents into FerretDB and
 * sorting them there, and a count of the published listings loaded 60,000 documents (minutes at
 * 100k). Here the same filter is sent as SQL over the table FerretDB keeps (served by the index
 * companions), PostgreSQL sorts and counts, and the documents come back in the same statement,
 * decoded by `sjson.ts`. FerretDB stores a document as JSON in which an
 * ObjectId is its hex string and a date its milliseconds, so equality, `$in` and ordering on those
 * top-level values mean the same in SQL as in MongoDB. Anything else (operators, dotted paths,
 * regexes) is not translated: the caller falls back to FerretDB.
 */
import pg from 'pg';
import mongoose, { type Model } from 'mongoose';
import { collectionTables } from './pg-companions';
import { decodeStored, encodeStored, UnsupportedStoredType } from './sjson';
import { logPoolErrors } from './store';

type Scalar = string | number | boolean | null;

/** A filter value as FerretDB stores it in JSON, or undefined when it has no plain JSON form. */
function stored(v: unknown): Scalar | undefined {
  if (v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v instanceof Date) return v.getTime();
  if (v instanceof mongoose.Types.ObjectId) return v.toHexString();
  return undefined;
}

export interface SqlWhere {
  sql: string;
  args: unknown[];
}

const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The WHERE clause for a cast mongoose filter made of top-level equality, `$in`, `$nin`, `$ne` and
 * `$exists` on plain values, `$gt`/`$gte`/`$lt`/`$lte` on single-valued number and date fields,
 * and `$or`/`$and` of such filters; null when some part has no translation.
 */
export function toSqlWhere(filter: Record<string, unknown>, scalar: (field: string) => boolean = () => false): SqlWhere | null {
  const args: unknown[] = [];
  const sql = where(filter, args, scalar);
  return sql === null ? null : { sql, args };
}

/** Which fields of a model hold one value, never an array (from its schema; unknown ones may hold arrays). */
export function scalarFields(model: Model<never>): (field: string) => boolean {
  return (field) => ['ObjectId', 'String', 'Number', 'Date', 'Boolean'].includes(model.schema.path(field)?.instance ?? '');
}

function where(filter: Record<string, unknown>, args: unknown[], scalar: (field: string) => boolean): string | null {
  const parts: string[] = [];
  const param = (v: Scalar) => {
    args.push(JSON.stringify(v));
    return `$${args.length}::jsonb`;
  };
  for (const [field, cond] of Object.entries(filter)) {
    if ((field === '$or' || field === '$and') && Array.isArray(cond) && cond.length) {
      const subs = cond.map((c) => (c && typeof c === 'object' && !Array.isArray(c) ? where(c as Record<string, unknown>, args, scalar) : null));
      if (subs.some((x) => x === null)) return null;
      parts.push(`(${subs.map((x) => `(${x})`).join(field === '$or' ? ' OR ' : ' AND ')})`);
      continue;
    }
    if (!FIELD.test(field)) return null;
    const col = `(_jsonb -> '${field}')`;
    // MongoDB: {f: null} matches a missing field too; a value matches the value or an array holding
    // it (`@>`, served by the GIN companions). A field that never holds an array is compared with
    // `=`, which the btree indexes serve — with the sort columns after it, a page is an index scan.
    const one = scalar(field);
    const eq = (v: Scalar) => (v === null ? `(${col} IS NULL OR ${col} = 'null'::jsonb)` : `${col} ${one ? '=' : '@>'} ${param(v)}`);
    // One of several values: `= ANY` (one index probe per value) for a single-valued field.
    const anyOf = (vs: Scalar[]) => {
      const values = vs.filter((v) => v !== null);
      const parts = [...(vs.length > values.length ? [eq(null)] : [])];
      if (one && values.length) {
        args.push(values.map((v) => JSON.stringify(v)));
        parts.push(`${col} = ANY($${args.length}::jsonb[])`);
      } else parts.push(...values.map(eq));
      return `(${parts.join(' OR ')})`;
    };
    const direct = stored(cond);
    if (direct !== undefined) {
      parts.push(eq(direct));
      continue;
    }
    if (!cond || typeof cond !== 'object' || Array.isArray(cond)) return null;
    const ops = Object.entries(cond as Record<string, unknown>);
    if (!ops.length) return null;
    for (const [op, value] of ops) {
      if (op === '$eq') {
        const v = stored(value);
        if (v === undefined) return null;
        parts.push(eq(v));
      } else if (op === '$in' && Array.isArray(value)) {
        const vs = value.map(stored);
        if (!vs.length || vs.some((v) => v === undefined)) return null;
        parts.push(anyOf(vs as Scalar[]));
      } else if (op === '$nin' && Array.isArray(value)) {
        const vs = value.map(stored);
        if (vs.some((v) => v === undefined)) return null;
        if (vs.length) parts.push(`NOT COALESCE(${anyOf(vs as Scalar[])}, false)`);
      } else if (op === '$ne') {
        const v = stored(value);
        if (v === undefined) return null;
        parts.push(
          v === null
            ? `(${col} IS NOT NULL AND ${col} <> 'null'::jsonb)`
            : `(${col} IS NULL OR NOT (${col} ${one ? '=' : '@>'} ${param(v)}))`,
        );
      } else if (op === '$exists' && typeof value === 'boolean') {
        // A missing field is SQL NULL; a stored null is the JSON null, which exists.
        parts.push(value ? `${col} IS NOT NULL` : `${col} IS NULL`);
      } else if (op in RANGE && one && (typeof value === 'number' || value instanceof Date)) {
        // Numbers and dates (stored as milliseconds) only, on single-valued fields: MongoDB compares
        // within a type, so the JSON type is checked too (jsonb orders booleans above numbers).
        const v = stored(value);
        if (v === undefined) return null;
        parts.push(`(jsonb_typeof(${col}) = 'number' AND ${col} ${RANGE[op]} ${param(v)})`);
      } else return null;
    }
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** ORDER BY for a sort on top-level fields, MongoDB's null order (nulls first ascending); null if untranslatable. */
export function toSqlOrder(sort: Record<string, 1 | -1>): string | null {
  const keys = Object.entries(sort);
  if (!keys.length) return null;
  const parts: string[] = [];
  for (const [field, dir] of keys) {
    if (!FIELD.test(field)) return null;
    parts.push(`(_jsonb -> '${field}') ${dir === -1 ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`);
  }
  return parts.join(', ');
}

let pool: pg.Pool | null = null;
let poolUrl = '';
const tableCache = new Map<string, string>();

function poolFor(url: string): pg.Pool {
  if (!pool || poolUrl !== url) {
    void pool?.end();
    // Sequential scans priced out for this pool: every query it sends is shaped for an index, and
    // PostgreSQL's cost model does not know that reading `_jsonb -> 'f'` from a row de-TOASTs the
    // whole document — it chose a scan of 100k rows (560 ms) over a bitmap scan of 18k (74 ms) to
    // count one organisation's listings.
    pool = logPoolErrors(
      new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 10_000, allowExitOnIdle: true, application_name: 'techbridge-pages', options: '-c enable_seqscan=off' }),
      'pages',
    );
    poolUrl = url;
    tableCache.clear();
  }
  return pool;
}

/** Closes the pool (tests, shutdown). */
export async function closePgRead(): Promise<void> {
  const p = pool;
  pool = null;
  tableCache.clear();
  await p?.end();
}

async function tableOf(p: pg.Pool, db: string, collection: string, fresh = false): Promise<string | null> {
  const key = `${db}.${collection}`;
  if (!fresh && tableCache.has(key)) return tableCache.get(key)!;
  const client = await p.connect();
  try {
    for (const [name, table] of await collectionTables(client, db)) tableCache.set(`${db}.${name}`, table);
  } finally {
    client.release();
  }
  return tableCache.get(key) ?? null;
}

/** Runs `sql` (with `{table}` for the collection's table); re-reads FerretDB's table list once if the table moved. */
async function run<R extends pg.QueryResultRow>(url: string, collection: string, sql: string, args: unknown[]): Promise<pg.QueryResult<R> | null> {
  const p = poolFor(url);
  const db = mongoose.connection.db!.databaseName;
  for (const fresh of [false, true]) {
    const table = await tableOf(p, db, collection, fresh);
    if (!table) return null;
    try {
      return await p.query<R>(sql.replace('{table}', `${ident(db)}.${ident(table)}`), args);
    } catch (err) {
      // 42P01: the collection was dropped and re-created under a new table name.
      if ((err as { code?: string }).code !== '42P01' || fresh) throw err;
    }
  }
  return null;
}

/** Counts the documents matching `filter` in SQL; null when the filter has no translation. */
export async function pgCount(url: string, model: Model<never>, filter: Record<string, unknown>): Promise<number | null> {
  const where = toSqlWhere(filter, scalarFields(model));
  if (!where) return null;
  const res = await run<{ n: string }>(url, model.collection.collectionName, `SELECT count(*) AS n FROM {table} WHERE ${where.sql}`, where.args);
  return res ? Number(res.rows[0]!.n) : null;
}

/** One sorted page of whole documents, decoded from FerretDB's stored form; null when untranslatable. */
export async function pgPageDocs(
  url: string,
  model: Model<never>,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1>,
  skip: number,
  limit: number,
): Promise<Record<string, unknown>[] | null> {
  const where = toSqlWhere(filter, scalarFields(model));
  const order = toSqlOrder(sort);
  if (!where || !order) return null;
  const args = [...where.args, limit, skip];
  const sql = `SELECT _jsonb AS doc FROM {table} WHERE ${where.sql} ORDER BY ${order} LIMIT $${args.length - 1} OFFSET $${args.length}`;
  const res = await run<{ doc: Record<string, unknown> }>(url, model.collection.collectionName, sql, args);
  return res ? res.rows.map((r) => decodeStored(r.doc)) : null;
}

/** Every document matching `filter`, decoded (for filters that name few documents); null when untranslatable. */
export async function pgFind(url: string, model: Model<never>, filter: Record<string, unknown>): Promise<Record<string, unknown>[] | null> {
  const where = toSqlWhere(filter, scalarFields(model));
  if (!where) return null;
  const res = await run<{ doc: Record<string, unknown> }>(url, model.collection.collectionName, `SELECT _jsonb AS doc FROM {table} WHERE ${where.sql}`, where.args);
  return res ? res.rows.map((r) => decodeStored(r.doc)) : null;
}

/**
 * The first document of `collection` matching `filter` (in `sort` order), decoded and projected as
 * the driver's `findOne` returns it; undefined when the filter or the sort has no translation.
 */
export async function pgFindOne(
  url: string,
  collection: string,
  filter: Record<string, unknown>,
  opts: { scalar: (field: string) => boolean; sort?: Record<string, 1 | -1> },
): Promise<Record<string, unknown> | null | undefined> {
  const where = toSqlWhere(filter, opts.scalar);
  const order = opts.sort && Object.keys(opts.sort).length ? toSqlOrder(opts.sort) : '';
  if (!where || order === null) return undefined;
  const sql = `SELECT _jsonb AS doc FROM {table} WHERE ${where.sql}${order ? ` ORDER BY ${order}` : ''} LIMIT 1`;
  const res = await run<{ doc: Record<string, unknown> }>(url, collection, sql, where.args);
  if (!res) return undefined;
  return res.rows[0] ? decodeStored(res.rows[0].doc) : null;
}

/**
 * Inserts documents into a collection's table as FerretDB would, in one statement: each one stored
 * or, refused by one of the collection's unique indexes (FerretDB's unique indexes are these
 * tables' PostgreSQL unique indexes), a duplicate — an unordered insertMany with its duplicate-key
 * errors, without FerretDB's round trip. Committed when it answers. Undefined (insert through
 * FerretDB) when the collection has no table yet, a document has no stored form, or two share an
 * `_id`.
 */
export async function pgInsertMany(url: string, collection: string, docs: readonly Record<string, unknown>[]): Promise<('stored' | 'duplicate')[] | undefined> {
  let stored: Record<string, unknown>[];
  try {
    stored = docs.map(encodeStored);
  } catch (err) {
    if (err instanceof UnsupportedStoredType) return undefined;
    throw err;
  }
  const ids = stored.map((d) => JSON.stringify(d._id));
  if (new Set(ids).size !== ids.length || ids.some((id) => id === undefined)) return undefined;
  const res = await run<{ id: string }>(
    url,
    collection,
    "INSERT INTO {table} (_jsonb) SELECT d FROM unnest($1::jsonb[]) AS d ON CONFLICT DO NOTHING RETURNING (_jsonb -> '_id')::text AS id",
    [stored.map((d) => JSON.stringify(d))],
  );
  if (!res) return undefined;
  const inserted = new Set(res.rows.map((r) => JSON.stringify(JSON.parse(r.id))));
  return ids.map((id) => (inserted.has(id) ? 'stored' : 'duplicate'));
}

/** The statement of a keyset page (`{table}` for the collection's table); null when the filter has no translation. */
export function keysetQuery(
  model: Model<never>,
  filter: Record<string, unknown>,
  key: { field: string; after: { t: number; id: string }; upTo: number; limit: number },
): SqlWhere | null {
  const where = toSqlWhere(filter, scalarFields(model));
  if (!where || !FIELD.test(key.field)) return null;
  const args = [...where.args, JSON.stringify(key.after.t), JSON.stringify(key.after.id), JSON.stringify(key.upTo), key.limit];
  const n = where.args.length;
  const col = `(_jsonb -> '${key.field}')`;
  // A row comparison: the btree on (field, _id) starts at the cursor and reads `limit` entries.
  const sql =
    `SELECT _jsonb AS doc FROM {table} WHERE ${where.sql} AND (${col}, (_jsonb -> '_id')) > ($${n + 1}::jsonb, $${n + 2}::jsonb)` +
    ` AND ${col} <= $${n + 3}::jsonb ORDER BY ${col} ASC NULLS FIRST, (_jsonb -> '_id') ASC NULLS FIRST LIMIT $${n + 4}`;
  return { sql, args };
}

/**
 * The documents after `(after.t, after.id)` in `(field, _id)` order, at most `limit`, none past
 * `upTo` (milliseconds) — a keyset page as one row comparison, which the btree companion of the
 * model's `{field: 1, _id: 1}` index serves; null when the filter has no translation.
 */
export async function pgKeysetDocs(
  url: string,
  model: Model<never>,
  filter: Record<string, unknown>,
  key: { field: string; after: { t: number; id: string }; upTo: number; limit: number },
): Promise<Record<string, unknown>[] | null> {
  const q = keysetQuery(model, filter, key);
  if (!q) return null;
  const res = await run<{ doc: Record<string, unknown> }>(url, model.collection.collectionName, q.sql, q.args);
  return res ? res.rows.map((r) => decodeStored(r.doc)) : null;
}
