// Sends the recorded deliveries (`webhook_deliveries`): in the background owner (the
// `search-outbox` lease's holder), at once when deliveries are recorded and every second for the
// retries that fall due. Each attempt is claimed by a unique insert (`webhook_claims`,
// `<delivery>#<n>`), so even two processes that both think they own the work make attempt n once.
// A failed attempt (an error, a timeout, a non-2xx answer) is retried with exponential backoff and
// jitter while the next attempt still falls within the retry window (24 h from recording or from a
// redelivery request); after that the delivery is `failed` — the web app can redeliver it.

import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger';
import type { Lease } from '../jobs/lease';
import { PROCESS_HOLDER } from '../jobs/lease';
import { trusted } from '../db';
import { findPage } from '../store/store';
import { WebhookClaim, WebhookDelivery, type WebhookDeliveryRecord } from './webhook.model';
import type { WebhooksService } from './webhooks.service';
import { signatureHeader } from './webhook.signature';
import { guardedLookup, urlProblem } from './webhook.ssrf';

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The first bytes of an answer kept in the log. */
const KEEP_BODY = 500;
/** Finished deliveries are kept in the log this long. */
export const LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

export interface DispatcherOptions {
  webhooks: WebhooksService;
  logger: Logger;
  /** Only this lease's holder sends; without one, this process. */
  lease?: Lease;
  /** The clock for retries and the window (tests inject one). */
  now?: () => number;
  /** Jitter source in [0, 1) (tests). */
  random?: () => number;
  /** How often due retries are looked for (default 1000 ms). */
  everyMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** The retry window (default 24 h). */
  windowMs?: number;
  /** Backoff: `baseMs · 2^(n-1)` capped at `maxMs`, then between half and all of it (default 30 s, 1 h). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Deliveries sent at once (default 8). */
  concurrency?: number;
  holder?: string;
}

type Row = WebhookDeliveryRecord & { _id: string };

/** The delay before attempt n+1 after attempt n failed: exponential, capped, with jitter. */
export function backoffDelay(n: number, opts: { baseMs: number; maxMs: number }, random: () => number): number {
  const full = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, n - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

export interface SendResult {
  statusCode: number | null;
  responseBody: string;
  error: string | null;
  durationMs: number;
}

/** One POST of a signed body; never throws (a failure is in the result). */
export function send(url: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  const problem = urlProblem(url, opts.allowPrivate);
  if (problem) return Promise.resolve(done({ statusCode: null, responseBody: '', error: `refused: url ${problem}` }));
  return new Promise((resolve) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'TechBridge-Webhooks/1', ...headers },
        lookup: guardedLookup(opts.allowPrivate) as never,
        timeout: opts.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < KEEP_BODY) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve(done({ statusCode: res.statusCode ?? null, responseBody: Buffer.concat(chunks).toString('utf8').slice(0, KEEP_BODY), error: null })));
        res.on('error', (err) => resolve(done({ statusCode: res.statusCode ?? null, responseBody: '', error: err.message })));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err) => resolve(done({ statusCode: null, responseBody: '', error: err.message.slice(0, 300) })));
    req.end(body);
  });
}

export class WebhookDispatcher {
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => void)[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly holder: string;
  private prunedAt = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.holder = options.holder ?? PROCESS_HOLDER;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unlisten.push(this.options.webhooks.onRecorded(() => this.kick()));
    const off = this.options.lease?.onChange((held) => {
      if (held) this.kick();
    });
    if (off) this.unlisten.push(off);
    this.timer = setInterval(() => this.kick(), this.options.everyMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    for (const off of this.unlisten) off();
    this.unlisten = [];
    await this.running;
  }

  /** Starts a pass now (another one follows if one is running). */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (this.options.lease && !this.options.lease.held()) return;
        try {
          while ((await this.runOnce()) > 0 && this.started) {
            /* until nothing is due */
          }
        } catch (err) {
          this.options.logger.error({ err }, 'webhook dispatcher pass failed; it runs again');
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once the current pass (if any) ended (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One pass: the due deliveries (up to 50), attempted with limited concurrency; how many were attempted. */
  async runOnce(): Promise<number> {
    const tenure = this.options.lease?.tenure() ?? null;
    if (this.options.lease && tenure === null) return 0;
    if (this.now() - this.prunedAt >= PRUNE_EVERY_MS) await this.prune();
    const due = await findPage<Row>(
      WebhookDelivery as never,
      { status: 'pending', nextAttemptAt: trusted({ $lte: new Date(this.now()) }) },
      { sort: { nextAttemptAt: 1, _id: 1 }, limit: 50 },
    );
    let attempted = 0;
    const queue = [...due];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        if (this.options.lease && !this.options.lease.holds(tenure)) return;
        if (await this.attempt(row)) attempted++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 8, queue.length) }, worker));
    return attempted;
  }

  /**
   * Deletes the claims of attempts long past (a claim only matters while its attempt could be
   * raced: two retry windows is ample) and finished deliveries older than `LOG_RETENTION_MS`.
   */
  async prune(): Promise<void> {
    const now = this.now();
    this.prunedAt = now;
    const window = this.options.windowMs ?? RETRY_WINDOW_MS;
    await WebhookClaim.deleteMany({ at: trusted({ $lt: new Date(now - 2 * window) }) });
    await WebhookDelivery.deleteMany({ status: trusted({ $in: ['delivered', 'failed'] }), createdAt: trusted({ $lt: new Date(now - LOG_RETENTION_MS) }) });
  }

  /** Claims and makes the next attempt of one delivery; false when another process has it. */
  private async attempt(row: Row): Promise<boolean> {
    const n = (row.attempts?.length ?? 0) + 1;
    try {
      await WebhookClaim.collection.insertOne({ _id: `${row._id}#${n}`, holder: this.holder, at: new Date(this.now()) } as never);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
    const { webhooks, logger } = this.options;
    const endpoint = await webhooks.endpoint(row.subscription);
    const at = new Date(this.now());
    let result: SendResult;
    if (!endpoint) result = { statusCode: null, responseBody: '', error: 'the webhook was paused or deleted', durationMs: 0 };
    else {
      const t = Math.floor(this.now() / 1000);
      result = await send(
        endpoint.url,
        row.body,
        {
          'x-techbridge-signature': signatureHeader(endpoint.secret, row.body, t),
          'x-techbridge-event': row.event,
          'x-techbridge-delivery': row._id,
        },
        { timeoutMs: this.options.timeoutMs ?? 10_000, allowPrivate: webhooks.allowPrivate },
      );
    }
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const attemptDoc = { n, at, ...result, redelivery: !!row.redeliver };
    let $set: Record<string, unknown>;
    if (ok) $set = { status: 'delivered', nextAttemptAt: null, redeliver: false };
    else {
      const next = this.now() + backoffDelay(n, { baseMs: this.options.backoff?.baseMs ?? 30_000, maxMs: this.options.backoff?.maxMs ?? 3_600_000 }, this.random);
      const windowEnd = new Date(row.windowStart).getTime() + (this.options.windowMs ?? RETRY_WINDOW_MS);
      $set = !endpoint || next > windowEnd ? { status: 'failed', nextAttemptAt: null, redeliver: false } : { status: 'pending', nextAttemptAt: new Date(next), redeliver: false };
    }
    await WebhookDelivery.updateOne({ _id: row._id }, { $push: { attempts: attemptDoc }, $set });
    if (!ok) logger.info({ delivery: row._id, n, statusCode: result.statusCode, error: result.error, status: $set.status }, 'webhook attempt failed');
    return true;
  }
}
