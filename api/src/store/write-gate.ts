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
 * Scope: the gate is per process. On the embedded store one API process writes (plus the seed and
 * CLI tools, which run before or instead of it); scale-out runs on MongoDB, where the gate is not
 * installed and the same code relies on MongoDB's per-document atomicity.
 */
import { createRequire } from 'node:module';

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

let installed = false;

/** Counters the tests read: how many writes went through the gate, by kind. */
export const gateStats = { shared: 0, exclusive: 0 };

/**
 * Installs the gate on the driver that mongoose uses (mongoose bundles its own copy of the
 * `mongodb` package; patching another copy would gate nothing). Idempotent. Throws if the driver
 * no longer has the methods it wraps, so an upgrade cannot silently switch it off.
 */
export function installWriteGate(): void {
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
      const keys = idKeys(filter);
      const gate = gateOf(this.namespace);
      const call = () => original.call(this, filter, ...rest);
      if (keys) {
        gateStats.shared++;
        return gate.shared(keys, call);
      }
      gateStats.exclusive++;
      return gate.exclusive(call);
    };
  }
  const bulk = proto.bulkWrite!;
  proto.bulkWrite = function gatedBulk(this: { namespace: string }, ops: unknown, ...rest: unknown[]) {
    const keys = bulkKeys(ops);
    const gate = gateOf(this.namespace);
    const call = () => bulk.call(this, ops, ...rest);
    if (keys && keys.length === 0) return call();
    if (keys) {
      gateStats.shared++;
      return gate.shared(keys, call);
    }
    gateStats.exclusive++;
    return gate.exclusive(call);
  };
  installed = true;
}

/** True once the gate is installed in this process. */
export const writeGateInstalled = () => installed;
