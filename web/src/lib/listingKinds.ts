/** The two kinds of listing: a supplier's achievement and an enterprise's demand. */
export type ListingKind = 'achievement' | 'demand';

/** Where each kind of listing lives (API and page), and the status it has once published. */
export const LISTING_KINDS = {
  achievement: { api: '/api/achievements', page: '/achievements', live: 'published' },
  demand: { api: '/api/demands', page: '/demands', live: 'open' },
} as const;
