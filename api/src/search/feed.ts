/**
 * The index feed: what the outbox's owner sent to its engine, for the other API processes'
 * embedded engines.
 *
 * With Meilisearch every process searches the one shared index, which only the owner of the
 * `search-outbox` lease writes. The embedded engine lives inside each process, so each process must
 * be fed — but the `indexDirty` flag is one bit per listing and the owner clears it. So after each
 * batch the owner appends one entry naming the listings it sent (numbered by a unique insert, so
 * two owners in a handover cannot share a number), and every other process re-reads those listings
 * from the database into its own index. Entries older than `FEED_KEEP_MS` are pruned (never the
 * newest, so numbering continues); a process that finds it fell behind that rebuilds its index from
 * the database.
 */
import { Schema, model } from 'mongoose';
import { trusted } from '../db';
import type { ListingKind } from './outbox';

const feedSchema = new Schema(
  {
    _id: { type: Number, required: true },
    kind: { type: String, enum: ['achievement', 'demand'], required: true },
    ids: { type: [String], default: [] },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const IndexFeed = model('IndexFeed', feedSchema, 'searchfeed');

export interface FeedEntry {
  _id: number;
  kind: ListingKind;
  ids: string[];
  at: Date;
}

/** How long entries are kept: a process that falls further behind rebuilds. */
export const FEED_KEEP_MS = 10 * 60 * 1000;

const isDuplicate = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

/** The newest entry's number (0 when the feed is empty). */
export async function lastFeedSeq(): Promise<number> {
  const [last] = await IndexFeed.find({}, { _id: 1 }).sort({ _id: -1 }).limit(1).lean<{ _id: number }[]>();
  return last?._id ?? 0;
}

/** Appends an entry after `after` (the caller's guess of the newest); resolves to its number. */
export async function appendFeed(kind: ListingKind, ids: readonly string[], after: number): Promise<number> {
  let seq = after + 1;
  for (let attempt = 0; ; attempt++) {
    try {
      await IndexFeed.collection.insertOne({ _id: seq, kind, ids: [...ids], at: new Date() } as never);
      return seq;
    } catch (err) {
      if (!isDuplicate(err) || attempt >= 5) throw err;
      seq = (await lastFeedSeq()) + 1;
    }
  }
}

/**
 * Entries after `after`, oldest first, up to the first missing number: point reads by `_id`, the
 * one read FerretDB serves from an index (a range would load the whole feed on every poll).
 */
export async function readFeed(after: number, limit = 200): Promise<FeedEntry[]> {
  const out: FeedEntry[] = [];
  for (;;) {
    if (out.length >= limit) return out;
    const entry = await IndexFeed.findById(after + out.length + 1).lean<FeedEntry>();
    if (!entry) return out;
    out.push(entry);
  }
}

/** Deletes entries older than `keepMs`, never the newest. */
export async function pruneFeed(newest: number, keepMs = FEED_KEEP_MS): Promise<void> {
  await IndexFeed.deleteMany({ _id: trusted({ $lt: newest }), at: trusted({ $lt: new Date(Date.now() - keepMs) }) });
}
