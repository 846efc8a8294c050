// The demand (技术需求) status table, pure so web/ shares it through the contract. The status
// vocabulary is @techbridge/search's (search may not import the api; its index documents carry it).
import type { DemandStatus } from '@techbridge/search/indexes';

/** `withdrawn`: taken off the market by its owner (may be published again); `closed` is final. */
export { DEMAND_STATUSES, type DemandStatus } from '@techbridge/search/indexes';

/** Statuses anyone may read. */
export const PUBLIC_DEMAND_STATUSES: readonly DemandStatus[] = ['open', 'in-negotiation', 'closed'];
/** Statuses that appear in search. */
export const SEARCHABLE_DEMAND_STATUSES: readonly DemandStatus[] = ['open'];
/** Statuses in which the owner may still edit the demand. */
export const EDITABLE_DEMAND_STATUSES: readonly DemandStatus[] = ['draft', 'open'];

/** Legal status changes the owner may make; `in-negotiation` belongs to the deals domain. */
export const DEMAND_TRANSITIONS = {
  publish: { from: ['draft', 'withdrawn'], to: 'open' },
  withdraw: { from: ['open'], to: 'withdrawn' },
  close: { from: ['open', 'in-negotiation', 'withdrawn'], to: 'closed' },
} as const satisfies Record<string, { from: readonly DemandStatus[]; to: DemandStatus }>;
export type DemandAction = keyof typeof DEMAND_TRANSITIONS;
