/**
 * Index companions for FerretDB's PostgreSQL backend: the indexes that actually serve the SQL
 * FerretDB 1.24 sends.
 *
 * Why: FerretDB pushes an equality filter down as `_jsonb->'field' @> '<json value>'`, but the
 * indexes it creates for `createIndexes` are btrees on `(_jsonb->'field')`, which cannot serve `@>`
 * — every read was a sequential scan (1.7 s for one `findOne({_id})` at 100k documents). A GIN
 * index on the same expression with `jsonb_path_ops` serves it (a bitmap index scan). FerretDB does
 * not know about these indexes (they are invisible to `listIndexes`), so they are derived here
 * from what the models declare: one GIN companion per top-level field that appears in a declared
 * index, plus `_id`. FerretDB drops them with the table (dropping a collection or the database);
 * `ensureCompanionIndexes` runs after every `syncIndexes` and is idempotent.
 *
 * Dotted paths are not pushed down by FerretDB 1.24 (without an experimental flag), `$in` and
 * ranges are not pushed down at all: hot reads must be equality filters on indexed fields (the
 * store's `findByIds` replaces `_id $in`), and the EXPLAIN test pins that.
 */
import mongoose from 'mongoose';
import pg from 'pg';
import { createHash } from 'node:crypto';
import type { Logger } from '../logger';

/** Top-level fields of every index a model declares (`_id` included), by collection name. */
export function declaredIndexFields(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const model of Object.values(mongoose.models)) {
    const fields = new Set<string>(['_id']);
    for (const [keys] of model.schema.indexes()) {
      for (const path of Object.keys(keys)) if (!path.includes('.')) fields.add(path);
    }
    out.set(model.collection.collectionName, fields);
  }
  // Collections written by libraries rather than models: the session store reads by _id.
  out.set('sessions', new Set(['_id']));
  return out;
}

const indexName = (table: string, field: string, kind = 'gin') =>
  `tb_${kind}_${createHash('sha1').update(`${table}\0${field}`).digest('hex').slice(0, 16)}`;

const SCALAR = ['ObjectId', 'String', 'Number', 'Date', 'Boolean'];

/**
 * Compound indexes a model declares over fields that never hold arrays, by collection: each becomes
 * a btree over the same JSON expressions in the same directions (ascending nulls first, descending
 * nulls last — MongoDB's order, as `pg-read.ts` sorts), so a sorted page asked of PostgreSQL
 * (`org = $1 ORDER BY updatedAt DESC, _id DESC LIMIT 20`) is an index scan however many rows match.
 */
export function declaredSortIndexes(): Map<string, [string, 1 | -1][][]> {
  const out = new Map<string, [string, 1 | -1][][]>();
  for (const model of Object.values(mongoose.models)) {
    const list: [string, 1 | -1][][] = [];
    for (const [keys] of model.schema.indexes()) {
      const cols = Object.entries(keys) as [string, 1 | -1][];
      const plain = cols.every(([f, d]) => !f.includes('.') && (d === 1 || d === -1) && SCALAR.includes(model.schema.path(f)?.instance ?? ''));
      if (cols.length >= 2 && plain) list.push(cols);
    }
    out.set(model.collection.collectionName, list);
  }
  return out;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The PostgreSQL table FerretDB keeps for each collection of a database (schema = database name). */
export async function collectionTables(client: pg.ClientBase, dbName: string): Promise<Map<string, string>> {
  const exists = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [
    dbName,
    '_ferretdb_database_metadata',
  ]);
  if (!exists.rowCount) return new Map();
  const rows = await client.query<{ name: string; table: string }>(
    `SELECT _jsonb->>'_id' AS name, _jsonb->>'table' AS table FROM ${quoteIdent(dbName)}._ferretdb_database_metadata`,
  );
  return new Map(rows.rows.map((r) => [r.name, r.table]));
}

/**
 * Creates the missing GIN companions for every model's declared index fields (idempotent), and
 * refreshes the planner's statistics of the tables it indexed. Returns how many it created.
 */
export async function ensureCompanionIndexes(pgUrl: string, dbName: string, logger?: Logger): Promise<number> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const tables = await collectionTables(client, dbName);
    const existing = new Set(
      (await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [dbName])).rows.map((r) => r.indexname),
    );
    let created = 0;
    for (const [collection, fields] of declaredIndexFields()) {
      const table = tables.get(collection);
      if (!table) continue;
      let touched = false;
      for (const field of fields) {
        const name = indexName(table, field);
        if (existing.has(name)) continue;
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(dbName)}.${quoteIdent(table)} USING gin ((_jsonb -> ${quoteLiteral(field)}) jsonb_path_ops)`,
        );
        created++;
        touched = true;
      }
      for (const cols of declaredSortIndexes().get(collection) ?? []) {
        const name = indexName(table, JSON.stringify(cols), 'bt');
        if (existing.has(name)) continue;
        const exprs = cols.map(([f, d]) => `(_jsonb -> ${quoteLiteral(f)}) ${d === -1 ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`).join(', ');
        await client.query(`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(dbName)}.${quoteIdent(table)} USING btree (${exprs})`);
        created++;
        touched = true;
      }
      if (touched) await client.query(`ANALYZE ${quoteIdent(dbName)}.${quoteIdent(table)}`);
    }
    if (created) logger?.info({ created, db: dbName }, 'store: GIN index companions created');
    return created;
  } finally {
    await client.end();
  }
}

/**
 * VACUUM ANALYZE of every table of a database, after a bulk load or a restore: statistics so the
 * planner picks the indexes, and the visibility map so counts are index-only scans.
 */
export async function analyzeTables(pgUrl: string, dbName: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    for (const table of (await collectionTables(client, dbName)).values()) await client.query(`VACUUM (ANALYZE) ${quoteIdent(dbName)}.${quoteIdent(table)}`);
  } finally {
    await client.end();
  }
}
