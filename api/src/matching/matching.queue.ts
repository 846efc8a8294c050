import type { Model } from 'mongoose';
import type { Logger } from '../logger';
import type { Lease } from '../jobs/lease';
import { updateByIds } from '../store/store';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { MARK_DIRTY } from '../search/outbox';
import { DemandFirst } from '../jobs/demand-first';

type Collection = 'achievements' | 'demands';
type Run = (collection: Collection, id: string) => Promise<unknown>;

/** Index batches up to this size are somebody's write (publish, edit) and are matched first within their side. */
export const URGENT_BATCH = 5;

/** The lanes in the order they are served: demands before any achievement, writes before bulk loads. */
const LANES = ['demands-urgent', 'demands-bulk', 'achievements-urgent', 'achievements-bulk'] as const;
type Lane = (typeof LANES)[number];

/**
 * Runs the matcher for listings the indexer just pushed, one at a time in the background, so
 * publishing or editing a listing (re)matches it without slowing the write or the indexer.
 *
 * Demands go first: a waiting demand is matched before any waiting achievement, so a new demand
 * waits for at most the one achievement being matched when it arrived, however long the
 * supply-side backlog (a bulk import, a reindex, many suppliers publishing). Within each side,
 * listings from small index batches (a user's publish or edit) go before those from large ones.
 * With the indexer it shares a `DemandFirst` (jobs/demand-first.ts): a queued demand holds it until
 * matched, the indexer starts no supply-side slice meanwhile, and an achievement's matching does
 * not start while the indexer is pushing demands.
 *
 * Under the `search-outbox` lease (several API processes) it matches only while this process holds
 * it — the same process whose indexer calls the hook. When the lease goes, the listings still
 * waiting are marked dirty again, so the next owner indexes and matches them (a listing being
 * matched at that moment finishes here; none is matched by both).
 */
export class MatchQueue {
  private readonly lanes: Record<Lane, Map<string, Collection>> = {
    'demands-urgent': new Map(),
    'demands-bulk': new Map(),
    'achievements-urgent': new Map(),
    'achievements-bulk': new Map(),
  };
  /** The hold each waiting demand has on `demandFirst`, released once it is matched (or handed back). */
  private readonly demandHolds = new Map<string, () => void>();
  private running: Promise<void> | null = null;
  /** Ends an achievement's wait for the indexer's demands once they are queued here. */
  private wake: (() => void) | null = null;
  private stopped = false;
  private readonly lease: Lease | undefined;
  private readonly demandFirst: DemandFirst;

  /** `run` matches one listing: the composed matcher's `matchListing` (workers.ts). */
  constructor(
    private readonly logger: Logger,
    private readonly run: Run,
    options: { lease?: Lease; demandFirst?: DemandFirst } = {},
  ) {
    this.lease = options.lease;
    this.demandFirst = options.demandFirst ?? new DemandFirst();
    this.lease?.onChange((held) => {
      if (!held && !this.running) void this.handBack();
    });
  }

  /** The indexer's `onIndexed` hook: enqueue and return at once. */
  readonly hook = async (collection: Collection, ids: string[]): Promise<void> => {
    if (this.stopped || (this.lease && !this.lease.held())) return;
    const side = collection === 'demands' ? 'demands' : 'achievements';
    const urgent = this.lanes[`${side}-urgent`];
    const bulk = this.lanes[`${side}-bulk`];
    for (const id of ids) {
      if (ids.length <= URGENT_BATCH) {
        bulk.delete(id);
        urgent.set(id, collection);
      } else if (!urgent.has(id)) bulk.set(id, collection);
      if (side === 'demands' && !this.demandHolds.has(id)) this.demandHolds.set(id, this.demandFirst.hold());
    }
    if (collection === 'demands') this.wake?.();
    this.running ??= this.work().finally(() => {
      this.running = null;
    });
  };

  /** Listings waiting (tests, health). */
  get size(): number {
    return LANES.reduce((n, lane) => n + this.lanes[lane].size, 0);
  }

  /** Listings waiting per collection (/api/health). */
  waiting(): { demands: number; achievements: number } {
    const demands = this.lanes['demands-urgent'].size + this.lanes['demands-bulk'].size;
    return { demands, achievements: this.size - demands };
  }

  /** The first listing of the first lane that has one. */
  private next(): { lane: Lane; id: string; collection: Collection } | null {
    for (const lane of LANES) {
      const first = this.lanes[lane].entries().next();
      if (!first.done) return { lane, id: first.value[0], collection: first.value[1] };
    }
    return null;
  }

  private async work(): Promise<void> {
    while (this.size && !this.stopped) {
      if (this.lease && !this.lease.held()) {
        await this.handBack();
        return;
      }
      const job = this.next()!;
      if (job.collection === 'achievements' && this.demandFirst.busy) {
        // The indexer is pushing demands: they come here next, and go before this achievement. The
        // wait ends when they arrive (the hook wakes it: their holds are released only once this
        // queue has matched them, so waiting for the holds alone would never end) or when the
        // indexer's push ends without any.
        await Promise.race([this.demandFirst.clear(), new Promise<void>((r) => (this.wake = r))]);
        this.wake = null;
        continue;
      }
      this.lanes[job.lane].delete(job.id);
      try {
        await this.run(job.collection, job.id);
        this.logger.debug({ collection: job.collection, id: job.id }, 'listing matched');
      } catch (err) {
        this.logger.error({ err, collection: job.collection, id: job.id }, 'matching failed');
      } finally {
        if (job.collection === 'demands' && !this.lanes['demands-urgent'].has(job.id) && !this.lanes['demands-bulk'].has(job.id)) this.releaseDemand(job.id);
      }
    }
  }

  private releaseDemand(id: string): void {
    this.demandHolds.get(id)?.();
    this.demandHolds.delete(id);
  }

  /** Gives the waiting listings back to the outbox (marked dirty) for the lease's next holder. */
  private async handBack(): Promise<void> {
    const waiting = this.drop();
    if (!waiting.length) return;
    const models: Record<Collection, Model<never>> = { achievements: Achievement as never, demands: Demand as never };
    for (const collection of ['achievements', 'demands'] as const) {
      const ids = waiting.filter(([, c]) => c === collection).map(([id]) => id);
      if (!ids.length) continue;
      await updateByIds(models[collection], ids, {}, { $set: MARK_DIRTY }, { timestamps: false }).catch((err: unknown) =>
        this.logger.error({ err, collection, count: ids.length }, 'match queue: could not hand listings back to the outbox'),
      );
    }
    this.logger.info({ listings: waiting.length }, 'match queue: lease lost; waiting listings handed back to the outbox');
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops matching; under a lease the listings still waiting go back to the outbox for the next holder. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.lease) await this.handBack();
    this.drop();
    await this.idle();
  }

  /** Empties the lanes (releasing the waiting demands' holds); returns what was waiting. */
  private drop(): [string, Collection][] {
    const waiting = LANES.flatMap((lane) => [...this.lanes[lane]]);
    for (const lane of LANES) this.lanes[lane].clear();
    for (const release of this.demandHolds.values()) release();
    this.demandHolds.clear();
    return waiting;
  }
}
