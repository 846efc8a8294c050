// The state tables the browser shares with the api: every status of a listing and a deal, which
// owner actions and manual transitions are legal from where, and the colour a status is shown in.
// The tables themselves live beside their domains (`*.state.ts`, pure); labels are the locales'
// `status.*` and `deal.statuses.*`.
import type { AchievementStatus } from '../achievements/achievements.state';
import type { DemandStatus } from '../demands/demands.state';
import type { DealStatus } from '../deals/deals.schemas';
import { ACHIEVEMENT_STATUSES, ACHIEVEMENT_TRANSITIONS, EDITABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { DEMAND_STATUSES, DEMAND_TRANSITIONS, EDITABLE_DEMAND_STATUSES } from '../demands/demands.state';

export * from '../achievements/achievements.state';
export * from '../demands/demands.state';
export { DEAL_STATUSES, type DealStatus } from '../deals/deals.schemas';
export {
  LIVE_STATUSES as LIVE_DEAL_STATUSES,
  NEGOTIABLE_STATUSES as NEGOTIABLE_DEAL_STATUSES,
  OPEN_ROOM_STATUSES,
  TRANSITIONS as DEAL_TRANSITIONS,
  isLegalTransition,
  nextStatuses,
  sidesAllowed,
  transitionsFor,
  type DealSide,
} from '../deals/deals.state';

export type ListingKind = 'achievement' | 'demand';
export type ListingStatus = AchievementStatus | DemandStatus;

/** Each kind's statuses, in their life's order. */
export const LISTING_STATUSES = { achievement: ACHIEVEMENT_STATUSES, demand: DEMAND_STATUSES } as const;
/** Each kind's owner actions (`POST /api/<kind>s/:id/<action>`) and the statuses they are legal from. */
export const LISTING_TRANSITIONS = { achievement: ACHIEVEMENT_TRANSITIONS, demand: DEMAND_TRANSITIONS } as const;
/** Statuses in which the owner may still edit a listing of each kind. */
export const LISTING_EDITABLE_STATUSES = { achievement: EDITABLE_ACHIEVEMENT_STATUSES, demand: EDITABLE_DEMAND_STATUSES } as const;

/** Whether the owner may take `action` on a listing of `kind` in `status`. */
export function canTakeAction(kind: ListingKind, action: string, status: string): boolean {
  const t = (LISTING_TRANSITIONS[kind] as Record<string, { from: readonly string[] } | undefined>)[action];
  return !!t && t.from.includes(status);
}

/** Whether the owner may edit a listing of `kind` in `status`. */
export const isEditable = (kind: ListingKind, status: string): boolean => (LISTING_EDITABLE_STATUSES[kind] as readonly string[]).includes(status);

/** A tag colour (Ant Design's preset names). */
export type StatusColor = 'default' | 'green' | 'blue' | 'purple' | 'orange' | 'red';

/** The colour each listing status is shown in. */
export const LISTING_STATUS_COLORS: Readonly<Record<ListingStatus, StatusColor>> = {
  draft: 'default',
  published: 'green',
  open: 'green',
  negotiating: 'blue',
  'in-negotiation': 'blue',
  transacted: 'purple',
  closed: 'default',
  withdrawn: 'orange',
};

/** The colour each deal status is shown in. */
export const DEAL_STATUS_COLORS: Readonly<Record<DealStatus, StatusColor>> = {
  open: 'blue',
  negotiating: 'blue',
  agreed: 'green',
  contracted: 'blue',
  paying: 'blue',
  completed: 'blue',
  cancelled: 'red',
};

/** A deal's way from open to completed, in order (`cancelled` leaves it from any live status). */
export const DEAL_FLOW: readonly DealStatus[] = ['open', 'negotiating', 'agreed', 'contracted', 'paying', 'completed'];
