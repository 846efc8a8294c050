/**
 * A lease in the database: which process does a piece of background work with shared effects.
 *
 * Why this shape: on FerretDB 1.24 a guarded update is not a compare-and-set across processes
 * without the write gate's advisory locks (16 concurrent `findOneAndUpdate({_id, version})` all
 * "win"), but a unique insert is decided by the backend's unique index on both FerretDB backends
 * and on MongoDB (exactly 1 of 20 concurrent inserts succeeds). So the lease is a sequence of
 * terms, one document per term, `_id = "<name>:<term>"`, and every change of term — a renewal, a
 * takeover, a release — is the insert of the next term: two processes wanting term n+1 cannot both
 * get it, whatever the store.
 *
 * - Claim: read the latest term n; once its `expiresAt` (+ `skewMs` for clocks that disagree) has
 *   passed, insert term n+1 with `expiresAt = now + ttlMs`. The claimer then re-reads the latest
 *   term and holds only if it is its own (a claimer that read n long ago must not revive a term
 *   long pruned).
 * - Renew: every `renewEveryMs` the holder inserts the next term, before its own one expires.
 *   A duplicate key there means somebody else took the term: the lease is lost at once (fencing by
 *   term number). A reply lost on the wire is told apart by re-reading the term's holder.
 * - Local validity: a holder counts its term from when it *sent* the insert, and stops `skewMs`
 *   before the stored expiry would let anyone else claim: `held()` is false from
 *   `sent + ttlMs - skewMs` unless a renewal landed, even when the database cannot be reached.
 * - Release (`stop()`): the holder inserts an already-expired term, so a successor need not wait.
 * - Fencing: `tenure()` names one continuous holding (the term it began with); work captures it
 *   and checks `holds(tenure)` before each effect, so a holder that lost the lease — and even got
 *   it back — abandons work begun under the old tenure.
 *
 * Terms older than `KEEP_TERMS` behind the newest are deleted by the holder, so the collection
 * stays a few documents per lease and "the latest term" is a cheap read on FerretDB too.
 *
 * A periodic job (the session sweep) needs no continuous owner, only one run per period:
 * `claimPeriod` is the same unique insert, one term per period, that expires with its period.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Schema, model } from 'mongoose';
import type { Logger } from '../logger';
import { trusted } from '../db';

const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    term: { type: Number, required: true },
    /** The process holding the term; null for a released term. */
    holder: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);
leaseSchema.index({ name: 1, term: -1 });

/** One document per term of each lease; see the module comment. */
export const LeaseTerm = model('LeaseTerm', leaseSchema, 'leases');

export interface LeaseTermDoc {
  _id: string;
  name: string;
  term: number;
  holder: string | null;
  expiresAt: Date;
}

/** Terms kept behind the newest (the rest are deleted by the holder). */
const KEEP_TERMS = 10;

export interface LeaseOptions {
  /** What the lease guards, e.g. `search-outbox`. */
  name: string;
  logger: Logger;
  /** How long a term lasts (default 15 s). */
  ttlMs?: number;
  /** How often the holder inserts its next term (default ttl / 3). */
  renewEveryMs?: number;
  /** How often a process that does not hold looks again (default ttl / 5, at most 2 s). */
  retryMs?: number;
  /** Clock disagreement allowed between processes (default ttl / 10, at most 1 s). */
  skewMs?: number;
  /** This process's name in the lease (default host:pid:random). */
  holder?: string;
  /** The wall clock (tests give a process a skewed one). */
  now?: () => number;
}

/** Thrown by `assertHolds` when work begun under a tenure must stop. */
export class LeaseLost extends Error {
  constructor(readonly lease: string) {
    super(`lease ${lease} is no longer held by this process`);
    this.name = 'LeaseLost';
  }
}

type Listener = (held: boolean, term: number | null) => void;

const isDuplicate = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

/** This process's name in leases and period claims. */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Claims this period's run of a job that every process schedules every `periodMs`: true for the
 * one process whose insert of (job, period) lands first. Old periods' claims are deleted.
 */
export async function claimPeriod(job: string, periodMs: number, holder = PROCESS_HOLDER, now = Date.now()): Promise<boolean> {
  const period = Math.floor(now / periodMs);
  try {
    await LeaseTerm.collection.insertOne({
      _id: `${job}@${period}`,
      name: `${job}@`,
      term: period,
      holder,
      expiresAt: new Date((period + 1) * periodMs),
      createdAt: new Date(),
    } as never);
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
  await LeaseTerm.deleteMany({ name: `${job}@`, term: trusted({ $lte: period - KEEP_TERMS }) }).catch(() => undefined);
  return true;
}

/** A lease on one name; `start()` keeps claiming it and, once held, renewing it. */
export class Lease {
  readonly name: string;
  readonly holder: string;
  readonly ttlMs: number;
  readonly renewEveryMs: number;
  readonly retryMs: number;
  readonly skewMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  private term: number | null = null;
  private firstTerm: number | null = null;
  /** performance.now() after which this process no longer counts itself the holder. */
  private validUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | null = null;
  private started = false;
  private readonly listeners = new Set<Listener>();
  private lastHeld = false;

  constructor(options: LeaseOptions) {
    this.name = options.name;
    this.logger = options.logger;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.ttlMs / 3);
    this.retryMs = options.retryMs ?? Math.min(2000, Math.floor(this.ttlMs / 5));
    this.skewMs = options.skewMs ?? Math.min(1000, Math.floor(this.ttlMs / 10));
    this.holder = options.holder ?? PROCESS_HOLDER;
    this.now = options.now ?? Date.now;
    if (this.renewEveryMs + this.skewMs >= this.ttlMs) throw new Error('lease: renewEveryMs + skewMs must be below ttlMs');
  }

  /** True while this process holds the lease (checked against the local clock every time). */
  held(): boolean {
    const held = this.term !== null && performance.now() < this.validUntil;
    if (!held && this.lastHeld) {
      this.logger.warn({ lease: this.name, term: this.term }, 'lease expired before a renewal landed; stopping');
      this.changed(false);
    }
    return held;
  }

  /** The current continuous holding's token (its first term), or null when not held. */
  tenure(): number | null {
    return this.held() ? this.firstTerm : null;
  }

  /** True while the holding that began with `tenure` lasts. */
  holds(tenure: number | null): boolean {
    return tenure !== null && this.tenure() === tenure;
  }

  /** Throws `LeaseLost` unless the holding that began with `tenure` lasts. */
  assertHolds(tenure: number | null): void {
    if (!this.holds(tenure)) throw new LeaseLost(this.name);
  }

  /** Calls `fn(held, term)` whenever this process gains or loses the lease; returns the unsubscribe. */
  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts claiming (at once) and renewing in the background. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /**
   * Stops renewing and, when held, releases the lease (an expired term is inserted) so that
   * another process takes over without waiting for the expiry.
   */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    if (this.term === null) return;
    const released = this.term + 1;
    const held = this.held();
    this.drop();
    if (!held) return;
    await LeaseTerm.collection
      .insertOne({ _id: `${this.name}:${released}`, name: this.name, term: released, holder: null, expiresAt: new Date(0), createdAt: new Date() } as never)
      .catch((err: unknown) => {
        if (!isDuplicate(err)) this.logger.warn({ err, lease: this.name }, 'lease: release failed; it expires on its own');
      });
  }

  /** One step: renew when held and due, claim when free. Never throws. */
  tick(): Promise<void> {
    this.ticking ??= this.step()
      .catch((err: unknown) => {
        this.logger.warn({ err, lease: this.name }, 'lease: database step failed');
      })
      .finally(() => {
        this.ticking = null;
        this.held(); // reports a loss by expiry
      });
    return this.ticking;
  }

  /** The newest term of this lease, if any (tests, health). */
  async latest(): Promise<LeaseTermDoc | null> {
    const [doc] = await LeaseTerm.find({ name: this.name }).sort({ term: -1 }).limit(1).lean<LeaseTermDoc[]>();
    return doc ?? null;
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick().then(() => this.schedule(this.held() ? this.renewEveryMs : this.retryMs));
    }, ms);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    if (this.term !== null && this.held()) {
      await this.renew(this.term);
      return;
    }
    if (this.term !== null) this.drop();
    const latest = await this.latest();
    if (latest && latest.expiresAt.getTime() + this.skewMs > this.now()) return; // someone holds it
    const next = (latest?.term ?? 0) + 1;
    const sent = performance.now();
    if (!(await this.insert(next))) return;
    // A claimer whose read was stale could have inserted a term pruned long ago: only the newest counts.
    const newest = await this.latest();
    if (newest?.term !== next) return;
    this.acquire(next, sent, true);
    await this.prune(next);
  }

  private async renew(term: number): Promise<void> {
    const sent = performance.now();
    let inserted: boolean;
    try {
      inserted = await this.insert(term + 1);
    } catch (err) {
      // Still held until the local validity runs out; the next tick tries again.
      this.logger.warn({ err, lease: this.name, term }, 'lease: renewal failed; retrying');
      return;
    }
    if (this.term !== term) return; // stopped meanwhile
    if (!inserted) {
      this.logger.warn({ lease: this.name, term }, 'lease: another process took the next term; stopping');
      this.drop();
      return;
    }
    this.acquire(term + 1, sent, false);
    if ((term + 1) % KEEP_TERMS === 0) await this.prune(term + 1);
  }

  /** Inserts `term` for this process; false when another process has it. */
  private async insert(term: number): Promise<boolean> {
    const _id = `${this.name}:${term}`;
    try {
      await LeaseTerm.collection.insertOne({
        _id,
        name: this.name,
        term,
        holder: this.holder,
        expiresAt: new Date(this.now() + this.ttlMs),
        createdAt: new Date(),
      } as never);
      return true;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // Our own insert whose reply was lost (a retry after a dropped connection) is still ours.
      const doc = await LeaseTerm.findById(_id).lean<LeaseTermDoc>();
      return doc?.holder === this.holder;
    }
  }

  private async prune(term: number): Promise<void> {
    await LeaseTerm.deleteMany({ name: this.name, term: trusted({ $lte: term - KEEP_TERMS }) }).catch((err: unknown) =>
      this.logger.warn({ err, lease: this.name }, 'lease: pruning old terms failed'),
    );
  }

  private acquire(term: number, sent: number, fresh: boolean): void {
    this.term = term;
    if (fresh) this.firstTerm = term;
    this.validUntil = sent + this.ttlMs - this.skewMs;
    if (fresh) this.logger.info({ lease: this.name, term, holder: this.holder }, 'lease acquired');
    // Also after a renewal that landed late (the holder counted itself out meanwhile): nobody else
    // can have held the lease in between, since the next term was this process's own insert.
    if (this.held()) this.changed(true);
  }

  private drop(): void {
    const was = this.term;
    this.term = null;
    this.firstTerm = null;
    this.validUntil = 0;
    if (this.lastHeld) {
      this.logger.info({ lease: this.name, term: was }, 'lease lost');
      this.changed(false);
    }
  }

  private changed(held: boolean): void {
    if (held === this.lastHeld) return;
    this.lastHeld = held;
    for (const fn of this.listeners) {
      try {
        fn(held, this.term);
      } catch (err) {
        this.logger.error({ err, lease: this.name }, 'lease listener failed');
      }
    }
  }
}
