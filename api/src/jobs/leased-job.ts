import type { Logger } from '../logger';
import type { Lease } from './lease';

export interface LeasedJobOptions {
  /** For the logs. */
  name: string;
  logger: Logger;
  /** Runs only in this lease's holder; without one, in this process. */
  lease?: Lease;
  /** How often the holder runs it. */
  everyMs: number;
  /** The work; its errors are logged and it runs again on the next period. */
  run: () => Promise<unknown>;
}

/**
 * A periodic job of the lease's holder: run when this process gains the lease and every `everyMs`
 * while it holds it (without a lease: at start and every period). One run at a time.
 */
export class LeasedJob {
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlease: (() => void) | undefined;
  private running: Promise<void> | null = null;
  private started = false;

  constructor(private readonly options: LeasedJobOptions) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unlease = this.options.lease?.onChange((held) => {
      if (held) void this.kick();
    });
    this.timer = setInterval(() => void this.kick(), this.options.everyMs);
    this.timer.unref();
    void this.kick();
  }

  /** Runs the job now unless it is running, stopped, or another process holds the lease. */
  kick(): Promise<void> {
    const { lease, logger, name, run } = this.options;
    if (!this.started || (lease && !lease.held())) return this.running ?? Promise.resolve();
    this.running ??= run()
      .then(() => undefined)
      .catch((err: unknown) => logger.error({ err, job: name }, 'background job failed; it runs again next period'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    this.unlease?.();
    await this.running;
  }
}
