import type { DealStatus } from './deals.schemas';

// The deal status machine, pure so it is unit-tested and shared with web/ (no imports beyond types).

/** Which side of a deal a user acts for. */
export type DealSide = 'supplier' | 'buyer' | 'broker';

/** Statuses in which the deal is live: the achievement shows as negotiating. */
export const LIVE_STATUSES: readonly DealStatus[] = ['open', 'negotiating', 'agreed', 'contracted', 'paying'];

/** Statuses in which offers can be made, accepted, rejected or withdrawn. */
export const NEGOTIABLE_STATUSES: readonly DealStatus[] = ['open', 'negotiating'];

/** Statuses in which the room accepts chat messages. */
export const OPEN_ROOM_STATUSES: readonly DealStatus[] = LIVE_STATUSES;

/**
 * Every legal manual transition and the sides allowed to make it. `negotiating → agreed` is absent
 * on purpose: a deal is agreed only when both sides accept the same offer version. So are the steps
 * after it: the platform makes those (`SYSTEM_TRANSITIONS`).
 */
export const TRANSITIONS: Readonly<Partial<Record<DealStatus, Partial<Record<DealStatus, readonly DealSide[]>>>>> = {
  open: { negotiating: ['supplier', 'buyer', 'broker'], cancelled: ['supplier', 'buyer', 'broker'] },
  negotiating: { cancelled: ['supplier', 'buyer', 'broker'] },
  agreed: { cancelled: ['supplier', 'buyer', 'broker'] },
  contracted: { cancelled: ['supplier', 'buyer', 'broker'] },
  paying: { cancelled: ['supplier', 'buyer', 'broker'] },
};

/**
 * The transitions the platform makes, and what makes each: both signatures on the contract's
 * current hash (`agreed → contracted`), the payment items issued from the signed contract
 * (`contracted → paying`, or `→ completed` when it schedules no money), every item paid
 * (`paying → completed`).
 */
export const SYSTEM_TRANSITIONS: Readonly<Partial<Record<DealStatus, readonly DealStatus[]>>> = {
  agreed: ['contracted'],
  contracted: ['paying', 'completed'],
  paying: ['completed'],
};

/** Whether the platform may move a deal `from → to` (see `SYSTEM_TRANSITIONS`). */
export function isSystemTransition(from: DealStatus, to: DealStatus): boolean {
  return !!SYSTEM_TRANSITIONS[from]?.includes(to);
}

/** The statuses reachable from `from` by a manual transition. */
export function nextStatuses(from: DealStatus): DealStatus[] {
  return Object.keys(TRANSITIONS[from] ?? {}) as DealStatus[];
}

/** Whether `from → to` is a legal manual transition (for any side). */
export function isLegalTransition(from: DealStatus, to: DealStatus): boolean {
  return !!TRANSITIONS[from]?.[to];
}

/**
 * The manual transitions `side` may make from `status` — what the room offers that side, and what
 * the server's transition accepts from it (a side not listed is refused), so the two cannot differ.
 */
export function transitionsFor(status: DealStatus, side: DealSide | null | undefined): DealStatus[] {
  if (!side) return [];
  return nextStatuses(status).filter((to) => sidesAllowed(status, to).includes(side));
}

/** The sides that may move `from → to`, empty when the transition is illegal. */
export function sidesAllowed(from: DealStatus, to: DealStatus): readonly DealSide[] {
  return TRANSITIONS[from]?.[to] ?? [];
}
