import type { Model } from 'mongoose';
import type { Logger } from '../logger';
import type { Lease } from '../jobs/lease';
import { updateByIds } from '../store/store';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { MARK_DIRTY } from '../search/outbox';

type Collection = 'achievements' | 'demands';
type Run = (collection: Collection, id: string) => Promise<unknown>;

/** Index batches up to this size are somebody's write (publish, edit) and are matched first. */
export const URGENT_BATCH = 5;

/**
 * Runs the matcher for listings the indexer just pushed, one at a time in the background, so
 * publishing or editing a listing (re)matches it without slowing the write or the indexer.
 * Listings from small index batches (a user's publish or edit) go before those from large ones (the
 * demo load, a reindex, a bulk import), so a new demand is matched — and its supplier notified —
 * within a second even while the whole catalogue is being matched behind it.
 *
 * Under the `search-outbox` lease (several API processes) it matches only while this process holds
 * it — the same process whose indexer calls the hook. When the lease goes, the listings still
 * waiting are marked dirty again, so the next owner indexes and matches them (a listing being
 * matched at that moment finishes here; none is matched by both).
 */
export class MatchQueue {
  private readonly urgent = new Map<string, Collection>();
  private readonly bulk = new Map<string, Collection>();
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly lease: Lease | undefined;

  /** `run` matches one listing: the composed matcher's `matchListing` (workers.ts). */
  constructor(
    private readonly logger: Logger,
    private readonly run: Run,
    options: { lease?: Lease } = {},
  ) {
    this.lease = options.lease;
    this.lease?.onChange((held) => {
      if (!held && !this.running) void this.handBack();
    });
  }

  /** The indexer's `onIndexed` hook: enqueue and return at once. */
  readonly hook = async (collection: Collection, ids: string[]): Promise<void> => {
    if (this.stopped || (this.lease && !this.lease.held())) return;
    const urgent = ids.length <= URGENT_BATCH;
    for (const id of ids) {
      if (urgent) {
        this.bulk.delete(id);
        this.urgent.set(id, collection);
      } else if (!this.urgent.has(id)) this.bulk.set(id, collection);
    }
    this.running ??= this.work().finally(() => {
      this.running = null;
    });
  };

  /** Listings waiting (tests, health). */
  get size(): number {
    return this.urgent.size + this.bulk.size;
  }

  private async work(): Promise<void> {
    while (this.size && !this.stopped) {
      if (this.lease && !this.lease.held()) {
        await this.handBack();
        return;
      }
      const queue = this.urgent.size ? this.urgent : this.bulk;
      const [id, collection] = queue.entries().next().value as [string, Collection];
      queue.delete(id);
      try {
        await this.run(collection, id);
        this.logger.debug({ collection, id }, 'listing matched');
      } catch (err) {
        this.logger.error({ err, collection, id }, 'matching failed');
      }
    }
  }

  /** Gives the waiting listings back to the outbox (marked dirty) for the lease's next holder. */
  private async handBack(): Promise<void> {
    const waiting = [...this.urgent, ...this.bulk];
    this.urgent.clear();
    this.bulk.clear();
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
    this.urgent.clear();
    this.bulk.clear();
    await this.idle();
  }
}
