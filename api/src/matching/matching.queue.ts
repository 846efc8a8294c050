import type { SearchEngine } from '@techbridge/search';
import type { Logger } from '../logger';
import { matchAchievement, matchDemand } from './matching.service';

type Collection = 'achievements' | 'demands';
type Run = (collection: Collection, id: string) => Promise<unknown>;

/** Index batches up to this size are somebody's write (publish, edit) and are matched first. */
export const URGENT_BATCH = 5;

const runMatcher =
  (engine: SearchEngine): Run =>
  (collection, id) =>
    collection === 'demands' ? matchDemand(engine, id) : matchAchievement(engine, id);

/**
 * Runs the matcher for listings the indexer just pushed, one at a time in the background, so
 * publishing or editing a listing (re)matches it without slowing the write or the indexer.
 * Listings from small index batches (a user's publish or edit) go before those from large ones (the
 * demo load, a reindex, a bulk import), so a new demand is matched — and its supplier notified —
 * within a second even while the whole catalogue is being matched behind it.
 */
export class MatchQueue {
  private readonly urgent = new Map<string, Collection>();
  private readonly bulk = new Map<string, Collection>();
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly run: Run;

  constructor(
    engine: SearchEngine,
    private readonly logger: Logger,
    run?: Run,
  ) {
    this.run = run ?? runMatcher(engine);
  }

  /** The indexer's `onIndexed` hook: enqueue and return at once. */
  readonly hook = async (collection: Collection, ids: string[]): Promise<void> => {
    if (this.stopped) return;
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
      const queue = this.urgent.size ? this.urgent : this.bulk;
      const [id, collection] = queue.entries().next().value as [string, Collection];
      queue.delete(id);
      try {
        await this.run(collection, id);
      } catch (err) {
        this.logger.error({ err, collection, id }, 'matching failed');
      }
    }
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.urgent.clear();
    this.bulk.clear();
    await this.idle();
  }
}
