// What each stored deal event causes outside the database: the one mapping the deal flush runs
// (`deal-changes.ts`), the first time and on every late flush alike.

import { Types } from 'mongoose';
import { findByField } from '../store/store';
import { User } from '../auth/user.model';
import { toRoom, type Effect, type Effects } from '../events/effects';
import type { NotificationInput } from '../notifications/notifications.service';
import type { DealLean, PendingEvent } from './deal.model';
import type { MessageRecord } from './message.model';
import { presentDeal, presentMessage, presentOffer } from './deals.presenter';
import { diff } from './deals.diff';
import type { DealSide, DealStatus, OfferHistoryItem } from './deals.events';

/** What a deal event's effects are built from: the event, the deal as flushed, the event's room message. */
export interface DealEventInput {
  event: PendingEvent;
  deal: DealLean;
  message: MessageRecord;
}

declare module '../events/effects' {
  interface EffectEvents {
    'deal.opened': DealEventInput;
    'deal.transitioned': DealEventInput;
    'offer.created': DealEventInput;
    'offer.accepted': DealEventInput;
    'offer.rejected': DealEventInput;
    'offer.withdrawn': DealEventInput;
    /** A side signed the contract (the contracts domain records it on the deal). */
    'contract.signed': DealEventInput;
    /** The contract's particulars changed: a new revision, its signatures cleared. */
    'contract.revised': DealEventInput;
    /** A chat message (stored straight into the room, not through the deal's outbox). */
    'message.created': { message: MessageRecord };
  }
}

const DEAL_ACTIONS = [
  'deal.opened',
  'deal.transitioned',
  'offer.created',
  'offer.accepted',
  'offer.rejected',
  'offer.withdrawn',
  'contract.signed',
  'contract.revised',
] as const;
export type DealAction = (typeof DEAL_ACTIONS)[number];
export const isDealAction = (a: string): a is DealAction => (DEAL_ACTIONS as readonly string[]).includes(a);

/** An offer version as the history shows it: with what changed from the version before. */
export function offerHistoryItem(deal: Pick<DealLean, 'offers'>, version: number): OfferHistoryItem | undefined {
  const i = deal.offers.findIndex((o) => o.version === version);
  if (i < 0) return undefined;
  const o = deal.offers[i]!;
  return { ...presentOffer(o), diff: i === 0 ? null : diff(deal.offers[i - 1]!.terms, o.terms) };
}

type DealNotice = 'deal.invited' | 'deal.offer' | 'deal.status' | 'contract.signed' | 'contract.revised';
type Title = { zh: string; en: string };

/** What a deal's move to each status reads as, in a sentence about the listing titled `t`. */
const STATUS_SENTENCE: Record<DealStatus, (t: Title) => Title> = {
  open: (t) => ({ zh: `「${t.zh}」的洽谈已重新发起`, en: `The negotiation on "${t.en}" was opened again` }),
  negotiating: (t) => ({ zh: `「${t.zh}」的洽谈已开始`, en: `The negotiation on "${t.en}" has started` }),
  agreed: (t) => ({ zh: `「${t.zh}」的洽谈已达成一致`, en: `The parties agreed on "${t.en}"` }),
  contracted: (t) => ({ zh: `「${t.zh}」的合同已签订`, en: `The contract for "${t.en}" is signed` }),
  paying: (t) => ({ zh: `「${t.zh}」进入付款阶段`, en: `Payments for "${t.en}" have started` }),
  completed: (t) => ({ zh: `「${t.zh}」的交易已完成`, en: `The deal on "${t.en}" is completed` }),
  cancelled: (t) => ({ zh: `「${t.zh}」的洽谈已取消`, en: `The negotiation on "${t.en}" was cancelled` }),
};

/** A deal status's sentence (exported for the tests: every status reads as a sentence in both languages). */
export const dealStatusSentence = (status: DealStatus, t: Title): Title => STATUS_SENTENCE[status](t);

const TEXT: Record<DealNotice, (t: Title, extra: string) => Pick<NotificationInput, 'title' | 'body'>> = {
  'deal.invited': (t) => ({ title: { zh: '新的洽谈', en: 'New negotiation' }, body: { zh: `「${t.zh}」的洽谈已开启`, en: `A negotiation on "${t.en}" was opened` } }),
  'deal.offer': (t, v) => ({ title: { zh: '新的报价', en: 'New offer' }, body: { zh: `「${t.zh}」收到第 ${v} 版报价`, en: `Offer version ${v} on "${t.en}"` } }),
  'deal.status': (t, s) => ({ title: { zh: '洽谈状态变更', en: 'Deal status changed' }, body: dealStatusSentence(s as DealStatus, t) }),
  'contract.signed': (t, who) => ({ title: { zh: '合同已签署', en: 'Contract signed' }, body: { zh: `「${t.zh}」的合同已由${who}签署`, en: `${who} signed the contract for "${t.en}"` } }),
  'contract.revised': (t) => ({ title: { zh: '合同已修改', en: 'Contract changed' }, body: { zh: `「${t.zh}」的合同已修改，需重新签署`, en: `The contract for "${t.en}" changed and must be signed again` } }),
};

const sideOrg = (deal: DealLean, side: string | null | undefined) =>
  side === 'supplier' ? deal.supplierOrg : side === 'buyer' ? deal.buyerOrg : side === 'broker' ? deal.brokerOrg : null;

/** The members of the deal's other organisations (not the acting side's) are told, keyed by the event. */
function notifyParties(deal: DealLean, e: Pick<PendingEvent, 'id' | 'side'>, kind: DealNotice, extra = ''): Effect {
  const actorOrg = String(sideOrg(deal, e.side) ?? '');
  const orgs = [deal.supplierOrg, deal.buyerOrg, deal.brokerOrg].filter((o): o is Types.ObjectId => !!o && String(o) !== actorOrg);
  // each language's own title, the other's when it has none
  const zh = deal.achievementTitle?.zh || deal.achievementTitle?.en || '';
  const title = { zh, en: deal.achievementTitle?.en || zh };
  return {
    to: 'notify',
    key: e.id,
    users: async () =>
      orgs.length ? (await findByField<{ _id: unknown }>(User as never, 'org', orgs, { projection: { _id: 1 } })).map((m) => String(m._id)) : [],
    notification: { kind, ...TEXT[kind](title, extra), link: `/deals/${String(deal._id)}`, data: { dealId: String(deal._id) } },
  };
}

/** The room's message for the event, then the event's own broadcast and notifications. */
function dealEffects({ event: e, deal, message }: DealEventInput): Effect[] {
  const dealId = String(deal._id);
  const view = presentDeal(deal);
  const data = (e.data ?? {}) as { version?: number; reason?: string; side?: DealSide; signer?: string };
  const out: Effect[] = [toRoom(dealId, 'message:created', presentMessage(message))];
  const offer = data.version ? offerHistoryItem(deal, data.version) : undefined;
  const side = (e.side ?? 'supplier') as DealSide;
  switch (e.action as DealAction) {
    case 'deal.opened':
      out.push(notifyParties(deal, e, 'deal.invited'));
      break;
    case 'offer.created':
      if (offer) out.push(toRoom(dealId, 'offer:created', { dealId, deal: view, offer }));
      out.push(notifyParties(deal, e, 'deal.offer', String(data.version)));
      break;
    case 'offer.accepted':
      if (offer) out.push(toRoom(dealId, 'offer:accepted', { dealId, deal: view, offer, side, agreed: e.to === 'accepted' }));
      break;
    case 'offer.rejected':
      if (offer) out.push(toRoom(dealId, 'offer:rejected', { dealId, deal: view, offer, side }));
      break;
    case 'offer.withdrawn':
      if (offer) out.push(toRoom(dealId, 'offer:withdrawn', { dealId, deal: view, offer, side }));
      break;
    case 'contract.signed':
      // A system event: the signing side is in its data; the other parties are told.
      out.push(notifyParties(deal, { ...e, side: data.side ?? null }, 'contract.signed', data.signer ?? ''));
      break;
    case 'contract.revised':
      out.push(notifyParties(deal, e, 'contract.revised'));
      break;
    case 'deal.transitioned': {
      const from = e.from as DealStatus;
      const to = e.to as DealStatus;
      out.push(toRoom(dealId, 'deal:transitioned', { dealId, deal: view, from, to, ...(data.reason ? { reason: data.reason } : {}) }));
      // The first offer's move to negotiating is announced by the offer's own notification.
      if (!(from === 'open' && to === 'negotiating')) out.push(notifyParties(deal, e, 'deal.status', to));
      break;
    }
  }
  return out;
}

/** Registers the deal events' effects (the composition root calls it once). */
export function registerDealEffects(effects: Effects): void {
  for (const action of DEAL_ACTIONS) effects.register(action, dealEffects);
  effects.register('message.created', ({ message }) => [toRoom(String(message.deal), 'message:created', presentMessage(message))]);
}
