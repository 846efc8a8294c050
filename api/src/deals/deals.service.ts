import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { countWhere, findPage } from '../store/store';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { canSeeDemandOrg } from '../demands/demands.policy';
import { assertCanView } from '../achievements/achievements.policy';
import { Match } from '../matching/match.model';
import { recordAudit, auditTrail } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { Deal, type DealLean, type OfferRecord, type PendingEvent } from './deal.model';
import type { MessageRecord } from './message.model';
import { appendMessage, lastSeqOf, messagesAfter } from './message.store';
import { syncAchievementStatus } from './achievement-status';
import { assertCanRead, assertParty, assertPrincipal, openingRole } from './deals.policy';
import { presentDeal, presentMessage, presentOffer } from './deals.presenter';
import { publishMessage, publishRoomEvent } from './deals.bus';
import { notifyParties } from './deals.notify';
import { diff } from './deals.diff';
import { NEGOTIABLE_STATUSES, OPEN_ROOM_STATUSES, isLegalTransition, nextStatuses, sidesAllowed, type DealSide } from './deals.state';
import type {
  DealListQuery,
  DealStatus,
  MessageInput,
  MessagePageQuery,
  OfferAction,
  OfferActionInput,
  OfferInput,
  OpenDealInput,
  DealTransitionInput,
} from './deals.schemas';
import type { DealActionResult, DealView, JoinResult, MessagePage, MessageView, OfferHistoryItem, SystemEvent } from './deals.events';

const MAX_OFFERS = 200;
const MAX_ATTEMPTS = 8;
const OPENABLE_ACHIEVEMENT = ['published', 'negotiating'];

const closedKey = (id: unknown) => `closed:${String(id)}`;
const oid = (id: string) => new Types.ObjectId(id);

// ---- loading and the outbox ---------------------------------------------------------------

async function findDeal(id: string): Promise<DealLean> {
  const deal = await Deal.findById(id).lean<DealLean>();
  if (!deal) throw notFound('Deal');
  if (!deal.pending?.length) return deal;
  // Flushing twice is harmless: messages and audit events are stored once per event id.
  return (await flushPending(deal)).deal;
}

/** What a chat message needs to know about its deal: who takes part (fixed) and the status. */
interface RoomState {
  _id: Types.ObjectId;
  supplierOrg: Types.ObjectId;
  buyerOrg: Types.ObjectId;
  brokerOrg: Types.ObjectId | null;
  status: DealStatus;
  version: number;
}

// Chat messages are the hot path, so they do not read the deal each time: the parties never
// change, and this process refreshes the status whenever it changes the deal — with one API
// process that is every change. With several (scale-out), another process's change is picked up
// by a background re-read 30–60 s later, spread out so that rooms warmed together do not all
// re-read at once.
let roomStateTtlMs = Infinity;
const ROOM_STATE_MAX = 20_000;
const roomStates = new Map<string, { state: RoomState; expires: number; refreshing?: boolean }>();

/** Called by the realtime layer when API processes are linked (REDIS_URL): other processes change deals too. */
export function setSharedDeals(shared: boolean): void {
  roomStateTtlMs = shared ? 30_000 : Infinity;
}

function rememberRoom(d: Pick<DealLean, '_id' | 'supplierOrg' | 'buyerOrg' | 'brokerOrg' | 'status' | 'version'>): RoomState {
  const id = String(d._id);
  const had = roomStates.get(id);
  // A read that started before a change must not bring back the older status.
  if (had && had.state.version > d.version) {
    had.refreshing = false;
    return had.state;
  }
  const state: RoomState = {
    _id: d._id,
    supplierOrg: d.supplierOrg,
    buyerOrg: d.buyerOrg,
    brokerOrg: d.brokerOrg ?? null,
    status: d.status as DealStatus,
    version: d.version,
  };
  roomStates.delete(id);
  roomStates.set(id, { state, expires: Date.now() + roomStateTtlMs * (1 + Math.random()) });
  if (roomStates.size > ROOM_STATE_MAX) roomStates.delete(roomStates.keys().next().value!);
  return state;
}

async function readRoomState(dealId: string): Promise<RoomState> {
  const d = await Deal.findById(dealId).select('supplierOrg buyerOrg brokerOrg status pending version').lean<DealLean>();
  if (!d) throw notFound('Deal');
  return rememberRoom(d.pending?.length ? await findDeal(dealId) : d);
}

async function roomState(dealId: string): Promise<RoomState> {
  const hit = roomStates.get(dealId);
  if (!hit) return readRoomState(dealId);
  if (Date.now() > hit.expires && !hit.refreshing) {
    hit.refreshing = true;
    readRoomState(dealId).catch(() => roomStates.delete(dealId));
  }
  return hit.state;
}

/** Whether the event changes which deals of its achievement are live. */
const touchesAchievement = (e: PendingEvent) =>
  e.action === 'deal.opened' || (e.action === 'deal.transitioned' && (e.to === 'cancelled' || e.to === 'completed'));

/**
 * Turns the deal's recorded events into room messages and audit events (both idempotent by the
 * event id), settles the achievement's status if needed, then clears them — guarded by the version
 * it flushed, so an event recorded meanwhile stays for its own writer to flush. The caller holds
 * the deal's lock.
 */
async function flushPending(deal: DealLean): Promise<{ deal: DealLean; messages: MessageRecord[] }> {
  const messages: MessageRecord[] = [];
  for (const e of deal.pending) {
    const { message, created } = await appendMessage({
      deal: deal._id,
      kind: e.kind as 'offer' | 'system',
      author: e.actor ?? null,
      authorName: e.actorName ?? '',
      side: e.side ?? null,
      data: e.data,
      clientMsgId: e.id,
      createdAt: e.at,
    });
    const data = (e.data ?? {}) as Record<string, unknown>;
    await recordAudit({
      eventId: e.id,
      actor: e.actor ?? null,
      action: e.action,
      entity: 'deal',
      entityId: deal._id,
      from: e.from ?? null,
      to: e.to ?? null,
      at: e.at,
      meta: { side: e.side ?? null, seq: message.seq, ...(e.kind === 'offer' ? { version: data.version, replacesVersion: data.replacesVersion } : data) },
    });
    if (touchesAchievement(e)) await syncAchievementStatus(deal.achievement, e.actor ? String(e.actor) : null);
    if (created) publishMessage(presentMessage(message));
    messages.push(message);
  }
  const cleared = await Deal.findOneAndUpdate(
    { _id: deal._id, version: deal.version },
    { $set: { pending: [], hasPending: false } },
    { returnDocument: 'after', timestamps: false },
  ).lean<DealLean>();
  return { deal: cleared ?? deal, messages };
}

/** Flushes what a crash left recorded but not yet in the rooms (run at boot). */
export async function recoverPendingDeals(): Promise<number> {
  const stuck = await Deal.find({ hasPending: true }, { _id: 1 }).lean();
  for (const d of stuck) await findDeal(String(d._id));
  return stuck.length;
}

interface NewEvent {
  kind: 'offer' | 'system';
  action: string;
  from?: string | null;
  to?: string | null;
  data: unknown;
}

interface Plan {
  /** `$set` for the deal (the version bump and the events are added). */
  set: Record<string, unknown>;
  /** Extra guard beside the version. */
  guard?: Record<string, unknown>;
  events: NewEvent[];
}

/**
 * The one way a deal changes: load, check the policy, plan the change from what was read, then a
 * single update guarded by the version it was planned from, carrying its events (the outbox). A
 * concurrent change makes the guard miss; the plan is then made again from the new state, where
 * it may well be refused (a stale counter-offer, a second acceptance…).
 */
async function changeDeal(
  user: SessionUser,
  dealId: string,
  plan: (deal: DealLean, side: DealSide) => Plan,
): Promise<{ deal: DealLean; messages: MessageRecord[]; eventIds: string[] }> {
  // The guarded update is a compare-and-set: atomic per document on MongoDB, and on FerretDB
  // because the store's write gate lets one update per document run at a time.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let deal = await Deal.findById(dealId).lean<DealLean>();
    if (!deal) throw notFound('Deal');
    if (deal.pending?.length) deal = (await flushPending(deal)).deal;
    const side = assertParty(user, deal);
    const p = plan(deal, side);
    const at = new Date();
    const events = p.events.map((e) => ({
      id: `srv-${randomUUID()}`,
      kind: e.kind,
      action: e.action,
      actor: oid(user.id),
      actorName: user.name,
      side,
      from: e.from ?? null,
      to: e.to ?? null,
      data: e.data,
      at,
    }));
    const updated = await Deal.findOneAndUpdate(
      { _id: deal._id, version: deal.version, ...(p.guard ?? {}) },
      { $set: { ...p.set, hasPending: true }, $inc: { version: 1 }, $push: { pending: { $each: events } } },
      { returnDocument: 'after' },
    ).lean<DealLean>();
    if (!updated) continue;
    rememberRoom(updated);
    const flushed = await flushPending(updated);
    return { ...flushed, eventIds: events.map((e) => e.id) };
  }
  const now = await Deal.findById(dealId).select('status').lean();
  throw conflict('deal_busy', 'The deal kept changing while this was applied; reload and try again', { status: now?.status });
}

// ---- opening and reading --------------------------------------------------------------------

const loadOrg = (id: unknown) => Org.findById(id).lean();
const loadAchievement = (id: unknown) => Achievement.findById(id).lean();
type OrgLean = NonNullable<Awaited<ReturnType<typeof loadOrg>>>;

/** What a deal is opened on, checked for the user who asks (see `checkOpening`). */
export interface Opening {
  achievement: NonNullable<Awaited<ReturnType<typeof loadAchievement>>>;
  supplierOrg: OrgLean;
  buyerOrg: OrgLean;
  brokerOrg: OrgLean | null;
  input: OpenDealInput;
}

const notTheBuyersDemand = () => badRequest('validation_failed', 'demandId: is not a demand of the buyer organisation', 'demandId');
const notTheirMatch = () => badRequest('validation_failed', 'matchId: is not a match between these parties', 'matchId');

/**
 * Checks a request to open a deal as the user may know things: another organisation's withdrawn
 * or draft achievement does not exist (404); a demand or match must belong to the buyer (and the
 * match to this achievement's supplier); and a demand's owner counts as known only when the user
 * may see it (an anonymous demand not revealed to the user's organisation never matches a named
 * buyer), so a right and a wrong guess of an anonymous demand's owner get the same answer.
 */
export async function checkOpening(user: SessionUser, input: OpenDealInput): Promise<{ role: 'buyer' | 'broker'; opening: Opening }> {
  const myOrg = user.orgId ? await loadOrg(user.orgId) : null;
  const role = openingRole(user, myOrg, input.buyerOrgId);

  const ach = await loadAchievement(input.achievementId);
  if (!ach) throw notFound('Achievement');
  assertCanView(user, ach);
  if (!OPENABLE_ACHIEVEMENT.includes(ach.status))
    throw conflict('achievement_not_available', `This achievement is ${ach.status} and cannot be negotiated`, { status: ach.status });
  const offered = (ach.modes ?? []).map((m) => m.mode);
  if (!offered.includes(input.mode))
    throw badRequest('validation_failed', `mode: this achievement is offered for ${offered.join(', ') || 'no mode'}`, 'mode');

  const buyerOrg = role.role === 'buyer' ? myOrg! : await loadOrg(role.buyerOrgId);
  if (!buyerOrg || buyerOrg.kind !== 'enterprise')
    throw badRequest('validation_failed', 'buyerOrgId: must be an enterprise organisation', 'buyerOrgId');
  if (String(buyerOrg._id) === String(ach.org))
    throw badRequest('validation_failed', "achievementId: an organisation cannot buy its own achievement", 'achievementId');
  const supplierOrg = await loadOrg(ach.org);
  if (!supplierOrg) throw notFound('Achievement');

  const ownerKnown = async (demandId: unknown, buyer: unknown) => {
    const d = await Demand.findById(demandId).select('org anonymous revealedTo status').lean();
    return !!d && String(d.org) === String(buyer) && canSeeDemandOrg(user, d);
  };
  if (input.demandId && !(await ownerKnown(input.demandId, buyerOrg._id))) throw notTheBuyersDemand();
  if (input.matchId) {
    const m = await Match.findById(input.matchId).select('demand achievement demandOrg supplierOrg').lean();
    const fits =
      !!m &&
      String(m.achievement) === String(ach._id) &&
      String(m.supplierOrg) === String(ach.org) &&
      String(m.demandOrg) === String(buyerOrg._id) &&
      (!input.demandId || String(m.demand) === input.demandId) &&
      (await ownerKnown(m.demand, buyerOrg._id));
    if (!fits) throw notTheirMatch();
  }
  return { role: role.role, opening: { achievement: ach, supplierOrg, buyerOrg, brokerOrg: role.role === 'broker' ? myOrg : null, input } };
}

/**
 * Opens a deal as its buyer (or returns the live one this buyer already has for the achievement and
 * mode). A broker does not open deals for an enterprise: it proposes one (`proposals.service.ts`).
 */
export async function openDeal(user: SessionUser, input: OpenDealInput): Promise<{ deal: DealView; created: boolean }> {
  const { role, opening } = await checkOpening(user, input);
  if (role !== 'buyer') throw forbidden('A broker proposes a deal to the enterprise, which opens it by accepting', 'proposal_needed');
  return startDeal(user, 'buyer', opening);
}

/**
 * Creates the deal from a checked opening; `user` is recorded as its opener. Called by `openDeal`
 * and when an enterprise accepts a broker's proposal (then the broker's agency takes part).
 */
export async function startDeal(user: SessionUser, side: 'buyer' | 'broker', o: Opening): Promise<{ deal: DealView; created: boolean }> {
  const { achievement: ach, supplierOrg, buyerOrg, brokerOrg, input } = o;
  const id = new Types.ObjectId();
  const liveKey = `${String(ach._id)}:${String(buyerOrg._id)}:${input.mode}`;
  const opened = {
    id: `srv-${randomUUID()}`,
    kind: 'system',
    action: 'deal.opened',
    actor: oid(user.id),
    actorName: user.name,
    side,
    from: null,
    to: 'open',
    data: { action: 'deal.opened', from: null, to: 'open', mode: input.mode } satisfies SystemEvent & { mode: string },
    at: new Date(),
  };
  try {
    await Deal.create({
      _id: id,
      achievement: ach._id,
      achievementTitle: ach.title,
      demand: input.demandId ?? null,
      match: input.matchId ?? null,
      supplierOrg: supplierOrg._id,
      supplierName: supplierOrg.name,
      buyerOrg: buyerOrg._id,
      buyerName: buyerOrg.name,
      brokerOrg: brokerOrg?._id ?? null,
      brokerName: brokerOrg?.name ?? { zh: '', en: '' },
      participantOrgs: [supplierOrg._id, buyerOrg._id, ...(brokerOrg ? [brokerOrg._id] : [])],
      mode: input.mode,
      status: 'open',
      openedBy: user.id,
      liveKey,
      pending: [opened],
      hasPending: true,
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const existing = await Deal.findOne({ liveKey }).lean<DealLean>();
    if (existing && (String(existing.supplierOrg) === user.orgId || String(existing.buyerOrg) === user.orgId || String(existing.brokerOrg) === user.orgId))
      return { deal: presentDeal(existing), created: false };
    throw conflict('deal_exists', 'This buyer already negotiates this achievement in this mode');
  }
  const deal = await findDeal(String(id));
  const view = presentDeal(deal);
  await notifyParties(deal, user, 'deal.invited');
  return { deal: view, created: true };
}

/** The deals of the user's organisation, most recently active first. */
export async function listMyDeals(user: SessionUser, q: DealListQuery) {
  if (!user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const filter: Record<string, unknown> = { participantOrgs: oid(user.orgId) };
  if (q.status) filter.status = q.status;
  const [items, total] = await Promise.all([
    findPage<DealLean>(Deal as never, filter, { sort: { updatedAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize, projection: { pending: 0 } }),
    countWhere(Deal as never, filter),
  ]);
  return { items: items.map(presentDeal), total, page: q.page, pageSize: q.pageSize };
}

/** One deal for a participant or a platform admin, with its last seq. */
export async function getDeal(user: SessionUser, dealId: string): Promise<DealView & { lastSeq: number }> {
  const deal = await findDeal(dealId);
  assertCanRead(user, deal);
  return { ...presentDeal(deal), lastSeq: await lastSeqOf(deal._id) };
}

/** A page of the room's timeline after `after`. */
export async function listMessages(user: SessionUser, dealId: string, q: MessagePageQuery): Promise<MessagePage> {
  const deal = await findDeal(dealId);
  assertCanRead(user, deal);
  const page = await messagesAfter(deal._id, q.after, q.limit);
  return { items: page.items.map(presentMessage), lastSeq: page.lastSeq, hasMore: page.hasMore };
}

const JOIN_BACKLOG = 500;

/**
 * What a (re)joining client missed after `lastSeq`, and the deal as it is now. `onAuthorized` runs
 * after the access check and before the backlog is read (the socket joins the room there, so a
 * message stored in between is broadcast to it rather than lost).
 */
export async function joinDeal(
  user: SessionUser,
  dealId: string,
  lastSeq: number,
  onAuthorized?: () => void | Promise<void>,
): Promise<JoinResult> {
  const deal = await findDeal(dealId);
  assertCanRead(user, deal);
  rememberRoom(deal);
  await onAuthorized?.();
  const page = await messagesAfter(deal._id, lastSeq, JOIN_BACKLOG);
  return { deal: presentDeal(deal), messages: page.items.map(presentMessage), lastSeq: page.lastSeq, hasMore: page.hasMore };
}

/**
 * Posts a chat message. Stored before it is answered; a resend with the same clientMsgId returns
 * the first message (`created: false`) and stores nothing.
 */
export async function postMessage(user: SessionUser, dealId: string, input: MessageInput): Promise<{ message: MessageView; created: boolean }> {
  const deal = await roomState(dealId);
  const side = assertParty(user, deal);
  if (!OPEN_ROOM_STATUSES.includes(deal.status))
    throw conflict('room_closed', `The deal is ${deal.status}; its room takes no more messages`, { status: deal.status });
  const { message, created } = await appendMessage({
    deal: deal._id,
    kind: 'text',
    author: oid(user.id),
    authorName: user.name,
    side,
    text: input.text,
    clientMsgId: input.clientMsgId,
  });
  const view = presentMessage(message);
  // A resend is broadcast again: if the first send's broadcast was lost (a crash between the
  // write and the broadcast), this repairs it; clients drop seqs they already have.
  publishMessage(view);
  return { message: view, created };
}

// ---- offers ---------------------------------------------------------------------------------

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

const actionResult = (deal: DealLean, messages: MessageRecord[], eventId: string, version?: number): DealActionResult => {
  const message = messages.find((m) => m.clientMsgId === eventId)!;
  const offer = version ? findOffer(deal, version) : undefined;
  return { deal: presentDeal(deal), message: presentMessage(message), ...(offer ? { offer: presentOffer(offer) } : {}) };
};

/**
 * Makes an offer or a counter-offer. `replacesVersion` must be the current version (0 for the
 * first): the write is guarded by it, so of two counter-offers to the same version one wins and
 * the other gets 409 `stale_offer`. The first offer moves an open deal to negotiating.
 */
export async function createOffer(user: SessionUser, dealId: string, input: OfferInput): Promise<DealActionResult> {
  let version = 0;
  const { deal, messages, eventIds } = await changeDeal(user, dealId, (d, side) => {
    if (input.terms.mode !== d.mode)
      throw badRequest('validation_failed', `terms.mode: this is a ${d.mode} deal`, 'terms.mode');
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
    return {
      set: { offers, currentOfferVersion: version, status: 'negotiating' },
      guard: { currentOfferVersion: d.currentOfferVersion },
      events,
    };
  });
  const result = actionResult(deal, messages, eventIds[0]!, version);
  publishRoomEvent(result.deal.id, 'offer:created', { dealId: result.deal.id, deal: result.deal, offer: result.offer! });
  await notifyParties(deal, user, 'deal.offer', String(version));
  if (eventIds.length > 1) publishRoomEvent(result.deal.id, 'deal:transitioned', { dealId: result.deal.id, deal: result.deal, from: 'open', to: 'negotiating' });
  return result;
}

/**
 * Accepts, rejects or withdraws the current offer. Acceptances are stored per version; when the
 * supplier and the buyer have both accepted the same version the deal is agreed, in the same write.
 */
export async function actOnOffer(
  user: SessionUser,
  dealId: string,
  version: number,
  action: OfferAction,
  input: OfferActionInput = {},
): Promise<DealActionResult> {
  let actedSide: DealSide = 'supplier';
  let agreed = false;
  const { deal, messages, eventIds } = await changeDeal(user, dealId, (d, side) => {
    actedSide = side;
    agreed = false;
    const offer = assertCurrentOpen(d, version);
    const now = new Date();
    let next: OfferRecord;
    const set: Record<string, unknown> = {};
    const events: NewEvent[] = [];
    if (action === 'accept') {
      assertPrincipal(side, 'accept');
      if (offer.acceptances.some((a) => a.side === side))
        throw conflict('already_accepted', `Your side already accepted version ${version}`, { status: d.status, currentOfferVersion: version });
      const acceptances = [...offer.acceptances, { side, user: oid(user.id), userName: user.name, at: now }];
      agreed = acceptances.some((a) => a.side === 'supplier') && acceptances.some((a) => a.side === 'buyer');
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
      events.push({ kind: 'system', action: 'offer.rejected', from: 'open', to: 'rejected', data: { action: 'offer.rejected', from: null, to: null, version, ...(input.reason ? { reason: input.reason } : {}) } });
    } else {
      if (offer.side !== side) throw forbidden('Only the side that made an offer can withdraw it', 'not_your_offer');
      next = { ...offer, status: 'withdrawn', closedBy: oid(user.id), closedAt: now, closeReason: input.reason ?? '' } as OfferRecord;
      events.push({ kind: 'system', action: 'offer.withdrawn', from: 'open', to: 'withdrawn', data: { action: 'offer.withdrawn', from: null, to: null, version, ...(input.reason ? { reason: input.reason } : {}) } });
    }
    set.offers = d.offers.map((o) => (o.version === version ? next : o));
    return { set, guard: { currentOfferVersion: version }, events };
  });
  const result = actionResult(deal, messages, eventIds[0]!, version);
  const base = { dealId: result.deal.id, deal: result.deal, offer: result.offer!, side: actedSide };
  if (action === 'accept') {
    publishRoomEvent(result.deal.id, 'offer:accepted', { ...base, agreed });
    if (agreed) {
      publishRoomEvent(result.deal.id, 'deal:transitioned', { dealId: result.deal.id, deal: result.deal, from: 'negotiating', to: 'agreed' });
      await notifyParties(deal, user, 'deal.status', 'agreed');
    }
  } else publishRoomEvent(result.deal.id, action === 'reject' ? 'offer:rejected' : 'offer:withdrawn', base);
  return result;
}

/** Every offer version with what changed from the one before. */
export async function offerHistory(user: SessionUser, dealId: string): Promise<{ items: OfferHistoryItem[]; currentOfferVersion: number; agreedOfferVersion: number | null }> {
  const deal = await findDeal(dealId);
  assertCanRead(user, deal);
  const items = deal.offers.map((o, i) => ({ ...presentOffer(o), diff: i === 0 ? null : diff(deal.offers[i - 1]!.terms, o.terms) }));
  return { items, currentOfferVersion: deal.currentOfferVersion, agreedOfferVersion: deal.agreedOfferVersion ?? null };
}

/** What changed between two offer versions of a deal. */
export async function offerDiff(user: SessionUser, dealId: string, a: number, b: number) {
  const deal = await findDeal(dealId);
  assertCanRead(user, deal);
  const oa = findOffer(deal, a);
  const ob = findOffer(deal, b);
  if (!oa || !ob) throw notFound('Offer version');
  return { a, b, changes: diff(oa.terms, ob.terms) };
}

// ---- transitions and audit ------------------------------------------------------------------

/**
 * Moves the deal along its status machine. An illegal move is 409 with the current status; a legal
 * move by the wrong side is 403. Cancelling (with a reason) and completing free the buyer to open
 * a new deal for the same achievement and mode.
 */
export async function transitionDeal(user: SessionUser, dealId: string, input: DealTransitionInput): Promise<DealActionResult> {
  let from: DealStatus = 'open';
  const { deal, messages, eventIds } = await changeDeal(user, dealId, (d, side) => {
    from = d.status as DealStatus;
    const to = input.to;
    if (to === 'agreed' && from === 'negotiating')
      throw conflict('agreement_requires_acceptance', 'A deal is agreed only when both sides accept the same offer version', {
        status: from,
        allowed: nextStatuses(from),
      });
    if (!isLegalTransition(from, to))
      throw conflict('illegal_transition', `A ${from} deal cannot become ${to}`, { status: from, to, allowed: nextStatuses(from) });
    if (!sidesAllowed(from, to).includes(side)) throw forbidden(`The ${side} cannot move a deal from ${from} to ${to}`, 'wrong_side');
    const set: Record<string, unknown> = { status: to };
    if (to === 'cancelled') set.cancelReason = input.reason ?? '';
    if (to === 'cancelled' || to === 'completed') set.liveKey = closedKey(d._id);
    return {
      set,
      guard: { status: from },
      events: [{ kind: 'system', action: 'deal.transitioned', from, to, data: { action: 'deal.transitioned', from, to, ...(input.reason ? { reason: input.reason } : {}) } }],
    };
  });
  const result = actionResult(deal, messages, eventIds[0]!);
  publishRoomEvent(result.deal.id, 'deal:transitioned', {
    dealId: result.deal.id,
    deal: result.deal,
    from,
    to: input.to,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  await notifyParties(deal, user, 'deal.status', input.to);
  return result;
}

/** The deal's audit trail (participants and platform admins). */
export async function dealAudit(user: SessionUser, dealId: string) {
  const deal = await findDeal(dealId);
  assertCanRead(user, deal);
  return { items: (await auditTrail('deal', deal._id)).map(presentAuditEvent) };
}
