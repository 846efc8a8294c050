import { Types } from 'mongoose';
import { conflict, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { Effects } from '../events/effects';
import { Deal, type DealLean } from './deal.model';
import { appendMessage, messagesAfter } from './message.store';
import { assertCanRead, assertParty } from './deals.policy';
import { presentDeal, presentMessage } from './deals.presenter';
import { OPEN_ROOM_STATUSES } from './deals.state';
import type { DealChanges } from './deal-changes';
import type { DealStatus, MessageInput, MessagePageQuery } from './deals.schemas';
import type { JoinResult, MessagePage, MessageView } from './deals.events';

const JOIN_BACKLOG = 500;
const ROOM_STATE_MAX = 20_000;

/** What a chat message needs to know about its deal: who takes part (fixed) and the status. */
export interface RoomState {
  _id: Types.ObjectId;
  supplierOrg: Types.ObjectId;
  buyerOrg: Types.ObjectId;
  brokerOrg: Types.ObjectId | null;
  status: DealStatus;
  version: number;
}

type RoomFields = Pick<DealLean, '_id' | 'supplierOrg' | 'buyerOrg' | 'brokerOrg' | 'status' | 'version'>;

/**
 * The room state cache. Chat messages are the hot path, so they do not read the deal each time:
 * the parties never change, and this process refreshes the status whenever it changes the deal —
 * with one API process that is every change. With several (`shared`: REDIS_URL links them),
 * another process's change is picked up by a background re-read 30–60 s later, spread out so that
 * rooms warmed together do not all re-read at once.
 */
export class RoomStates {
  private readonly ttlMs: number;
  private readonly states = new Map<string, { state: RoomState; expires: number; refreshing?: boolean }>();

  constructor(opts: { shared: boolean }) {
    this.ttlMs = opts.shared ? 30_000 : Infinity;
  }

  /** Keeps what a read or a write saw — unless it is older than what is kept. */
  remember(d: RoomFields): RoomState {
    const id = String(d._id);
    const had = this.states.get(id);
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
    this.states.delete(id);
    this.states.set(id, { state, expires: Date.now() + this.ttlMs * (1 + Math.random()) });
    if (this.states.size > ROOM_STATE_MAX) this.states.delete(this.states.keys().next().value!);
    return state;
  }

  /** The kept state, re-read in the background once it expires; `read` when none is kept. */
  get(dealId: string, read: () => Promise<RoomState>): Promise<RoomState> {
    const hit = this.states.get(dealId);
    if (!hit) return read();
    if (Date.now() > hit.expires && !hit.refreshing) {
      hit.refreshing = true;
      read().catch(() => this.states.delete(dealId));
    }
    return Promise.resolve(hit.state);
  }
}

/** The negotiation room: joining (with what was missed), chat messages, the timeline. */
export class RoomService {
  constructor(private readonly deps: { changes: DealChanges; states: RoomStates; effects: Effects }) {}

  private async readState(dealId: string): Promise<RoomState> {
    const d = await Deal.findById(dealId).select('supplierOrg buyerOrg brokerOrg status pending version').lean<DealLean>();
    if (!d) throw notFound('Deal');
    return this.deps.states.remember(d.pending?.length ? await this.deps.changes.load(dealId) : d);
  }

  /**
   * What a (re)joining client missed after `lastSeq`, and the deal as it is now. `onAuthorized` runs
   * after the access check and before the backlog is read (the socket joins the room there, so a
   * message stored in between is broadcast to it rather than lost).
   */
  async join(user: SessionUser, dealId: string, lastSeq: number, onAuthorized?: () => void | Promise<void>): Promise<JoinResult> {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    this.deps.states.remember(deal);
    await onAuthorized?.();
    const page = await messagesAfter(deal._id, lastSeq, JOIN_BACKLOG);
    return { deal: presentDeal(deal), messages: page.items.map(presentMessage), lastSeq: page.lastSeq, hasMore: page.hasMore };
  }

  /**
   * Posts a chat message. Stored before it is answered; a resend with the same clientMsgId returns
   * the first message (`created: false`) and stores nothing.
   */
  async postMessage(user: SessionUser, dealId: string, input: MessageInput): Promise<{ message: MessageView; created: boolean }> {
    const deal = await this.deps.states.get(dealId, () => this.readState(dealId));
    const side = assertParty(user, deal);
    if (!OPEN_ROOM_STATUSES.includes(deal.status))
      throw conflict('room_closed', `The deal is ${deal.status}; its room takes no more messages`, { status: deal.status });
    const { message, created } = await appendMessage({
      deal: deal._id,
      kind: 'text',
      author: new Types.ObjectId(user.id),
      authorName: user.name,
      side,
      text: input.text,
      clientMsgId: input.clientMsgId,
    });
    // A resend is broadcast again: if the first send's broadcast was lost (a crash between the
    // write and the broadcast), this repairs it; clients drop seqs they already have.
    await this.deps.effects.run('message.created', { message });
    return { message: presentMessage(message), created };
  }

  /** A page of the room's timeline after `after`. */
  async listMessages(user: SessionUser, dealId: string, q: MessagePageQuery): Promise<MessagePage> {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    const page = await messagesAfter(deal._id, q.after, q.limit);
    return { items: page.items.map(presentMessage), lastSeq: page.lastSeq, hasMore: page.hasMore };
  }
}
