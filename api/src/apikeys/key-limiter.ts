import { createClient } from 'redis';
import type { Logger } from '../logger';

/** One request's take from its key's bucket: allowed, or how long until a token is back. */
export type Taken = { ok: true } | { ok: false; retryMs: number };

/** The per-key rate limit of API-key requests. */
export interface KeyLimiter {
  take(key: string): Promise<Taken>;
  close(): Promise<void>;
}

/** A token bucket per key: `perMinute` tokens, refilled continuously; one request takes one. */
export class KeyBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perMinute: number) {}

  /** Takes a token for `key`; when there is none, the milliseconds until one is back. */
  take(key: string, now = Date.now()): Taken {
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return { ok: false, retryMs: Math.ceil((1 - b.tokens) / rate) };
    b.tokens -= 1;
    return { ok: true };
  }
}

/** The buckets of this process alone (one API process, or no Redis). */
export function localKeyLimiter(perMinute: number): KeyLimiter {
  const buckets = new KeyBuckets(perMinute);
  return { take: async (key) => buckets.take(key), close: async () => {} };
}

/**
 * The same token bucket, kept in Redis and updated by one script, so every API process linked by
 * the Redis (`REDIS_URL`) spends a key's one bucket. Redis's clock is the only clock. The bucket
 * expires two minutes after its last use (it is full again by then).
 */
const TAKE = `
local cap = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = cap / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
local retry = 0
if tokens >= 1 then tokens = tokens - 1 else retry = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return retry`;

/**
 * A limiter shared through Redis. When Redis cannot answer, the request is limited by this
 * process's own buckets instead (logged), so an outage of Redis does not lock partners out.
 */
export async function redisKeyLimiter(opts: { url: string; perMinute: number; logger: Logger }): Promise<KeyLimiter> {
  // Without the offline queue a command fails at once while Redis is away (and the fallback answers).
  const client = createClient({ url: opts.url, disableOfflineQueue: true });
  client.on('error', (err) => opts.logger.error({ err }, 'redis (api key limiter) error'));
  await client.connect();
  const fallback = new KeyBuckets(opts.perMinute);
  return {
    take: async (key) => {
      try {
        const retry = Number(await client.eval(TAKE, { keys: [`tb:apikey:${key}`], arguments: [String(opts.perMinute)] }));
        return retry > 0 ? { ok: false, retryMs: retry } : { ok: true };
      } catch (err) {
        opts.logger.warn({ err }, 'api key limiter: Redis did not answer, this process limits alone');
        return fallback.take(key);
      }
    },
    close: async () => {
      await client.close();
    },
  };
}
