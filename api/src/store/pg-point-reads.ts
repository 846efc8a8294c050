/**
 * Point reads (`findOne`, and so mongoose's `findById`/`findOne`, connect-mongo's session lookup
 * and passport's user lookup) asked of PostgreSQL on FerretDB's PostgreSQL backend.
 *
 * Why: measured on the bench data set (100k achievements), a `findById` through FerretDB cost
 * ~1.4 ms of this process's CPU and ~3.6 ms of FerretDB's and PostgreSQL's; the same read as one
 * SQL statement over FerretDB's table cost ~0.3 ms and ~0.6 ms (`npm run bench:store`: `db_point_read_cost_ms`).
 * Every signed-in request makes two of them (session, user) before its own. The filter the driver
 * receives is already cast and sanitised by mongoose; what `pg-read.ts` cannot translate, options
 * other than a projection and a sort, a collection no model or library declares, and a stored type
 * `sjson.ts` does not decode all go to FerretDB as before. Writes are untouched (`write-gate.ts`):
 * FerretDB commits before it answers, so a read here sees every acknowledged write.
 *
 * Installed at connect time on FerretDB with a PostgreSQL URL only; MongoDB never sees it.
 */
import { createRequire } from 'node:module';
import mongoose from 'mongoose';
import { pgFindOne } from './pg-read';
import { project, projectable, UnsupportedStoredType } from './sjson';
import { SESSIONS_COLLECTION } from './session-sweep';
import { storeInfo } from './store';

type FindOne = (this: DriverCollection, filter?: Record<string, unknown>, options?: Record<string, unknown>) => Promise<unknown>;
interface DriverCollection {
  dbName: string;
  collectionName: string;
}

/** Collections written by libraries, not models, and their single-valued fields. */
const LIBRARY_SCALARS: Record<string, readonly string[]> = { [SESSIONS_COLLECTION]: ['_id', 'expires'] };
const SINGLE = ['ObjectId', 'String', 'Number', 'Date', 'Boolean'];

/** Which fields of `collection` hold one value (from its model's schema); null for a collection nobody declares. */
export function scalarsOf(collection: string): ((field: string) => boolean) | null {
  const lib = LIBRARY_SCALARS[collection];
  if (lib) return (f) => lib.includes(f);
  const model = Object.values(mongoose.models).find((m) => m.collection.collectionName === collection);
  if (!model) return null;
  return (f) => f === '_id' || SINGLE.includes(model.schema.path(f)?.instance ?? '');
}

/** Options a point read may carry and still be answered here (anything else: FerretDB). */
function plain(options: Record<string, unknown>): { projection?: Record<string, 0 | 1>; sort?: Record<string, 1 | -1> } | null {
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || v === null) continue;
    if (k === 'projection' || k === 'sort') continue;
    if (k === 'limit' && (v === 1 || v === -1 || v === 0)) continue;
    if (k === 'skip' && v === 0) continue;
    return null;
  }
  const projection = options.projection as Record<string, unknown> | undefined;
  if (projection && !projectable(projection)) return null;
  const sort = options.sort as Record<string, unknown> | undefined;
  if (sort && (typeof sort !== 'object' || Array.isArray(sort) || !Object.values(sort).every((d) => d === 1 || d === -1))) return null;
  return { projection: projection as Record<string, 0 | 1> | undefined, sort: sort as Record<string, 1 | -1> | undefined };
}

export const pointReadStats = { pg: 0, ferretdb: 0 };

let original: FindOne | null = null;

/** FerretDB's own `findOne`, bypassing PostgreSQL (tests compare the two). */
export function ferretFindOne(collection: unknown, filter: Record<string, unknown>, options: Record<string, unknown> = {}): Promise<unknown> {
  return (original ?? (collection as { findOne: FindOne }).findOne).call(collection as DriverCollection, filter, options);
}

/** Patches the driver mongoose uses (as `write-gate.ts` does). Idempotent; a no-op unless FerretDB runs on PostgreSQL. */
export function installPgPointReads(): void {
  if (original) return;
  const req = createRequire(createRequire(import.meta.url).resolve('mongoose'));
  const { Collection } = req('mongodb') as { Collection: { prototype: { findOne: FindOne } } };
  const proto = Collection.prototype;
  if (typeof proto.findOne !== 'function') throw new Error('pg point reads: the mongodb driver has no Collection.findOne; check the driver version');
  const findOne = proto.findOne;
  original = findOne;
  proto.findOne = async function pointRead(this: DriverCollection, filter = {}, options = {}) {
    const { pgUrl } = storeInfo();
    const opts = pgUrl && this.dbName === mongoose.connection.db?.databaseName ? plain(options) : null;
    const scalar = opts ? scalarsOf(this.collectionName) : null;
    if (opts && scalar && filter && typeof filter === 'object') {
      try {
        const doc = await pgFindOne(pgUrl!, this.collectionName, filter, { scalar, sort: opts.sort });
        if (doc !== undefined) {
          pointReadStats.pg++;
          return doc && project(doc, opts.projection);
        }
      } catch (err) {
        if (!(err instanceof UnsupportedStoredType)) throw err;
      }
    }
    pointReadStats.ferretdb++;
    return findOne.call(this, filter, options);
  };
}
