/**
 * Demand-side work first, within the background workers of one process (the `search-outbox`
 * lease's holder): the outbox indexer and the match queue share one `DemandFirst`. A demand holds
 * it from the moment the indexer reads it dirty until the match queue has matched it; supply-side
 * work (an achievement slice in the indexer, an achievement's matching in the queue) waits for it
 * to be free before starting. Work already running is never interrupted, so a new demand waits for
 * at most one in-flight supply-side step in each worker — and then runs without supply-side work
 * competing with it for the store and the event loop.
 *
 * A stream of demands delays supply-side work for as long as it lasts (that is the order asked for:
 * a demand's matches in seconds, an achievement's in minutes when the platform is busy).
 */
export class DemandFirst {
  private holds = 0;
  private waiters: (() => void)[] = [];

  /** True while demand-side work is held. */
  get busy(): boolean {
    return this.holds > 0;
  }

  /** Holds it for one piece of demand-side work; call the returned function (once) when it is done. */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    };
  }

  /** Runs demand-side work holding it. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = this.hold();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Resolves once no demand-side work is held (at once when none is): supply-side work waits here. */
  async clear(): Promise<void> {
    while (this.holds > 0) await new Promise<void>((r) => this.waiters.push(r));
  }
}
