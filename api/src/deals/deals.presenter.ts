import type { DealLean, OfferRecord } from './deal.model';
import type { MessageRecord } from './message.model';
import type { DealMode, DealStatus, OfferTerms } from './deals.schemas';
import { nextStatuses, type DealSide } from './deals.state';
import type { DealView, MessageView, OfferSnapshot, OfferView, OrgRef, SystemEvent, OfferStatus } from './deals.events';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const bi = (v: { zh?: string | null; en?: string | null } | null | undefined) => ({ zh: v?.zh ?? '', en: v?.en ?? '' });
const org = (id: unknown, name: { zh?: string | null; en?: string | null } | null | undefined): OrgRef => ({
  id: String(id),
  name: bi(name),
});

/** One offer version as participants see it. */
export function presentOffer(o: OfferRecord): OfferView {
  return {
    version: o.version,
    replacesVersion: o.replacesVersion,
    mode: o.mode as DealMode,
    terms: o.terms as OfferTerms,
    note: o.note ?? '',
    side: o.side as DealSide,
    author: { id: String(o.author), name: o.authorName ?? '' },
    createdAt: iso(o.createdAt)!,
    status: (o.status ?? 'open') as OfferStatus,
    closedBy: o.closedBy ? String(o.closedBy) : null,
    closedAt: iso(o.closedAt),
    closeReason: o.closeReason ?? '',
    acceptances: (o.acceptances ?? []).map((a) => ({
      side: a.side as DealSide,
      userId: String(a.user),
      name: a.userName ?? '',
      at: iso(a.at)!,
    })),
  };
}

/** A deal as its participants see it; the same for every participant, so it can be broadcast. */
export function presentDeal(d: DealLean): DealView {
  const current = d.currentOfferVersion ? d.offers.find((o) => o.version === d.currentOfferVersion) : undefined;
  const status = d.status as DealStatus;
  return {
    id: String(d._id),
    achievement: { id: String(d.achievement), title: bi(d.achievementTitle) },
    demandId: d.demand ? String(d.demand) : null,
    matchId: d.match ? String(d.match) : null,
    supplier: org(d.supplierOrg, d.supplierName),
    buyer: org(d.buyerOrg, d.buyerName),
    broker: d.brokerOrg ? org(d.brokerOrg, d.brokerName) : null,
    mode: d.mode as DealMode,
    status,
    cancelReason: d.cancelReason ?? '',
    currentOfferVersion: d.currentOfferVersion ?? 0,
    agreedOfferVersion: d.agreedOfferVersion ?? null,
    currentOffer: current ? presentOffer(current) : null,
    nextStatuses: nextStatuses(status),
    openedBy: String(d.openedBy),
    createdAt: iso(d.createdAt as Date)!,
    updatedAt: iso(d.updatedAt as Date)!,
    version: d.version ?? 1,
  };
}

/** One room message. */
export function presentMessage(m: MessageRecord): MessageView {
  const data = (m.data ?? null) as Record<string, unknown> | null;
  return {
    id: m._id,
    dealId: String(m.deal),
    seq: m.seq,
    kind: m.kind as MessageView['kind'],
    author: m.author ? { id: String(m.author), name: m.authorName ?? '' } : null,
    side: (m.side ?? null) as DealSide | null,
    text: m.text ?? '',
    offer: m.kind === 'offer' ? (data as unknown as OfferSnapshot) : null,
    event: m.kind === 'system' ? (data as unknown as SystemEvent) : null,
    clientMsgId: m.clientMsgId,
    createdAt: iso(m.createdAt)!,
  };
}
