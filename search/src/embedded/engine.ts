/**
 * The in-process engine used when no Meilisearch is configured. Optionally persists each index to
 * `dataDir/<index>.json` (written atomically, debounced after writes and on close) so a restart
 * loads the index instead of rebuilding it; without `dataDir` the api rebuilds from the database.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BaseDoc, EngineStats, IndexDefinition, SearchEngine, SearchQuery, SearchResult } from '../engine';
import { validateQuery } from '../engine';
import { EmbeddedIndex, type EmbeddedTuning, type IndexSnapshot } from './embedded-index';

export interface EmbeddedEngineOptions {
  /** Directory for index snapshots; omit to keep indexes in memory only. */
  dataDir?: string;
  /** Delay between the last write and the snapshot (default 2000 ms). */
  persistDelayMs?: number;
  /** Performance knobs (tests use them to force each query path). */
  tuning?: EmbeddedTuning;
  /** Where snapshot problems are reported (a pino logger fits); defaults to console.warn. */
  logger?: { warn(obj: object, msg: string): void };
}

const SAFE_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = 'embedded' as const;
  private readonly indexes = new Map<string, EmbeddedIndex>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

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
      this.markDirty(def.name);
      return;
    }
    const index = new EmbeddedIndex(def, this.options.tuning);
    const snap = await this.load(def.name);
    if (snap) index.restore(snap);
    this.indexes.set(def.name, index);
  }

  async upsert<T extends BaseDoc>(index: string, docs: readonly T[]): Promise<void> {
    this.get(index).upsert(docs as unknown as Record<string, unknown>[]);
    this.markDirty(index);
  }

  async delete(index: string, ids: readonly string[]): Promise<void> {
    this.get(index).delete(ids);
    this.markDirty(index);
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
    this.markDirty(index);
  }

  async stats(): Promise<EngineStats> {
    const indexes: EngineStats['indexes'] = {};
    for (const [name, idx] of this.indexes) indexes[name] = { documents: idx.size };
    return { kind: this.kind, indexes };
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Writes every changed index to `dataDir` now. */
  async flush(): Promise<void> {
    const names = [...this.dirty];
    this.dirty.clear();
    this.saving = this.saving.then(async () => {
      for (const name of names) await this.save(name);
    });
    await this.saving;
  }

  private warn(obj: object, msg: string): void {
    if (this.options.logger) this.options.logger.warn(obj, msg);
    else console.warn(`[search] ${msg}`, obj);
  }

  private markDirty(name: string): void {
    if (!this.options.dataDir) return;
    this.dirty.add(name);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: unknown) => this.warn({ err }, 'search snapshot failed'));
    }, this.options.persistDelayMs ?? 2000);
    this.timer.unref();
  }

  private path(name: string): string {
    return join(this.options.dataDir as string, `${name}.json`);
  }

  private async save(name: string): Promise<void> {
    const index = this.indexes.get(name);
    if (!index || !this.options.dataDir) return;
    await mkdir(this.options.dataDir, { recursive: true });
    const tmp = `${this.path(name)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(index.snapshot()));
    await rename(tmp, this.path(name));
  }

  private async load(name: string): Promise<IndexSnapshot | undefined> {
    if (!this.options.dataDir) return undefined;
    try {
      return JSON.parse(await readFile(this.path(name), 'utf8')) as IndexSnapshot;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // A corrupt snapshot is not fatal: the api's reindex rebuilds from the database.
      this.warn({ err, path: this.path(name) }, 'ignoring unreadable search snapshot');
      return undefined;
    }
  }
}
