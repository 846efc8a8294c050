import { LISTING_TRANSITIONS, type ListingKind } from '@techbridge/api/contract';

/** The two kinds of listing: a supplier's achievement and an enterprise's demand. */
export type { ListingKind };

/** Where each kind of listing lives (API and page), and the status it has once published. */
export const LISTING_KINDS = {
  achievement: { api: '/api/achievements', page: '/achievements', live: LISTING_TRANSITIONS.achievement.publish.to },
  demand: { api: '/api/demands', page: '/demands', live: LISTING_TRANSITIONS.demand.publish.to },
} as const;
