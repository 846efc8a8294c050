/**
 * The outbox indexer: drains listings whose `indexDirty` flag is set into the search engine.
 *
 * Each pass reads a batch of dirty documents, upserts the searchable ones and deletes the rest from
 * the index (drafts, withdrawn, closed, transacted never stay searchable), persists the embedded
 * index, and only then clears each flag with an update guarded by the version it sent — a write
 * that landed meanwhile keeps its flag and is picked up by the next pass. When the engine fails,
 * the flags stay set and the pass is retried with exponential backoff; writes never wait for it.
 *
 * Demands first: each pass drains the dirty demands before any achievement, and drains the
 * achievements in small slices (`supplyBatchSize`), reading the dirty demands again before each
 * slice — so a demand published while a large supply-side backlog drains (a bulk import, a
 * reindex, many edits) waits for at most the one slice in flight, whichever process wrote it.
 * With the match queue it shares a `DemandFirst` (jobs/demand-first.ts): no slice starts while a
 * demand is being pushed or waits in the queue to be matched.
 *
 * Several API processes: the outbox has one owner, the holder of the `search-outbox` lease
 * (`jobs/lease.ts`). Only the owner drains the flags, writes the shared engine (Meilisearch), calls
 * `onIndexed` (the matcher) and appends to the index feed; it checks its tenure before each of
 * those effects and abandons the pass when the lease is gone (what it did not confirm stays dirty).
 * With the embedded engine the other processes follow: they re-read from the database what the feed
 * says the owner sent, into their own in-process index, and never match (`feed.ts`).
 */
import { Types, type Model } from 'mongoose';
import { ACHIEVEMENTS_INDEX, DEMANDS_INDEX, type BaseDoc, type SearchEngine } from '@techbridge/search';
import type { Logger } from '../logger';
import { trusted } from '../db';
import { countWhere, findPage, populateRefs, updateByIds } from '../store/store';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Org } from '../orgs/org.model';
import { SEARCHABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.policy';
import { SEARCHABLE_DEMAND_STATUSES } from '../demands/demands.policy';
import type { AchievementLike } from '../achievements/achievements.presenter';
import type { DemandLike } from '../demands/demands.presenter';
import { listingsIndexed, listingsSeenDirty, markPendingComplete, onListingWritten, type ListingKind } from './outbox';
import { achievementSearchable, demandSearchable, toAchievementDoc, toDemandDoc } from './documents';
import { appendFeed, lastFeedSeq, pruneFeed, readFeed } from './feed';
import { findByIds } from '../store/store';
import { LeaseLost, type Lease } from '../jobs/lease';
import { DemandFirst } from '../jobs/demand-first';

interface Row {
  _id: unknown;
  status: string;
  version?: number | null;
}

/** One listing collection and how it maps onto its index. */
interface Source {
  collection: string;
  kind: ListingKind;
  index: string;
  // Mongoose's model generics differ per schema; the indexer only uses the untyped surface.
  model: Model<never>;
  searchableStatuses: readonly string[];
  searchable: (status: string) => boolean;
  build: (row: Row) => BaseDoc;
}

const ACHIEVEMENTS: Source = {
  collection: 'achievements',
  kind: 'achievement',
  index: ACHIEVEMENTS_INDEX,
  model: Achievement as unknown as Model<never>,
  searchableStatuses: SEARCHABLE_ACHIEVEMENT_STATUSES,
  searchable: achievementSearchable,
  build: (r) => toAchievementDoc(r as unknown as AchievementLike),
};

const DEMANDS: Source = {
  collection: 'demands',
  kind: 'demand',
  index: DEMANDS_INDEX,
  model: Demand as unknown as Model<never>,
  searchableStatuses: SEARCHABLE_DEMAND_STATUSES,
  searchable: demandSearchable,
  build: (r) => toDemandDoc(r as unknown as DemandLike) as BaseDoc,
};

export const SOURCES: readonly Source[] = [ACHIEVEMENTS, DEMANDS];

// The confidential fields never reach the indexer's rows (projected away at the read).
const PROJECTION = '-details -ndaTerms -revealedTo';
const PROJECTION_FIELDS = { details: 0, ndaTerms: 0, revealedTo: 0 } as const;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

export interface IndexerOptions {
  engine: SearchEngine;
  logger: Logger;
  /** Documents per engine call (default 200). */
  batchSize?: number;
  /**
   * Achievements per slice (default 25): a demand published meanwhile waits for one slice at most
   * (on FerretDB a slice's cost is mostly its flag updates, one per listing).
   */
  supplyBatchSize?: number;
  /** Shared with the match queue: demand-side work goes first (default: this indexer's own). */
  demandFirst?: DemandFirst;
  /** Safety-net pass interval (default 5000 ms); writes kick a pass right away. */
  intervalMs?: number;
  /** Delay that coalesces a burst of writes into one pass (default 25 ms). */
  kickDelayMs?: number;
  /** First retry delay after an engine failure, doubled per failure up to maxMs (default 250 / 30000 ms). */
  backoff?: { baseMs?: number; maxMs?: number };
  /**
   * Called after listings reached the engine (the matcher runs here, so it sees the new text).
   * Errors are logged, never retried as index failures.
   */
  onIndexed?: (collection: 'achievements' | 'demands', ids: string[]) => Promise<void>;
  /**
   * Called with every listing sent (upserted or deleted) before its dirty flag is cleared, so a
   * crash in between sends it — and calls this — again (the outgoing webhooks record their
   * deliveries here, idempotently). Errors are logged; the flags are cleared regardless.
   */
  onSent?: (collection: 'achievements' | 'demands', ids: string[]) => Promise<void>;
  /**
   * The `search-outbox` lease when several processes share the store: only its holder drains the
   * outbox. Without one this process is the owner (one process, tests, CLIs).
   */
  lease?: Lease;
  /** How often a process that does not own the outbox reads the index feed (embedded engine; default 1000 ms). */
  followMs?: number;
  /** How often an idle follower checks whether it fell behind the feed's retention (default 10000 ms). */
  feedGapCheckMs?: number;
}

export interface SearchStatus {
  kind: string;
  backlog: number;
  reachable: boolean;
  lastError: string | null;
  retryInMs: number | null;
  /** Whether this process drains the outbox (false while another process holds its lease). */
  owner: boolean;
}

export interface DrainResult {
  upserted: number;
  deleted: number;
}

const flushable = (e: SearchEngine): e is SearchEngine & { flush(): Promise<void> } =>
  typeof (e as { flush?: unknown }).flush === 'function';

/** Batches per source and pass (the supply side: its equivalent in slices). */
const MAX_ROUNDS = 50;

export class Indexer {
  private readonly batchSize: number;
  private readonly supplyBatchSize: number;
  private readonly demandFirst: DemandFirst;
  private readonly intervalMs: number;
  private readonly kickDelayMs: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private started = false;
  /** Set by `stop()`: a running pass ends after its slice in flight. */
  private stopping = false;
  private draining: Promise<void> | null = null;
  private again = false;
  private kickTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryAt: number | null = null;
  private interval: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private failures = 0;
  private lastError: string | null = null;
  /** The last index-feed entry applied to this process's engine (embedded engine under a lease). */
  private feedSeq: number | null = null;
  private lastDrainAt = 0;
  private lastPruneAt = 0;
  private lastGapCheckAt = 0;
  private wantDrain = true;
  private unlease: (() => void) | undefined;

  constructor(private readonly options: IndexerOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.supplyBatchSize = Math.min(this.batchSize, options.supplyBatchSize ?? 25);
    this.demandFirst = options.demandFirst ?? new DemandFirst();
    this.intervalMs = options.intervalMs ?? 5000;
    this.kickDelayMs = options.kickDelayMs ?? 25;
    this.baseMs = options.backoff?.baseMs ?? 250;
    this.maxMs = options.backoff?.maxMs ?? 30_000;
  }

  get engine(): SearchEngine {
    return this.options.engine;
  }

  /** Subscribes to listing writes and starts the interval; the first pass runs at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.unsubscribe = onListingWritten(() => this.kick());
    // A process that gains the lease drains at once.
    this.unlease = this.options.lease?.onChange((held) => held && this.kick());
    const every = this.following ? Math.min(this.intervalMs, this.options.followMs ?? 1000) : this.intervalMs;
    // A following process reads the feed every tick and drains (if it owns the outbox) every intervalMs.
    this.interval = setInterval(() => this.kick(!this.following || Date.now() - this.lastDrainAt >= this.intervalMs - every), every);
    this.interval.unref();
    this.kick();
  }

  /** True when other processes' writes reach this process's engine through the index feed. */
  private get following(): boolean {
    return !!this.options.lease && this.options.engine.kind === 'embedded';
  }

  /** True while this process owns the outbox. */
  get owner(): boolean {
    return this.options.lease ? this.options.lease.held() : true;
  }

  /** Stops scheduling and waits for a running pass to finish. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    this.unsubscribe?.();
    this.unlease?.();
    clearInterval(this.interval);
    clearTimeout(this.kickTimer);
    clearTimeout(this.retryTimer);
    this.kickTimer = this.retryTimer = undefined;
    this.retryAt = null;
    await this.draining;
  }

  /**
   * Asks for a pass soon (`drain` false: only the index feed, for a following process). While
   * backing off after a failure, the scheduled retry stands.
   */
  kick(drain = true): void {
    if (drain) this.wantDrain = true;
    if (!this.started || this.retryTimer) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      this.run();
    }, this.kickDelayMs);
    this.kickTimer.unref();
  }

  private run(): void {
    if (this.draining || !this.started) return;
    const drain = this.wantDrain;
    this.wantDrain = false;
    this.draining = this.pass(drain)
      .then(
        () => {
          if (this.failures) this.options.logger.info({ after: this.failures }, 'search indexer recovered');
          this.failures = 0;
          this.lastError = null;
        },
        (err: unknown) => {
          if (err instanceof LeaseLost) {
            this.options.logger.info('search indexer: the outbox lease moved to another process; pass abandoned');
            return;
          }
          this.failures += 1;
          this.lastError = err instanceof Error ? err.message : String(err);
          const delay = Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
          this.options.logger.warn({ err, failures: this.failures, retryInMs: delay }, 'search indexer pass failed; retrying');
          if (!this.started) return;
          this.retryAt = Date.now() + delay;
          this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.retryAt = null;
            this.run();
          }, delay);
          this.retryTimer.unref();
        },
      )
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.kick(false); // `wantDrain` says whether a drain was asked for meanwhile
        }
      });
  }

  /** A scheduled pass: the index feed when following, then the outbox when this process owns it. */
  private async pass(drain: boolean): Promise<void> {
    if (this.following) await this.follow();
    if (drain || this.failures) {
      this.lastDrainAt = Date.now();
      await this.drain();
    }
  }

  /**
   * One full pass: every dirty listing is sent to the engine and its flag cleared. Throws when the
   * engine (or the database) fails; what was not confirmed stays dirty. Under a lease it does
   * nothing unless this process holds it, and throws `LeaseLost` when the lease goes mid-pass.
   */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { upserted: 0, deleted: 0 };
    const { lease } = this.options;
    const tenure = lease ? lease.tenure() : 0;
    if (tenure === null) return total;
    const add = (r: DrainResult) => {
      total.upserted += r.upserted;
      total.deleted += r.deleted;
    };
    // The demand side first, then the supply side in slices, the demands written meanwhile (by
    // this process or another) read again before each slice. Bounded so a listing edited
    // continuously cannot keep one pass busy forever.
    let demandsRead = await this.drainDemands(tenure, add);
    let supplyRead = false;
    const slices = Math.ceil((MAX_ROUNDS * this.batchSize) / this.supplyBatchSize);
    for (let slice = 0; slice < slices && !supplyRead && !this.stopping; slice++) {
      if (slice > 0) demandsRead = (await this.drainDemands(tenure, add)) || demandsRead;
      // A demand being pushed, or queued for the matcher, goes before this slice.
      await this.demandFirst.clear();
      const batch = await this.readDirty(ACHIEVEMENTS, this.supplyBatchSize);
      supplyRead = batch.length < this.supplyBatchSize;
      if (batch.length) add(await this.push(ACHIEVEMENTS, batch, tenure));
    }
    // Every listing dirty before this pass has now been read (and is pending until confirmed).
    if (demandsRead && supplyRead) markPendingComplete();
    if (this.following && Date.now() - this.lastPruneAt > 60_000 && this.feedSeq) {
      this.lastPruneAt = Date.now();
      await pruneFeed(this.feedSeq).catch((err: unknown) => this.options.logger.warn({ err }, 'search index feed: pruning failed'));
    }
    return total;
  }

  /** Pushes the dirty demands (up to MAX_ROUNDS batches), holding `demandFirst`; true when all were read. */
  private async drainDemands(tenure: number, add: (r: DrainResult) => void): Promise<boolean> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const batch = await this.readDirty(DEMANDS, this.batchSize);
      if (batch.length) add(await this.demandFirst.run(() => this.push(DEMANDS, batch, tenure)));
      if (batch.length < this.batchSize) return true;
    }
    return false;
  }

  /**
   * Up to `limit` dirty listings of `source`, oldest first, with their organisation's kind. A sorted
   * page: read by PostgreSQL on FerretDB's PostgreSQL backend (FerretDB would load every dirty
   * document to sort them), as a plain query elsewhere.
   */
  private async readDirty(source: Source, limit: number): Promise<Row[]> {
    const rows = (await populateRefs(
      await findPage(source.model, { indexDirty: true }, { sort: { _id: 1 }, limit, projection: PROJECTION_FIELDS }),
      'org',
      Org as never,
      'kind',
    )) as unknown as Row[];
    if (rows.length) listingsSeenDirty(source.kind, rows.map((r) => String(r._id)));
    return rows;
  }

  /** Throws `LeaseLost` unless this process still owns the outbox since `tenure` (no lease: always). */
  private fence(tenure: number): void {
    this.options.lease?.assertHolds(tenure);
  }

  /** Sends `rows` to the engine and clears their flags. */
  private async push(source: Source, rows: Row[], tenure: number): Promise<DrainResult> {
    const upserts: BaseDoc[] = [];
    const deletes: string[] = [];
    for (const row of rows) {
      if (source.searchable(row.status)) upserts.push(source.build(row));
      else deletes.push(String(row._id));
    }
    const { engine } = this.options;
    this.fence(tenure);
    if (upserts.length) await engine.upsert(source.index, upserts);
    if (deletes.length) await engine.delete(source.index, deletes);
    this.options.logger.debug({ index: source.index, upserted: upserts.map((d) => d.id), deleted: deletes }, 'search outbox: sent');
    // The embedded engine persists asynchronously: make the snapshot durable before the flags say so.
    if (flushable(engine)) await engine.flush();
    if (this.following) {
      // Before the flags: a crash in between leaves the listings dirty (sent again, recorded again),
      // never clean but unknown to the other processes.
      this.fence(tenure);
      const seq = await appendFeed(source.kind, rows.map((r) => String(r._id)), this.feedSeq ?? 0);
      // This process's engine already has what it appended.
      if (this.feedSeq === seq - 1) this.feedSeq = seq;
    }
    if (this.options.onSent) {
      this.fence(tenure);
      await this.options.onSent(source.collection as 'achievements' | 'demands', rows.map((r) => String(r._id))).catch((err: unknown) =>
        this.options.logger.error({ err, collection: source.collection }, 'before-clear hook failed'),
      );
    }
    this.fence(tenure);
    // Cleared per version present in the batch, guarded by that version: a document whose version
    // moved on does not match and stays dirty.
    const byVersion = new Map<number, unknown[]>();
    for (const row of rows) {
      const v = row.version ?? 1;
      byVersion.set(v, [...(byVersion.get(v) ?? []), row._id]);
    }
    for (const [version, ids] of byVersion) {
      const matched = await updateByIds(source.model as never, ids, { version }, { $set: { indexDirty: false, indexedVersion: version } }, { timestamps: false });
      // Which one moved on is not said; all of them stay pending until a pass confirms them all.
      if (matched === ids.length) listingsIndexed(source.kind, ids.map(String));
    }
    // The matcher (and anything else that needs the listing searchable) runs after the engine has it.
    if (upserts.length && this.options.onIndexed) {
      this.fence(tenure);
      const ids = upserts.map((d) => d.id);
      await this.options.onIndexed(source.collection as 'achievements' | 'demands', ids).catch((err: unknown) =>
        this.options.logger.error({ err, collection: source.collection }, 'after-index hook failed'),
      );
    }
    return { upserted: upserts.length, deleted: deletes.length };
  }

  /**
   * Brings this process's embedded engine up to the index feed: the listings the outbox's owner
   * sent are re-read from the database (their current state) and upserted or deleted here. A gap
   * (this process fell behind the feed's retention) rebuilds the index.
   */
  private async follow(): Promise<void> {
    this.feedSeq ??= await lastFeedSeq();
    for (;;) {
      const entries = await readFeed(this.feedSeq);
      if (!entries.length) {
        await this.checkFeedGap();
        return;
      }
      for (const source of SOURCES) {
        const ids = [...new Set(entries.filter((e) => e.kind === source.kind).flatMap((e) => e.ids))];
        if (ids.length) await this.refresh(source, ids);
      }
      if (flushable(this.options.engine)) await this.options.engine.flush();
      this.feedSeq = entries.at(-1)!._id;
      if (entries.length < 200) return;
    }
  }

  /**
   * Now and then, when the next entry is missing: if newer ones exist, the next was pruned before
   * this process read it (it was stalled for longer than the feed keeps entries), so the index is
   * rebuilt from the database.
   */
  private async checkFeedGap(): Promise<void> {
    if (Date.now() - this.lastGapCheckAt < (this.options.feedGapCheckMs ?? 10_000) || this.feedSeq === null) return;
    this.lastGapCheckAt = Date.now();
    const newest = await lastFeedSeq();
    if (newest <= this.feedSeq || (await readFeed(this.feedSeq, 1)).length) return;
    this.options.logger.warn({ from: this.feedSeq, to: newest }, "search index feed: entries missed; rebuilding this process's index");
    await this.rebuild();
    this.feedSeq = newest;
  }

  /** Re-reads listings from the database into this process's engine (no flag is touched). */
  private async refresh(source: Source, ids: string[]): Promise<void> {
    const rows = (await populateRefs(
      await findByIds(
        source.model,
        ids.map((id) => (OBJECT_ID.test(id) ? new Types.ObjectId(id) : id)),
        { projection: PROJECTION_FIELDS },
      ),
      'org',
      Org as never,
      'kind',
    )) as unknown as Row[];
    const found = new Set(rows.map((r) => String(r._id)));
    const upserts = rows.filter((r) => source.searchable(r.status)).map(source.build);
    const deletes = [...ids.filter((id) => !found.has(id)), ...rows.filter((r) => !source.searchable(r.status)).map((r) => String(r._id))];
    if (upserts.length) await this.options.engine.upsert(source.index, upserts);
    if (deletes.length) await this.options.engine.delete(source.index, deletes);
    // This process's engine now has them as the database does (and the set of listings written
    // here does not grow without end in a process that never drains).
    listingsIndexed(source.kind, ids);
  }

  /**
   * Rebuilds both indexes from the database: clears them and upserts every searchable listing.
   * Flags are left as they are: the next `drain()` re-sends what is dirty (a listing written during
   * the rebuild included), which `npm run reindex` runs right after and a started indexer soon.
   */
  async rebuild(): Promise<{ achievements: number; demands: number }> {
    const { engine } = this.options;
    const counts: Record<string, number> = {};
    for (const source of SOURCES) {
      await engine.clear(source.index);
      // One pass over the collection (a cursor): FerretDB pushes neither `$in` nor `$gt` down, so
      // paging by `_id` would read the whole collection once per page.
      let n = 0;
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        const rows = (await populateRefs(batch, 'org', Org as never, 'kind')) as unknown as Row[];
        batch = [];
        await engine.upsert(source.index, rows.map(source.build));
        n += rows.length;
      };
      const cursor = source.model.find({ status: trusted({ $in: source.searchableStatuses }) }).select(PROJECTION).lean().cursor({ batchSize: 500 });
      for await (const row of cursor) {
        batch.push(row as Record<string, unknown>);
        if (batch.length === 500) await flush();
      }
      if (batch.length) await flush();
      counts[source.collection] = n;
    }
    if (flushable(engine)) await engine.flush();
    return { achievements: counts.achievements ?? 0, demands: counts.demands ?? 0 };
  }

  /**
   * At boot: the embedded engine rebuilds from the database when its snapshot is missing or does
   * not hold what the database says is searchable (for example a fresh data/search or a replaced
   * database). Meilisearch keeps its own data. Either way `start()` then drains the outbox in the
   * background, so the API listens without waiting for it.
   */
  async prepare(): Promise<'rebuilt' | 'kept'> {
    const { engine, logger } = this.options;
    if (engine.kind !== 'embedded') return 'kept';
    // Feed entries from here on are applied after this check (or rebuild), none missed.
    if (this.following) this.feedSeq = await lastFeedSeq();
    const [stats, expected] = await Promise.all([engine.stats(), this.searchableCounts()]);
    const stale = SOURCES.some((s) => (stats.indexes[s.index]?.documents ?? 0) !== (expected[s.index] ?? 0));
    if (!stale) return 'kept';
    const t0 = Date.now();
    const counts = await this.rebuild();
    logger.info({ ...counts, ms: Date.now() - t0 }, 'embedded search index rebuilt from the database');
    return 'rebuilt';
  }

  /** Listings written but not yet confirmed by the engine. */
  async backlog(): Promise<number> {
    const counts = await Promise.all(SOURCES.map((s) => countWhere(s.model as never, { indexDirty: true })));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Listings in a searchable status, per index (to compare with what the engine holds). */
  async searchableCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const s of SOURCES) out[s.index] = await countWhere(s.model as never, { status: trusted({ $in: s.searchableStatuses }) });
    return out;
  }

  /** What `/api/health` reports about search. */
  async status(): Promise<SearchStatus> {
    let reachable = this.failures === 0;
    if (reachable) {
      try {
        await this.options.engine.stats();
      } catch {
        reachable = false;
      }
    }
    const status: SearchStatus = {
      kind: this.options.engine.kind,
      backlog: await this.backlog(),
      reachable,
      lastError: this.lastError,
      retryInMs: this.retryAt ? Math.max(0, this.retryAt - Date.now()) : null,
      owner: this.owner,
    };
    return status;
  }

  /** Resolves once no pass is running or scheduled and the backlog is empty (tests, CLIs). */
  async idle(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.draining && !this.kickTimer && !this.retryTimer && (await this.backlog()) === 0 && !this.draining) return;
      if (Date.now() > until) throw new Error(`search indexer not idle after ${timeoutMs} ms (last error: ${this.lastError ?? 'none'})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
