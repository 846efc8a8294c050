// What each listing event causes outside the database: who else hears that an owner took a
// listing off the market. An achievement withdrawn: the organisations negotiating it (a live
// deal's buyer or broker) and those whose demand matched it with interest shown. A demand withdrawn
// or closed: the suppliers whose achievements matched it with interest shown. Notifications only,
// keyed by the event id (stored once per user however often they run).

import { findByField } from '../store/store';
import { User } from '../auth/user.model';
import type { Effect, Effects, StoredEvent } from '../events/effects';
import type { NotificationInput } from '../notifications/notifications.service';
import { interestedCounterparts } from '../matching/match.repository';
import { liveDealCounterparts } from '../deals/achievement-status';

/** The listing an event is about. */
export interface ListingRef {
  id: string;
  /** The owner's organisation (never told of its own change). */
  org: string;
  title: { zh: string; en: string };
}

export interface ListingEventInput {
  event: StoredEvent;
  listing: ListingRef;
}

declare module '../events/effects' {
  interface EffectEvents {
    'achievement.withdrawn': ListingEventInput;
    'demand.withdrawn': ListingEventInput;
    'demand.closed': ListingEventInput;
  }
}

export type ListingAction = 'achievement.withdrawn' | 'demand.withdrawn' | 'demand.closed';

/** Members of the organisations, the owner's left out. */
async function membersOf(orgs: readonly string[], owner: string): Promise<string[]> {
  const told = [...new Set(orgs)].filter((o) => o !== owner);
  if (!told.length) return [];
  return (await findByField<{ _id: unknown }>(User as never, 'org', told, { projection: { _id: 1 } })).map((u) => String(u._id));
}

const name = (t: ListingRef['title']) => ({ zh: t.zh || t.en, en: t.en || t.zh });

function notice(e: ListingEventInput, users: () => Promise<string[]>, n: NotificationInput): Effect[] {
  return [{ to: 'notify', key: e.event.id, users, notification: n }];
}

const achievementWithdrawn = (e: ListingEventInput): Effect[] => {
  const t = name(e.listing.title);
  return notice(
    e,
    async () => {
      const [deals, matches] = await Promise.all([liveDealCounterparts(e.listing.id), interestedCounterparts('achievement', e.listing.id)]);
      return membersOf([...deals, ...matches], e.listing.org);
    },
    {
      kind: 'listing.withdrawn',
      title: { zh: '成果已下架', en: 'An achievement was withdrawn' },
      body: { zh: `「${t.zh}」已被发布方下架`, en: `"${t.en}" was withdrawn by its owner` },
      data: { achievementId: e.listing.id },
    },
  );
};

const demandEnded = (closed: boolean) => (e: ListingEventInput): Effect[] => {
  const t = name(e.listing.title);
  return notice(e, async () => membersOf(await interestedCounterparts('demand', e.listing.id), e.listing.org), {
    kind: closed ? 'listing.closed' : 'listing.withdrawn',
    title: closed ? { zh: '需求已关闭', en: 'A demand was closed' } : { zh: '需求已撤回', en: 'A demand was withdrawn' },
    body: closed
      ? { zh: `「${t.zh}」已被需方关闭`, en: `"${t.en}" was closed by its owner` }
      : { zh: `「${t.zh}」已被需方撤回`, en: `"${t.en}" was withdrawn by its owner` },
    // A closed demand stays readable; a withdrawn one is its owner's alone.
    ...(closed ? { link: `/demands/${e.listing.id}` } : {}),
    data: { demandId: e.listing.id },
  });
};

/** Registers the listing events' effects on the registry (once per registry). */
export function registerListingEffects(effects: Effects): void {
  if (!effects.has('achievement.withdrawn')) effects.register('achievement.withdrawn', achievementWithdrawn);
  if (!effects.has('demand.withdrawn')) effects.register('demand.withdrawn', demandEnded(false));
  if (!effects.has('demand.closed')) effects.register('demand.closed', demandEnded(true));
}
