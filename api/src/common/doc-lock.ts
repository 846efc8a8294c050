/**
 * Per-document mutual exclusion inside this process.
 *
 * Why: FerretDB 1.24 on SQLite does not run an update in a transaction — it reads the document,
 * applies the update in memory and writes the whole document back (FerretDB issue #3040). Two
 * concurrent guarded updates of one document (`findOneAndUpdate({_id, version}, …)`) can both match,
 * and the second write silently replaces the first one's changes (measured: four concurrent
 * `$inc: {version: 1}` end at +1). MongoDB is atomic per document; on FerretDB, serialising every
 * writer of a document through this lock restores that for the single API process the embedded
 * setup runs. Every code path that updates a listing (services, indexer) takes the lock.
 */

const tails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier holder of `key` has finished; resolves with its result. */
export async function withDocLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** The lock key of one document of a collection. */
export const docKey = (collection: string, id: unknown) => `${collection}:${String(id).toLowerCase()}`;

/**
 * Holds the locks of several documents (taken in sorted order, so two multi-lock holders cannot
 * deadlock) while `fn` runs — for one `updateMany` over documents that others update one by one.
 */
export async function withDocLocks<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const acquire = (i: number): Promise<T> => (i === sorted.length ? fn() : withDocLock(sorted[i]!, () => acquire(i + 1)));
  return acquire(0);
}
