// The wire contract of the negotiation rooms: what REST (reads) and the `/deals` socket namespace
// (room commands and broadcasts) send.
// Types only (no runtime imports), so web/ imports it as it is:
//   import type { ClientToServerEvents, ServerToClientEvents } from '@techbridge/api/deals/deals.events';

import type { TermChange } from './deals.diff';
import type { DealSide } from './deals.state';
import type {
  DealMode,
  DealStatus,
  JoinEvent,
  LeaveEvent,
  OfferActionEvent,
  OfferCreateEvent,
  OfferTerms,
  ReadEvent,
  SendMessageEvent,
  TransitionEvent,
  TypingEvent,
} from './deals.schemas';

export type { DealSide, DealMode, DealStatus, OfferTerms, TermChange };

export interface Bilingual {
  zh: string;
  en: string;
}

export interface OrgRef {
  id: string;
  name: Bilingual;
}

export type OfferStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn' | 'superseded';

export interface OfferView {
  version: number;
  replacesVersion: number;
  mode: DealMode;
  terms: OfferTerms;
  note: string;
  side: DealSide;
  author: { id: string; name: string };
  createdAt: string;
  status: OfferStatus;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string;
  acceptances: { side: DealSide; userId: string; name: string; at: string }[];
}

export interface DealView {
  id: string;
  achievement: { id: string; title: Bilingual };
  demandId: string | null;
  matchId: string | null;
  supplier: OrgRef;
  buyer: OrgRef;
  broker: OrgRef | null;
  mode: DealMode;
  status: DealStatus;
  cancelReason: string;
  currentOfferVersion: number;
  agreedOfferVersion: number | null;
  /** The current offer (null before the first one). */
  currentOffer: OfferView | null;
  /** Where the next action may lead (manual transitions only). */
  nextStatuses: DealStatus[];
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A system message's event. */
export interface SystemEvent {
  action:
    | 'deal.opened'
    | 'deal.transitioned'
    | 'offer.accepted'
    | 'offer.rejected'
    | 'offer.withdrawn'
    | 'deal.agreed'
    | 'contract.signed'
    | 'contract.revised'
    | 'payment.succeeded'
    | 'payment.failed'
    | 'payment.refunded'
    | 'payment.review'
    | 'royalty.reported';
  from: string | null;
  to: string | null;
  version?: number;
  reason?: string;
  /** contract.signed: the side that signed and its signer's name; contract.*: the hash and revision. */
  side?: 'supplier' | 'buyer';
  signer?: string;
  hash?: string;
  revision?: number;
  /** payment.* and royalty.reported: the item's key and label, the amount (fen), a royalty's period. */
  itemKey?: string;
  label?: Bilingual;
  amount?: number;
  period?: string;
}

/** An offer message carries the offer as it was made. */
export interface OfferSnapshot {
  version: number;
  replacesVersion: number;
  mode: DealMode;
  terms: OfferTerms;
  note: string;
}

export interface MessageView {
  id: string;
  dealId: string;
  /** Gapless per deal, from 1. */
  seq: number;
  kind: 'text' | 'offer' | 'system';
  author: { id: string; name: string } | null;
  side: DealSide | null;
  text: string;
  offer: OfferSnapshot | null;
  event: SystemEvent | null;
  clientMsgId: string;
  createdAt: string;
}

export interface MessagePage {
  items: MessageView[];
  /** The deal's last seq when the page was read. */
  lastSeq: number;
  /** More messages exist after the last item (ask again with `after` = its seq). */
  hasMore: boolean;
}

export interface OfferHistoryItem extends OfferView {
  /** Changes from the previous version (null for the first offer). */
  diff: TermChange[] | null;
}

/** The result of an offer action or a transition (the offer as the history shows it). */
export interface DealActionResult {
  deal: DealView;
  offer?: OfferHistoryItem;
  message: MessageView;
}

export interface AppErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
  /** On socket acks: the HTTP status REST would have answered (400, 403, 404, 409, 429…). */
  status?: number;
}

/** Every acknowledgement: the stored result, or the same error body REST returns. */
export type Ack<T> = { data: T; error?: undefined } | { data?: undefined; error: AppErrorBody };
type AckFn<T> = (res: Ack<T>) => void;

export interface JoinResult {
  deal: DealView;
  /** Messages after the `lastSeq` sent, in order (at most 500; `hasMore` says page with REST). */
  messages: MessageView[];
  lastSeq: number;
  hasMore: boolean;
}

/** Client → server on the `/deals` namespace. Every event answers through its ack. */
export interface ClientToServerEvents {
  'deal:join': (p: JoinEvent, ack: AckFn<JoinResult>) => void;
  'deal:leave': (p: LeaveEvent, ack?: AckFn<{ dealId: string }>) => void;
  'message:send': (p: SendMessageEvent, ack: AckFn<MessageView>) => void;
  'offer:create': (p: OfferCreateEvent, ack: AckFn<DealActionResult>) => void;
  'offer:accept': (p: OfferActionEvent, ack: AckFn<DealActionResult>) => void;
  'offer:reject': (p: OfferActionEvent, ack: AckFn<DealActionResult>) => void;
  'offer:withdraw': (p: OfferActionEvent, ack: AckFn<DealActionResult>) => void;
  'deal:transition': (p: TransitionEvent, ack: AckFn<DealActionResult>) => void;
  typing: (p: TypingEvent, ack?: AckFn<{ ok: true }>) => void;
  read: (p: ReadEvent, ack?: AckFn<{ ok: true }>) => void;
}

/**
 * Server → client on the `/deals` namespace, to everyone in the deal's room. Each is sent from the
 * stored event (see api/src/deals/deal.effects.ts) and may repeat after a crash: messages dedupe by
 * seq; deal updates carry the deal, whose `version` orders them (drop one older than the deal held),
 * and an offer update carries the offer's history entry (with its diff) to patch the history with.
 */
export interface ServerToClientEvents {
  /** A stored message (text, offer or system), with its seq. May repeat: dedupe by seq. */
  'message:created': (m: MessageView) => void;
  'offer:created': (p: { dealId: string; deal: DealView; offer: OfferHistoryItem }) => void;
  'offer:accepted': (p: { dealId: string; deal: DealView; offer: OfferHistoryItem; side: DealSide; agreed: boolean }) => void;
  'offer:rejected': (p: { dealId: string; deal: DealView; offer: OfferHistoryItem; side: DealSide }) => void;
  'offer:withdrawn': (p: { dealId: string; deal: DealView; offer: OfferHistoryItem; side: DealSide }) => void;
  'deal:transitioned': (p: { dealId: string; deal: DealView; from: DealStatus; to: DealStatus; reason?: string }) => void;
  /** Not stored; to the others in the room. */
  typing: (p: { dealId: string; userId: string; name: string; typing: boolean }) => void;
  /** Not stored; to the others in the room. */
  read: (p: { dealId: string; userId: string; name: string; seq: number }) => void;
}

/**
 * Server → client on the main namespace `/`: every socket is in `user:<id>` (and `org:<id>`).
 * Deal invitations, new offers and status changes arrive as stored notifications
 * (kinds `deal.invited`, `deal.offer`, `deal.status`; see api/src/notifications).
 */
export interface NotificationEvents {
  'notification:created': (p: { notification: { id: string; kind: string; link: string | null; data: Record<string, unknown> }; unread: number }) => void;
  'notification:read': (p: { unread: number }) => void;
}
