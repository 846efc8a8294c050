/**
 * Per-key queue inside this process — a throughput aid, not what makes writes safe.
 *
 * The message store appends to one deal through it, so this process's own messages to one room
 * take consecutive seqs without racing each other for the same seq and retrying. Correctness does
 * not rest on it: a message's `(deal, seq)` is decided by a unique index (other processes may race
 * and retry), and updates are made safe by the store's write gate (`store/write-gate.ts`) on
 * FerretDB and by MongoDB's per-document atomicity.
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
