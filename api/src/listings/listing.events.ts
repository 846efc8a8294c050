// Listings' status changes as stored events. The owner's status write (publish/withdraw/close) is
// one single-document write; when the change is one others hear about — an achievement withdrawn,
// a demand withdrawn or closed — that same write records the event (`pendingEvent`, flagged by
// `eventPending`). The service then runs the event's effects through the registry
// (`listing.effects.ts`: notifications after the answer, keyed by the event id) and they clear the
// record once they ran; `recover` (the background workers' holder) re-runs what a crash left.

import { randomUUID } from 'node:crypto';
import { Types, type Model } from 'mongoose';
import type { Effects, StoredEvent } from '../events/effects';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { registerListingEffects, type ListingAction, type ListingRef } from './listing.effects';

export type ListingKind = 'achievement' | 'demand';

/** The recorded event of a status change to `to`, if others hear of it. */
const ACTIONS: Record<ListingKind, Partial<Record<string, ListingAction>>> = {
  achievement: { withdrawn: 'achievement.withdrawn' },
  demand: { withdrawn: 'demand.withdrawn', closed: 'demand.closed' },
};

interface RecordedEvent {
  id: string;
  action: string;
  actor?: Types.ObjectId | null;
  at: Date;
}

/** What the runner reads of a listing: its identity, title and recorded event. */
export interface ListingWithEvent {
  _id: Types.ObjectId;
  org: Types.ObjectId | { _id: Types.ObjectId };
  title?: { zh?: string | null; en?: string | null } | null;
  pendingEvent?: RecordedEvent | null;
  eventPending?: boolean | null;
}

const models: Record<ListingKind, Model<never>> = { achievement: Achievement as never, demand: Demand as never };
const orgId = (org: ListingWithEvent['org']) => String((org as { _id?: unknown })._id ?? org);

/**
 * The `$set` fields that record a status change's event in the status write itself (none when
 * nobody else hears of the change).
 */
export function statusEvent(kind: ListingKind, listingId: Types.ObjectId, to: string, actor: string | null): Record<string, unknown> {
  const action = ACTIONS[kind][to];
  if (!action) return {};
  const pendingEvent: RecordedEvent = { id: `${action}:${String(listingId)}:${randomUUID()}`, action, actor: actor ? new Types.ObjectId(actor) : null, at: new Date() };
  return { pendingEvent, eventPending: true };
}

/** Runs listings' recorded events through the effects registry (built once by the composition root). */
export class ListingEvents {
  constructor(private readonly deps: { effects: Effects }) {
    registerListingEffects(deps.effects);
  }

  /**
   * Runs the listing's recorded event, if any (resolves once planned; notifications follow the
   * answer), and clears the record once they ran — guarded by the event's id, so a newer event
   * recorded meanwhile stays.
   */
  async flush(kind: ListingKind, listing: ListingWithEvent): Promise<void> {
    // Whatever changed (a publication has no event of its own), the observers hear of the listing.
    this.deps.effects.tell('listing.written', { kind, id: String(listing._id) });
    const e = listing.pendingEvent;
    if (!listing.eventPending || !e) return;
    const event: StoredEvent = { id: e.id, action: e.action, actor: e.actor ? String(e.actor) : null, at: e.at };
    const ref: ListingRef = { id: String(listing._id), org: orgId(listing.org), title: { zh: listing.title?.zh ?? '', en: listing.title?.en ?? '' } };
    const settled = () => models[kind].updateOne({ _id: listing._id, 'pendingEvent.id': e.id } as never, { $unset: { pendingEvent: 1, eventPending: 1 } } as never, { timestamps: false });
    await this.deps.effects.run(e.action as ListingAction, { event, listing: ref }, { settled });
  }

  /** Re-runs the events a crash left recorded, at least `minAgeMs` old; the number of listings. */
  async recover(opts: { minAgeMs?: number; limit?: number } = {}): Promise<number> {
    const cutoff = Date.now() - (opts.minAgeMs ?? 0);
    let n = 0;
    for (const kind of ['achievement', 'demand'] as const) {
      const rows = (await models[kind]
        .find({ eventPending: true } as never, { org: 1, title: 1, pendingEvent: 1, eventPending: 1 })
        .limit(opts.limit ?? 200)
        .lean()) as unknown as ListingWithEvent[];
      for (const row of rows.filter((r) => (r.pendingEvent?.at?.getTime() ?? 0) <= cutoff)) {
        await this.flush(kind, row);
        n++;
      }
    }
    return n;
  }
}
