/**
 * The write gate: what makes updates safe on FerretDB 1.24, installed once at connect time.
 *
 * Why: FerretDB applies an update by reading the document, changing it in its own Go process and
 * writing the whole document back, with nothing that stops a second update of the same document
 * from reading in between (FerretDB issue #3040; measured here on both backends: 32 concurrent
 * `$inc` end at +1…+9, 16 version-guarded `findOneAndUpdate` have up to 16 "winners"). MongoDB is
 * atomic per document, so a guarded update is a compare-and-set there.
 *
 * What: on FerretDB every update-type command this process sends (the driver's `updateOne`,
 * `updateMany`, `replaceOne`, `findOneAndUpdate`, `findOneAndReplace`, `bulkWrite` — so mongoose
 * queries, `doc.save()` and the session store alike) runs behind a per-document gate keyed by the
 * `_id`s its filter names. One update per document is then in flight at a time, so FerretDB's
 * read-modify-write is not interleaved, and a guarded update (`{_id, version}`, `{_id, status}`)
 * is a real compare-and-set again. An update whose filter does not name its documents by `_id`
 * takes the whole collection (it waits for every in-flight update of that collection, and later
 * ones wait for it). Inserts and deletes need no gate: inserts are decided by unique indexes,
 * which FerretDB enforces on both backends, and a delete cannot resurrect or merge anything.
 *
 * Across processes: on FerretDB's PostgreSQL backend the gate also takes PostgreSQL advisory
 * locks on the same keys (the document's key exclusively and its collection's key shared, or the
 * collection's key exclusively), on a connection of its own, held while FerretDB applies the
 * update. Several API processes (or a CLI beside the API) then serialise their updates of one
 * document too; a crashed process's locks end with its connection. The in-process queue stays in
 * front of it so that waiters of one document do not each hold a PostgreSQL connection. On the
 * SQLite backend only the in-process gate exists: one process writes. MongoDB needs neither; the
 * gate is not installed there and the same code relies on its per-document atomicity.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { logPoolErrors } from './store';

type AnyFn = (...args: unknown[]) => Promise<unknown>;

const noop = () => undefined;

/** Per-collection gate: shared (per-document mutexes) and exclusive (whole collection) holders. */
class CollectionGate {
  private readonly docTails = new Map<string, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();
  private exclusiveTail: Promise<void> = Promise.resolve();

  /** Runs `fn` once no earlier holder of any of `keys` and no earlier exclusive holder runs. */
  shared<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const waits: Promise<void>[] = [this.exclusiveTail];
    for (const k of sorted) {
      const t = this.docTails.get(k);
      if (t) waits.push(t);
    }
    const run = Promise.all(waits).then(fn);
    const done = run.then(noop, noop);
    for (const k of sorted) {
      this.docTails.set(k, done);
      void done.then(() => {
        if (this.docTails.get(k) === done) this.docTails.delete(k);
      });
    }
    this.track(done);
    return run;
  }

  /** Runs `fn` alone: after everything in flight, before anything that arrives later. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = Promise.all([this.exclusiveTail, ...this.inflight]).then(fn);
    const done = run.then(noop, noop);
    this.exclusiveTail = done;
    this.track(done);
    return run;
  }

  get busy(): boolean {
    return this.inflight.size > 0;
  }

  private track(done: Promise<void>) {
    this.inflight.add(done);
    void done.then(() => this.inflight.delete(done));
  }
}

const gates = new Map<string, CollectionGate>();
const gateOf = (ns: string) => {
  let g = gates.get(ns);
  if (!g) gates.set(ns, (g = new CollectionGate()));
  return g;
};

/** The `_id`s a filter pins, or null when it does not name its documents by `_id`. */
export function idKeys(filter: unknown): string[] | null {
  if (!filter || typeof filter !== 'object') return null;
  const id = (filter as Record<string, unknown>)._id;
  if (id === undefined || id === null) return null;
  const key = (v: unknown): string | null =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : isObjectIdLike(v) ? v.toHexString() : null;
  const single = key(id);
  if (single !== null) return [single];
  if (typeof id === 'object') {
    const ops = id as Record<string, unknown>;
    const keys = Object.keys(ops);
    if (keys.length === 1 && keys[0] === '$eq') {
      const k = key(ops.$eq);
      return k === null ? null : [k];
    }
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(ops.$in)) {
      const ks = ops.$in.map(key);
      return ks.every((k): k is string => k !== null) ? ks : null;
    }
  }
  return null;
}

function isObjectIdLike(v: unknown): v is { toHexString(): string } {
  return !!v && typeof v === 'object' && typeof (v as { toHexString?: unknown }).toHexString === 'function' && (v as { _bsontype?: string })._bsontype === 'ObjectId';
}

type BulkOp = Record<string, { filter?: unknown } | undefined>;

/** Keys of a bulkWrite: the union of its updates' `_id`s; null if one update is not by `_id`. */
function bulkKeys(ops: unknown): string[] | null {
  if (!Array.isArray(ops)) return null;
  const keys: string[] = [];
  for (const op of ops as BulkOp[]) {
    const kind = Object.keys(op)[0]!;
    if (kind === 'insertOne' || kind === 'deleteOne' || kind === 'deleteMany') continue;
    const k = idKeys(op[kind]?.filter);
    if (!k) return null;
    keys.push(...k);
  }
  return keys;
}

const FILTERED = ['updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace'] as const;

/** A signed 64-bit advisory-lock key for a string (PostgreSQL's bigint). */
export function lockKey(s: string): string {
  return createHash('sha1').update(s).digest().readBigInt64BE(0).toString();
}

let locks: pg.Pool | null = null;

/**
 * Runs `fn` holding PostgreSQL advisory locks: `keys` of documents of `ns` (with `ns` shared), or
 * `ns` exclusively when `keys` is null. Without a PostgreSQL URL it only runs `fn`.
 */
async function withPgLocks<T>(ns: string, keys: readonly string[] | null, fn: () => Promise<T>): Promise<T> {
  if (!locks) return fn();
  const client = await locks.connect();
  let broken: Error | undefined;
  try {
    if (keys) {
      const docKeys = [...new Set(keys)].map((k) => lockKey(`${ns}:${k}`)).sort();
      // The collection first, then the documents in sorted order (an Append runs its parts in order),
      // so two holders never wait for each other.
      await client.query(
        'SELECT count(*) FROM (SELECT pg_advisory_lock_shared($1::bigint) UNION ALL SELECT pg_advisory_lock(k) FROM unnest($2::bigint[]) AS k) AS taken',
        [lockKey(ns), docKeys],
      );
    } else {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [lockKey(ns)]);
    }
    return await fn();
  } finally {
    try {
      await client.query('SELECT pg_advisory_unlock_all()');
    } catch (err) {
      broken = err as Error; // the connection is dropped below, and its locks with it
    }
    client.release(broken);
  }
}

let installed = false;

/** Runs one update of collection `ns` behind the gate: per document for `keys`, the whole collection for null. */
function throughGate<T>(ns: string, keys: string[] | null, update: () => Promise<T>): Promise<T> {
  const gate = gateOf(ns);
  const call = () => withPgLocks(ns, keys, update);
  if (keys) {
    gateStats.shared++;
    return gate.shared(keys, call);
  }
  gateStats.exclusive++;
  return gate.exclusive(call);
}

/** Counters the tests read: how many writes went through the gate, by kind. */
export const gateStats = { shared: 0, exclusive: 0 };

/**
 * Installs the gate on the driver that mongoose uses (mongoose bundles its own copy of the
 * `mongodb` package; patching another copy would gate nothing). Idempotent. Throws if the driver
 * no longer has the methods it wraps, so an upgrade cannot silently switch it off.
 */
export function installWriteGate(opts: { pgUrl?: string } = {}): void {
  if (opts.pgUrl && !locks) locks = logPoolErrors(new pg.Pool({ connectionString: opts.pgUrl, max: 16, idleTimeoutMillis: 10_000, allowExitOnIdle: true, application_name: 'techbridge-write-gate' }), 'write gate');
  if (installed) return;
  const req = createRequire(createRequire(import.meta.url).resolve('mongoose'));
  const { Collection } = req('mongodb') as { Collection: { prototype: Record<string, AnyFn> } };
  const proto = Collection.prototype;
  for (const name of [...FILTERED, 'bulkWrite']) {
    if (typeof proto[name] !== 'function') throw new Error(`write gate: the mongodb driver has no Collection.${name}; check the driver version`);
  }
  for (const name of FILTERED) {
    const original = proto[name]!;
    proto[name] = function gated(this: { namespace: string }, filter: unknown, ...rest: unknown[]) {
      return throughGate(this.namespace, idKeys(filter), () => original.call(this, filter, ...rest));
    };
  }
  const bulk = proto.bulkWrite!;
  proto.bulkWrite = function gatedBulk(this: { namespace: string }, ops: unknown, ...rest: unknown[]) {
    const keys = bulkKeys(ops);
    // Only inserts and deletes: nothing to gate.
    if (keys && keys.length === 0) return bulk.call(this, ops, ...rest);
    return throughGate(this.namespace, keys, () => bulk.call(this, ops, ...rest));
  };
  installed = true;
}

/** True once the gate is installed in this process. */
export const writeGateInstalled = () => installed;

/** Closes the advisory-lock connections (shutdown, tests). */
export async function closeWriteGate(): Promise<void> {
  const p = locks;
  locks = null;
  await p?.end();
}
