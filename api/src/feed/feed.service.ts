import { trusted } from '../db';
import { findAfter, populateRefs } from '../store/store';
import { Achievement } from '../achievements/achievement.model';
import { presentAchievement, type PresentedAchievement } from '../achievements/achievements.presenter';
import { SEARCHABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { Demand } from '../demands/demand.model';
import { SEARCHABLE_DEMAND_STATUSES } from '../demands/demands.state';
import { demandView } from '../demands/demands.service';
import type { PresentedDemand } from '../demands/demands.presenter';
import { Org } from '../orgs/org.model';
import { decodeCursor, encodeCursor, type FeedPosition } from './feed.cursor';
import type { FeedQuery } from './feed.schemas';

/**
 * How long a write may take from its `updatedAt` (set when the write is sent) to its commit. A
 * page never reaches past `now - settle`: a write whose timestamp precedes the page's end is
 * already stored when the page is read, so a cursor never passes a change that lands later — the
 * change lands after the cursor and is served by a later page (a listing changed again after it
 * was served comes again, with its new version).
 */
export const DEFAULT_FEED_SETTLE_MS = 2000;

export type FeedKind = 'achievements' | 'demands';

/** One entry: the listing as anyone may read it, or a tombstone for one no longer on the market. */
export type FeedEntry<T> =
  | { op: 'upsert'; id: string; updatedAt: Date; version: number; item: T }
  | { op: 'delete'; id: string; updatedAt: Date; version: number; status: string };

export interface FeedPage<T> {
  entries: FeedEntry<T>[];
  /** Where the next page starts (the last entry's position, or the request's when it was empty). */
  nextCursor: string;
  /** True when the page is full: more may follow at once. */
  hasMore: boolean;
  /** The page covers changes up to this instant (now − settle); later ones come on later pages. */
  horizon: Date;
}

interface Row {
  _id: unknown;
  status: string;
  version?: number | null;
  updatedAt?: Date;
  [k: string]: unknown;
}

const ORG_FIELDS = 'name kind region verified';
// Only listings that were ever on the market: a draft never published stays unknown to the feed.
const EVER_PUBLISHED = { publishedAt: trusted({ $ne: null }) };

async function page(kind: FeedKind, q: FeedQuery, settleMs: number) {
  const after: FeedPosition = decodeCursor(q.updatedSince);
  const horizon = new Date(Date.now() - settleMs);
  const model = (kind === 'achievements' ? Achievement : Demand) as never;
  const rows = await findAfter<Row>(model, EVER_PUBLISHED, { field: 'updatedAt', after, upTo: horizon, limit: q.limit });
  const last = rows.at(-1);
  const next = last ? { t: new Date(last.updatedAt as Date), id: String(last._id) } : after;
  return { rows, horizon, nextCursor: encodeCursor(next), hasMore: rows.length === q.limit };
}

const base = (r: Row) => ({ id: String(r._id), updatedAt: new Date(r.updatedAt as Date), version: r.version ?? 1 });

/** The achievements changed after the cursor: published ones presented publicly, the rest as tombstones. */
export async function achievementFeed(q: FeedQuery, settleMs = DEFAULT_FEED_SETTLE_MS): Promise<FeedPage<PresentedAchievement>> {
  const { rows, ...rest } = await page('achievements', q, settleMs);
  const live = rows.filter((r) => SEARCHABLE_ACHIEVEMENT_STATUSES.includes(r.status as never));
  const withOrgs = new Map((await populateRefs(live, 'org', Org as never, ORG_FIELDS)).map((r) => [String(r._id), r]));
  const entries = rows.map((r): FeedEntry<PresentedAchievement> => {
    const row = withOrgs.get(String(r._id));
    // The anonymous viewer's presentation: no confidential details, whoever asks.
    if (row) return { op: 'upsert', ...base(r), item: presentAchievement(row as never) };
    return { op: 'delete', ...base(r), status: r.status };
  });
  return { entries, ...rest };
}

/** The demands changed after the cursor: open ones presented publicly (anonymous ones without their org), the rest as tombstones. */
export async function demandFeed(q: FeedQuery, settleMs = DEFAULT_FEED_SETTLE_MS): Promise<FeedPage<PresentedDemand>> {
  const { rows, ...rest } = await page('demands', q, settleMs);
  const live = rows.filter((r) => SEARCHABLE_DEMAND_STATUSES.includes(r.status as never));
  const withOrgs = new Map((await populateRefs(live, 'org', Org as never, ORG_FIELDS)).map((r) => [String(r._id), r]));
  const entries = rows.map((r): FeedEntry<PresentedDemand> => {
    const row = withOrgs.get(String(r._id));
    if (row) return { op: 'upsert', ...base(r), item: demandView(null, row as never) };
    return { op: 'delete', ...base(r), status: r.status };
  });
  return { entries, ...rest };
}
