import type { SearchEngine } from '@techbridge/search';
import type { Logger } from '../logger';
import { matchAchievement, matchDemand } from './matching.service';

/**
 * Runs the matcher for listings the indexer just pushed, one at a time in the background, so
 * publishing or editing a listing (re)matches it without slowing the write or the indexer.
 */
export class MatchQueue {
  private readonly pending = new Map<string, 'achievements' | 'demands'>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
  ) {}

  /** The indexer's `onIndexed` hook: enqueue and return at once. */
  readonly hook = async (collection: 'achievements' | 'demands', ids: string[]): Promise<void> => {
    if (this.stopped) return;
    for (const id of ids) this.pending.set(id, collection);
    this.running ??= this.work().finally(() => {
      this.running = null;
    });
  };

  private async work(): Promise<void> {
    while (this.pending.size && !this.stopped) {
      const [id, collection] = this.pending.entries().next().value as [string, 'achievements' | 'demands'];
      this.pending.delete(id);
      try {
        if (collection === 'demands') await matchDemand(this.engine, id);
        else await matchAchievement(this.engine, id);
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
    this.pending.clear();
    await this.idle();
  }
}
