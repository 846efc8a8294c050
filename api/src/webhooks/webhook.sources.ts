// Where deliveries come from: the stored events the effects registry runs (`match.created`, a
// deal's opening and status changes) through a recorder the registry awaits before the event's
// owed record is cleared; and the listings the search outbox sends (publish / update / withdraw),
// through the indexer's `onSent` hook, called before their dirty flags are cleared. Either way a
// crash in between runs the source again, and the delivery's id (subscription + event id) keeps
// it one row.

import { Types } from 'mongoose';
import type { Effects } from '../events/effects';
import type { MatchCreated } from '../matching/pipeline/announce';
import type { DealEventInput } from '../deals/deal.effects';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { SEARCHABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { findByIds } from '../store/store';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook.model';
import type { WebhooksService } from './webhooks.service';

/** What the hook reads of a listing the outbox sent. */
export interface SentListing {
  _id: Types.ObjectId;
  org: Types.ObjectId;
  status: string;
  version?: number;
  title?: { zh?: string; en?: string };
  field?: string;
  region?: string;
  keywords?: string[];
  summary?: { zh?: string; en?: string };
  description?: { zh?: string; en?: string };
  trl?: number;
  minTrl?: number;
  modes?: ({ mode?: string } | string)[];
  anonymous?: boolean;
  publishedAt?: Date | null;
  updatedAt?: Date;
}

export type ListingKind = 'achievement' | 'demand';

/** Statuses in which a listing is on the market (partners hold it). */
const LIVE: Record<ListingKind, readonly string[]> = { achievement: SEARCHABLE_ACHIEVEMENT_STATUSES, demand: ['open', 'in-negotiation'] };

/** A write within this long after `publishedAt` is the publication itself. */
const PUBLISH_WRITE_MS = 2000;

/**
 * What a sent listing's current state announces: published (on the market, written with its
 * publication), updated (on the market, a later write), withdrawn (off the market after being on
 * it — withdrawn, closed, transacted); a draft announces nothing.
 */
export function listingChange(kind: ListingKind, l: Pick<SentListing, 'status' | 'publishedAt' | 'updatedAt'>): 'published' | 'updated' | 'withdrawn' | null {
  if (LIVE[kind].includes(l.status)) {
    const published = l.publishedAt ? new Date(l.publishedAt).getTime() : null;
    const updated = l.updatedAt ? new Date(l.updatedAt).getTime() : 0;
    return published !== null && updated - published <= PUBLISH_WRITE_MS ? 'published' : 'updated';
  }
  if (l.status === 'draft' || !l.publishedAt) return null;
  return 'withdrawn';
}

const LISTING_FIELDS = { org: 1, status: 1, version: 1, title: 1, field: 1, region: 1, anonymous: 1, publishedAt: 1, updatedAt: 1, keywords: 1, summary: 1, description: 1, trl: 1, minTrl: 1, modes: 1, ipType: 1, budgetMin: 1, budgetMax: 1 } as const;

/** Reads the listings the outbox sent (one read shared by webhooks and alerts). */
export async function readSentListings(collection: 'achievements' | 'demands', ids: readonly string[]): Promise<{ kind: ListingKind; rows: SentListing[] }> {
  const kind: ListingKind = collection === 'achievements' ? 'achievement' : 'demand';
  const model = kind === 'achievement' ? Achievement : Demand;
  const rows = await findByIds<SentListing>(model as never, ids.map((id) => new Types.ObjectId(id)), { projection: LISTING_FIELDS });
  return { kind, rows };
}

/** Records the listing events of sent listings for their subscribers (every subscriber: partners mirror the market). */
export async function recordListingChanges(webhooks: WebhooksService, kind: ListingKind, rows: readonly SentListing[]): Promise<void> {
  for (const l of rows) {
    const change = listingChange(kind, l);
    if (!change) continue;
    const event = `${kind}.${change}` as WebhookEvent;
    const id = String(l._id);
    // An anonymous demand's organisation is never told to partners.
    const org = kind === 'demand' && l.anonymous ? null : String(l.org);
    await webhooks.record(event, `${event}:${id}:v${l.version ?? 1}`, 'all', {
      kind,
      id,
      status: l.status,
      version: l.version ?? 1,
      org,
      title: { zh: l.title?.zh ?? '', en: l.title?.en ?? '' },
      field: l.field ?? null,
      region: l.region ?? null,
      updatedAt: l.updatedAt ?? null,
      link: `/${kind}s/${id}`,
    });
  }
}

const LISTING_EVENTS: readonly WebhookEvent[] = WEBHOOK_EVENTS.filter((e) => e.startsWith('achievement.') || e.startsWith('demand.'));

/** Whether any subscriber takes listing events (the hook reads nothing otherwise). */
export const listingEventsWanted = (webhooks: WebhooksService) => webhooks.wanted(LISTING_EVENTS);

/** Registers the recorder of `match.created` and deal events on the registry. */
export function registerWebhookRecorder(effects: Effects, webhooks: WebhooksService): void {
  effects.record(async (action, input) => {
    if (action === 'match.created') {
      if (!(await webhooks.wanted(['match.created']))) return;
      const { event, match, demand } = input as MatchCreated;
      await webhooks.record('match.created', event.id, [String(demand.org), match.supplierOrgId], {
        matchId: match.id,
        demandId: String(match.demandId),
        achievementId: String(match.achievementId),
        score: match.score,
        link: `/matches/${match.id}`,
      }, event.at);
      return;
    }
    if (action === 'deal.opened' || action === 'deal.transitioned') {
      if (!(await webhooks.wanted(['deal.status']))) return;
      const { event, deal } = input as DealEventInput;
      const orgs = [deal.supplierOrg, deal.buyerOrg, deal.brokerOrg].filter(Boolean).map(String);
      await webhooks.record('deal.status', event.id, orgs, {
        dealId: String(deal._id),
        achievementId: String(deal.achievement),
        demandId: deal.demand ? String(deal.demand) : null,
        mode: deal.mode,
        from: action === 'deal.opened' ? null : (event.from ?? null),
        status: action === 'deal.opened' ? 'open' : (event.to ?? deal.status),
        link: `/deals/${String(deal._id)}`,
      }, event.at);
    }
  });
}
