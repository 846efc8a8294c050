import { Types } from 'mongoose';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { DealLean, OfferRecord } from './deal.model';
import type { MessageRecord } from './message.model';
import { assertCanRead, assertPrincipal } from './deals.policy';
import { presentDeal, presentMessage } from './deals.presenter';
import { diff } from './deals.diff';
import { NEGOTIABLE_STATUSES, type DealSide } from './deals.state';
import { offerHistoryItem } from './deal.effects';
import type { DealChanges, NewEvent } from './deal-changes';
import type { DealStatus, OfferAction, OfferActionInput, OfferInput } from './deals.schemas';
import type { DealActionResult, OfferHistoryItem } from './deals.events';

const MAX_OFFERS = 200;
const oid = (id: string) => new Types.ObjectId(id);
const findOffer = (deal: DealLean, version: number) => deal.offers.find((o) => o.version === version);

function assertNegotiable(deal: DealLean): void {
  if (!NEGOTIABLE_STATUSES.includes(deal.status as DealStatus))
    throw conflict('deal_not_negotiable', `The deal is ${deal.status}; offers can no longer change`, { status: deal.status });
}

function assertCurrentOpen(deal: DealLean, version: number): OfferRecord {
  assertNegotiable(deal);
  if (version !== deal.currentOfferVersion)
    throw conflict('stale_offer', `Offer version ${version} is not the current one (${deal.currentOfferVersion})`, {
      status: deal.status,
      currentOfferVersion: deal.currentOfferVersion,
    });
  const offer = findOffer(deal, version)!;
  if (offer.status !== 'open')
    throw conflict('offer_not_open', `Offer version ${version} is ${offer.status}`, {
      status: deal.status,
      offerStatus: offer.status,
      currentOfferVersion: deal.currentOfferVersion,
    });
  return offer;
}

/** The answer to an offer action or a transition: the deal, the event's message, the offer as the history shows it. */
export const actionResult = (deal: DealLean, messages: MessageRecord[], eventId: string, version?: number): DealActionResult => {
  const message = messages.find((m) => m.clientMsgId === eventId)!;
  const offer = version ? offerHistoryItem(deal, version) : undefined;
  return { deal: presentDeal(deal), message: presentMessage(message), ...(offer ? { offer } : {}) };
};

/** Offers and counter-offers, their acceptance, rejection and withdrawal, and their history. */
export class OffersService {
  constructor(private readonly deps: { changes: DealChanges }) {}

  /**
   * Makes an offer or a counter-offer. `replacesVersion` must be the current version (0 for the
   * first): the write is guarded by it, so of two counter-offers to the same version one wins and
   * the other gets 409 `stale_offer`. The first offer moves an open deal to negotiating.
   */
  async create(user: SessionUser, dealId: string, input: OfferInput): Promise<DealActionResult> {
    let version = 0;
    const { deal, messages, eventIds } = await this.deps.changes.change(user, dealId, (d, side) => {
      if (input.terms.mode !== d.mode) throw badRequest('validation_failed', `terms.mode: this is a ${d.mode} deal`, 'terms.mode');
      assertNegotiable(d);
      if (input.replacesVersion !== d.currentOfferVersion)
        throw conflict('stale_offer', `Offer version ${input.replacesVersion} is not the current one (${d.currentOfferVersion})`, {
          status: d.status,
          currentOfferVersion: d.currentOfferVersion,
        });
      if (d.offers.length >= MAX_OFFERS) throw conflict('too_many_offers', `A deal takes at most ${MAX_OFFERS} offers`, { status: d.status });
      version = d.currentOfferVersion + 1;
      const offers = d.offers.map((o) => (o.version === d.currentOfferVersion && o.status === 'open' ? { ...o, status: 'superseded' } : o));
      offers.push({
        version,
        replacesVersion: input.replacesVersion,
        mode: d.mode,
        terms: input.terms,
        note: input.note ?? '',
        side,
        author: oid(user.id),
        authorName: user.name,
        createdAt: new Date(),
        status: 'open',
        closedBy: null,
        closedAt: null,
        closeReason: '',
        acceptances: [],
      } as unknown as OfferRecord);
      const events: NewEvent[] = [
        {
          kind: 'offer',
          action: 'offer.created',
          from: input.replacesVersion ? String(input.replacesVersion) : null,
          to: String(version),
          data: { version, replacesVersion: input.replacesVersion, mode: d.mode, terms: input.terms, note: input.note ?? '' },
        },
      ];
      if (d.status === 'open')
        events.push({ kind: 'system', action: 'deal.transitioned', from: 'open', to: 'negotiating', data: { action: 'deal.transitioned', from: 'open', to: 'negotiating' } });
      return { set: { offers, currentOfferVersion: version, status: 'negotiating' }, guard: { currentOfferVersion: d.currentOfferVersion }, events };
    });
    return actionResult(deal, messages, eventIds[0]!, version);
  }

  /**
   * Accepts, rejects or withdraws the current offer. Acceptances are stored per version; when the
   * supplier and the buyer have both accepted the same version the deal is agreed, in the same write.
   */
  async act(user: SessionUser, dealId: string, version: number, action: OfferAction, input: OfferActionInput = {}): Promise<DealActionResult> {
    const { deal, messages, eventIds } = await this.deps.changes.change(user, dealId, (d, side: DealSide) => {
      const offer = assertCurrentOpen(d, version);
      const now = new Date();
      let next: OfferRecord;
      const set: Record<string, unknown> = {};
      const events: NewEvent[] = [];
      const reason = input.reason ? { reason: input.reason } : {};
      if (action === 'accept') {
        assertPrincipal(side, 'accept');
        if (offer.acceptances.some((a) => a.side === side))
          throw conflict('already_accepted', `Your side already accepted version ${version}`, { status: d.status, currentOfferVersion: version });
        const acceptances = [...offer.acceptances, { side, user: oid(user.id), userName: user.name, at: now }];
        const agreed = acceptances.some((a) => a.side === 'supplier') && acceptances.some((a) => a.side === 'buyer');
        next = { ...offer, acceptances, status: agreed ? 'accepted' : 'open' } as OfferRecord;
        events.push({ kind: 'system', action: 'offer.accepted', from: 'open', to: agreed ? 'accepted' : 'open', data: { action: 'offer.accepted', from: null, to: null, version } });
        if (agreed) {
          Object.assign(set, { status: 'agreed', agreedOfferVersion: version });
          events.push({ kind: 'system', action: 'deal.transitioned', from: d.status, to: 'agreed', data: { action: 'deal.transitioned', from: d.status, to: 'agreed', version } });
        }
      } else if (action === 'reject') {
        assertPrincipal(side, 'reject');
        if (offer.side === side) throw forbidden('Withdraw your own offer instead of rejecting it', 'own_offer');
        next = { ...offer, status: 'rejected', closedBy: oid(user.id), closedAt: now, closeReason: input.reason ?? '' } as OfferRecord;
        events.push({ kind: 'system', action: 'offer.rejected', from: 'open', to: 'rejected', data: { action: 'offer.rejected', from: null, to: null, version, ...reason } });
      } else {
        if (offer.side !== side) throw forbidden('Only the side that made an offer can withdraw it', 'not_your_offer');
        next = { ...offer, status: 'withdrawn', closedBy: oid(user.id), closedAt: now, closeReason: input.reason ?? '' } as OfferRecord;
        events.push({ kind: 'system', action: 'offer.withdrawn', from: 'open', to: 'withdrawn', data: { action: 'offer.withdrawn', from: null, to: null, version, ...reason } });
      }
      set.offers = d.offers.map((o) => (o.version === version ? next : o));
      return { set, guard: { currentOfferVersion: version }, events };
    });
    return actionResult(deal, messages, eventIds[0]!, version);
  }

  /** Every offer version with what changed from the one before. */
  async history(user: SessionUser, dealId: string): Promise<{ items: OfferHistoryItem[]; currentOfferVersion: number; agreedOfferVersion: number | null }> {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    const items = deal.offers.map((o) => offerHistoryItem(deal, o.version)!);
    return { items, currentOfferVersion: deal.currentOfferVersion, agreedOfferVersion: deal.agreedOfferVersion ?? null };
  }

  /** What changed between two offer versions of a deal. */
  async diff(user: SessionUser, dealId: string, a: number, b: number) {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    const oa = findOffer(deal, a);
    const ob = findOffer(deal, b);
    if (!oa || !ob) throw notFound('Offer version');
    return { a, b, changes: diff(oa.terms, ob.terms) };
  }
}
