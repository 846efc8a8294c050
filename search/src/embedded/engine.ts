/**
 * The in-process engine used when no Meilisearch is configured. With `dataDir`, each index is
 * persisted incrementally (see persistence.ts): every change is appended to `<index>.log` and
 * `flush()` makes the appended lines durable (one write + fdatasync per index with changes), so a
 * flush costs what changed, not the index size. The full snapshot `<index>.json` is rewritten only
 * when the log outgrows a threshold — by a worker thread folding the log into the snapshot on disk,
 * off the event loop — and on `close()`. Without `dataDir` the api rebuilds from the database.
 */
import { Worker } from 'node:worker_threads';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import type { BaseDoc, EngineStats, IndexDefinition, SearchEngine, SearchQuery, SearchResult } from '../engine';
import { validateQuery } from '../engine';
import { EmbeddedIndex, fingerprintOf, type EmbeddedTuning, type IndexSnapshot } from './embedded-index';
import {
  compactFiles,
  cutLog,
  logPath,
  parseLog,
  plainDefinition,
  replay,
  snapshotPath,
  syncDir,
  unlinkIfExists,
  writeDurably,
  type CompactResult,
  type CompactTask,
  type FileHandle,
} from './persistence';

export interface EmbeddedEngineOptions {
  /** Directory for index snapshots and change logs; omit to keep indexes in memory only. */
  dataDir?: string;
  /** Delay between the last write and an automatic flush of the change log (default 2000 ms). */
  persistDelayMs?: number;
  /** Log size that triggers a compaction into a new snapshot (default 64 MiB). */
  compactLogBytes?: number;
  /** Log lines (engine calls) that trigger a compaction (default 20,000). */
  compactLogOps?: number;
  /** Compact in a worker thread (default true); false compacts in-process (blocks the event loop). */
  compactInWorker?: boolean;
  /** Performance knobs (tests use them to force each query path). */
  tuning?: EmbeddedTuning;
  /** Where snapshot problems are reported (a pino logger fits); defaults to console.warn. */
  logger?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
}

/** Persistence state of one index. */
interface IndexFiles {
  /** Sequence number of the last change applied in memory. */
  seq: number;
  /** Log lines not yet appended (each ends with a newline). */
  pending: string[];
  /** Bytes and lines in the log file (all durable). */
  logBytes: number;
  logOps: number;
  fh?: FileHandle;
  /** The in-memory index differs from the snapshot's definition (rewrite it at close). */
  stale: boolean;
  compacting: Promise<void> | null;
}

export interface PersistStats {
  /** Bytes appended to change logs by flushes since the engine started. */
  logBytesWritten: number;
  flushes: number;
  compactions: number;
  snapshotBytesWritten: number;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = 'embedded' as const;
  private readonly indexes = new Map<string, EmbeddedIndex>();
  private readonly files = new Map<string, IndexFiles>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closing = false;
  /** Serialises every change to the files: appends, log rotation, snapshot renames never interleave. */
  private queue: Promise<void> = Promise.resolve();
  readonly persistStats: PersistStats = { logBytesWritten: 0, flushes: 0, compactions: 0, snapshotBytesWritten: 0 };

  constructor(private readonly options: EmbeddedEngineOptions = {}) {}

  private get(name: string): EmbeddedIndex {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`search index "${name}" does not exist; call ensureIndex first`);
    return index;
  }

  async ensureIndex(def: IndexDefinition): Promise<void> {
    if (!SAFE_NAME.test(def.name)) throw new Error(`invalid index name "${def.name}"`);
    const filterable = new Map(def.filterable.map((f) => [f.field, f]));
    for (const s of def.sortable) {
      if (filterable.get(s)?.type !== 'number') throw new Error(`sortable field "${s}" must be a filterable number`);
    }
    for (const f of def.facets) if (!filterable.has(f)) throw new Error(`facet "${f}" must be filterable`);
    const existing = this.indexes.get(def.name);
    if (existing) {
      if (existing.def === def) return;
      // Settings changed: re-index the stored documents under the new definition.
      const snap = existing.snapshot();
      const next = new EmbeddedIndex(def, this.options.tuning);
      next.restore(snap);
      this.indexes.set(def.name, next);
      const files = this.files.get(def.name);
      if (files) files.stale = true;
      return;
    }
    const index = new EmbeddedIndex(def, this.options.tuning);
    const files = await this.load(def.name, index);
    this.indexes.set(def.name, index);
    if (files) this.files.set(def.name, files);
  }

  async upsert<T extends BaseDoc>(index: string, docs: readonly T[]): Promise<void> {
    const idx = this.get(index);
    const stored: Record<string, unknown>[] = [];
    try {
      idx.upsert(docs as unknown as Record<string, unknown>[], stored);
    } finally {
      // What was applied is logged even when a later document threw (replay throws at the same one).
      if (docs.length) this.record(index, (s) => ({ s, u: stored }));
    }
  }

  async delete(index: string, ids: readonly string[]): Promise<void> {
    this.get(index).delete(ids);
    if (ids.length) this.record(index, (s) => ({ s, d: ids }));
  }

  async search<T = Record<string, unknown>>(index: string, query: SearchQuery): Promise<SearchResult<T>> {
    const idx = this.get(index);
    validateQuery(idx.def, query);
    return idx.search(query) as unknown as SearchResult<T>;
  }

  /** Synchronous search, for benchmarks and callers already on the hot path. */
  searchSync<T = Record<string, unknown>>(index: string, query: SearchQuery): SearchResult<T> {
    const idx = this.get(index);
    validateQuery(idx.def, query);
    return idx.search(query) as unknown as SearchResult<T>;
  }

  async clear(index: string): Promise<void> {
    this.get(index).clear();
    this.record(index, (s) => ({ s, c: 1 }));
  }

  async stats(): Promise<EngineStats> {
    const indexes: EngineStats['indexes'] = {};
    for (const [name, idx] of this.indexes) indexes[name] = { documents: idx.size };
    return { kind: this.kind, indexes };
  }

  /**
   * Flushes the change logs, then writes a full snapshot of every index that changed since its
   * last one (in-process: this blocks the event loop for the snapshot's serialisation, seconds at
   * 100k documents — acceptable at shutdown) and removes its log.
   */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.closing = true; // no new compaction: close writes the snapshot itself
    for (const f of this.files.values()) await f.compacting?.catch(() => undefined);
    await this.flush();
    await this.locked(async () => {
      for (const [name, f] of this.files) {
        if (f.logOps === 0 && !f.stale) {
          await this.closeLog(f);
          continue;
        }
        const index = this.get(name);
        // State and seq are taken in the same tick: the snapshot holds exactly the changes ≤ seq.
        const json = JSON.stringify({ ...index.snapshot(), seq: f.seq });
        await writeDurably(snapshotPath(this.dir, name), json);
        this.persistStats.snapshotBytesWritten += Buffer.byteLength(json);
        // The snapshot is durable (file and directory synced): only now may the log go.
        await this.closeLog(f);
        await unlinkIfExists(logPath(this.dir, name));
        await syncDir(this.dir);
        f.logBytes = f.logOps = 0;
        f.stale = false;
      }
    });
  }

  /**
   * Makes every change made before this call durable: appends each index's pending log lines
   * (one write and one fdatasync per index). Concurrent calls are serialised, never interleaved.
   */
  async flush(): Promise<void> {
    if (!this.options.dataDir) return;
    await this.locked(async () => {
      for (const [name, f] of this.files) {
        if (!f.pending.length) continue;
        const lines = f.pending;
        f.pending = [];
        const buf = Buffer.from(lines.join(''), 'utf8');
        try {
          if (!f.fh) {
            f.fh = await open(logPath(this.dir, name), 'a');
            if (f.logBytes === 0) await syncDir(this.dir); // a new log file: make its name durable
          }
          await f.fh.write(buf);
          await f.fh.datasync();
        } catch (err) {
          // Cut a partial append so the next one does not land behind a torn line; retry later.
          await f.fh?.truncate(f.logBytes).catch(() => undefined);
          f.pending = [...lines, ...f.pending];
          throw err;
        }
        f.logBytes += buf.length;
        f.logOps += lines.length;
        this.persistStats.logBytesWritten += buf.length;
        this.persistStats.flushes += 1;
        if (!this.closing && f.logBytes >= (this.options.compactLogBytes ?? 64 * 2 ** 20) || f.logOps >= (this.options.compactLogOps ?? 20_000)) {
          void this.compact(name).catch((err: unknown) => this.warn({ err, index: name }, 'search log compaction failed'));
        }
      }
    });
  }

  /**
   * Folds the log of `name` into a new snapshot, in a worker thread reading the files (the event
   * loop only does the final renames). Resolves when done; one compaction per index at a time.
   */
  compact(name: string): Promise<void> {
    const f = this.files.get(name);
    if (!f) return Promise.resolve();
    f.compacting ??= this.runCompaction(name, f).finally(() => {
      f.compacting = null;
    });
    return f.compacting;
  }

  private async runCompaction(name: string, f: IndexFiles): Promise<void> {
    const started = performance.now();
    // Lines appended before this point are folded in; later ones form the new log.
    const logEnd = await this.locked(async () => f.logBytes);
    const task: CompactTask = {
      dir: this.dir,
      name,
      def: plainDefinition(this.get(name).def),
      logEnd,
      out: `${snapshotPath(this.dir, name)}.${process.pid}.compact.tmp`,
    };
    const result = this.options.compactInWorker === false ? await compactFiles(task) : await this.inWorker(task);
    if (result.gap) this.warn({ index: name, seq: result.seq }, 'search log compaction found a sequence gap');
    await this.locked(async () => {
      // 1. The new snapshot becomes durable (its file was fsynced by the compactor).
      await rename(task.out, snapshotPath(this.dir, name));
      await syncDir(this.dir);
      // 2. Only then is the log cut to what was appended after `logEnd` (all with seq > result.seq).
      await this.closeLog(f);
      const path = logPath(this.dir, name);
      const tail = Buffer.alloc(f.logBytes - logEnd);
      if (tail.length) {
        const fh = await open(path, 'r');
        try {
          await fh.read(tail, 0, tail.length, logEnd);
        } finally {
          await fh.close();
        }
      }
      await writeDurably(path, tail);
      f.logBytes = tail.length;
      f.logOps = tail.length ? tail.toString('utf8').split('\n').length - 1 : 0;
    });
    this.persistStats.compactions += 1;
    this.persistStats.snapshotBytesWritten += result.bytes;
    this.info({ index: name, documents: result.documents, seq: result.seq, snapshotBytes: result.bytes, foldedLogBytes: logEnd, ms: Math.round(performance.now() - started) }, 'search log compacted into a new snapshot');
  }

  private inWorker(task: CompactTask): Promise<CompactResult> {
    return new Promise<CompactResult>((resolve, reject) => {
      const worker = new Worker(new URL('./compact.worker.mjs', import.meta.url), { workerData: task });
      worker.unref();
      let settled = false;
      worker.once('message', (m: { ok: boolean; result?: CompactResult; error?: string }) => {
        settled = true;
        if (m.ok) resolve(m.result as CompactResult);
        else reject(new Error(`search compaction worker: ${m.error}`));
        void worker.terminate();
      });
      worker.once('error', (err) => {
        if (!settled) reject(err);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`search compaction worker exited with ${code}`));
      });
    });
  }

  /** Runs `task` after every earlier file operation; a failure does not block later ones. */
  private locked<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task, task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async closeLog(f: IndexFiles): Promise<void> {
    const fh = f.fh;
    f.fh = undefined;
    await fh?.close();
  }

  private get dir(): string {
    return this.options.dataDir as string;
  }

  private warn(obj: object, msg: string): void {
    if (this.options.logger) this.options.logger.warn(obj, msg);
    else console.warn(`[search] ${msg}`, obj);
  }

  private info(obj: object, msg: string): void {
    if (this.options.logger) (this.options.logger.info ?? this.options.logger.warn).call(this.options.logger, obj, msg);
  }

  /** Queues a log line for the change just applied in memory (same tick: seq order = apply order). */
  private record(name: string, line: (seq: number) => object): void {
    const f = this.files.get(name);
    if (!f) return;
    f.seq += 1;
    f.pending.push(`${JSON.stringify(line(f.seq))}\n`);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: unknown) => this.warn({ err }, 'search log flush failed'));
    }, this.options.persistDelayMs ?? 2000);
    this.timer.unref();
  }

  /** Loads the snapshot, replays the log onto it, and returns the index's persistence state. */
  private async load(name: string, index: EmbeddedIndex): Promise<IndexFiles | undefined> {
    if (!this.options.dataDir) return undefined;
    await mkdir(this.dir, { recursive: true });
    const files: IndexFiles = { seq: 0, pending: [], logBytes: 0, logOps: 0, stale: false, compacting: null };
    const path = snapshotPath(this.dir, name);
    try {
      const snap = JSON.parse(await readFile(path, 'utf8')) as IndexSnapshot;
      index.restore(snap);
      files.seq = snap.seq ?? 0;
      files.stale = snap.format !== undefined && snap.fingerprint !== fingerprintOf(index.def);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        // A corrupt snapshot is not fatal: the api's reindex rebuilds from the database.
        this.warn({ err, path }, 'ignoring unreadable search snapshot');
        index.clear();
        // Its log cannot be replayed without it: both are set aside (kept for inspection) and the
        // index starts empty at seq 0, so a rebuild's log replays on its own after a restart.
        const stamp = Date.now();
        for (const p of [path, logPath(this.dir, name)]) await rename(p, `${p}.unreadable-${stamp}`).catch(() => undefined);
        await syncDir(this.dir);
        return files;
      }
    }
    let buf: Buffer;
    try {
      buf = await readFile(logPath(this.dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return files;
      throw err;
    }
    const parsed = parseLog(buf);
    const snapSeq = files.seq;
    const r = replay(index, parsed.ops, snapSeq);
    if (r.gap) this.warn({ index: name, snapshotSeq: snapSeq, firstLogSeq: parsed.ops[0]?.s }, 'search change log does not continue the snapshot; replay stopped');
    if (parsed.tornBytes) {
      this.warn({ index: name, tornBytes: parsed.tornBytes, keptLines: parsed.ops.length }, 'ignoring a torn tail of the search change log');
      await cutLog(logPath(this.dir, name), parsed.validBytes);
    }
    files.seq = Math.max(r.seq, parsed.ops.at(-1)?.s ?? 0);
    files.logBytes = parsed.validBytes;
    files.logOps = parsed.ops.length;
    // Lines the snapshot already holds (a crash after a compaction's rename, before its log cut):
    // finish the cut now, or the next append would break the log's sequence.
    const covered = parsed.ops.findIndex((op) => op.s > snapSeq);
    const drop = covered < 0 ? parsed.ops.length : covered;
    if (drop > 0) {
      const from = parsed.ends[drop - 1] as number;
      const tail = buf.subarray(from, parsed.validBytes);
      await writeDurably(logPath(this.dir, name), tail);
      files.logBytes = tail.length;
      files.logOps = parsed.ops.length - drop;
    }
    return files;
  }
}
