// Pure state rules of the deal room (useDealRoom.ts), apart so they can be tested without a socket.
import type { DealView, OfferHistoryItem } from '@techbridge/api/deals/deals.events';

/** Whether a deal the server sent is to be taken: not older than the version held (broadcasts may repeat or arrive late). */
export const isCurrent = (held: number, next: Pick<DealView, 'version'>): boolean => next.version >= held;

/** The offer history with one entry patched in; a new version supersedes the open one it replaces, as the server does. */
export function patchHistory(items: readonly OfferHistoryItem[], entry: OfferHistoryItem): OfferHistoryItem[] {
  const next = items
    .filter((o) => o.version !== entry.version)
    .map((o) => (o.version === entry.replacesVersion && o.status === 'open' && entry.version > o.version ? { ...o, status: 'superseded' as const } : o));
  next.push(entry);
  return next.sort((a, b) => a.version - b.version);
}
