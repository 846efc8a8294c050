import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { conflict, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { Effects } from '../events/effects';
import { recordAudit } from '../audit/audit.service';
import { Deal, type DealLean, type PendingEvent } from './deal.model';
import type { MessageRecord } from './message.model';
import { appendMessage } from './message.store';
import { syncAchievementStatus } from './achievement-status';
import { assertParty } from './deals.policy';
import { isDealAction, type DealAction } from './deal.effects';
import type { DealSide } from './deals.state';

const MAX_ATTEMPTS = 8;
const oid = (id: string) => new Types.ObjectId(id);

/** An event a change records in the deal's outbox (`pending`), in the same write. */
export interface NewEvent {
  /**
   * The event's id, when the caller derives it from what it records (a contract signature): the
   * room message and the audit event are stored once per id, so recording it again after a crash
   * adds nothing. A fresh id otherwise.
   */
  id?: string;
  kind: 'offer' | 'system';
  action: string;
  from?: string | null;
  to?: string | null;
  data: unknown;
}

/** What a change does to the deal, planned from the deal as read. */
export interface Plan {
  /** `$set` for the deal (the version bump and the events are added). */
  set: Record<string, unknown>;
  /** Extra guard beside the version. */
  guard?: Record<string, unknown>;
  events: NewEvent[];
}

export interface Changed {
  deal: DealLean;
  /** The room messages of the flushed events, in order. */
  messages: MessageRecord[];
  /** The ids of the events this change recorded. */
  eventIds: string[];
}

/** Whether the event changes which deals of its achievement are live. */
const touchesAchievement = (e: PendingEvent) =>
  e.action === 'deal.opened' || (e.action === 'deal.transitioned' && (e.to === 'cancelled' || e.to === 'completed'));

/**
 * The deal changes runner: the one way a deal document changes, and the flush of its outbox. Every
 * change is one write carrying its events (`pending`); the flush turns each event into its room
 * message and audit event (both idempotent by the event id), settles the achievement's status,
 * runs the event's effects (`deal.effects.ts`: broadcasts, then notifications after the answer)
 * and clears the events. A flush that comes late — the next request on the deal, or the boot-time
 * recovery after a crash — runs the same steps on the same stored events, so it sends what the
 * first attempt would have.
 */
export class DealChanges {
  constructor(
    private readonly deps: {
      effects: Effects;
      /** Told of every deal state this runner reads or writes (the room state cache). */
      onDeal?: (deal: DealLean) => void;
    },
  ) {}

  /** The deal, its outbox flushed first (404 when it does not exist). */
  async load(id: string): Promise<DealLean> {
    const deal = await Deal.findById(id).lean<DealLean>();
    if (!deal) throw notFound('Deal');
    if (!deal.pending?.length) return deal;
    // Flushing twice is harmless: messages, audit events and notifications are stored once per event id.
    return (await this.flush(deal)).deal;
  }

  /**
   * Turns the deal's recorded events into their messages, audit events and effects, then clears
   * them — guarded by the version it flushed, so an event recorded meanwhile stays for its own
   * writer to flush.
   */
  async flush(deal: DealLean): Promise<{ deal: DealLean; messages: MessageRecord[] }> {
    const messages: MessageRecord[] = [];
    for (const e of deal.pending) {
      const { message } = await appendMessage({
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
      // Every time, not only when the message was new: a flush after a crash re-sends what the
      // crashed one may not have; clients drop seqs and deal versions they already have.
      // Deal events and those other domains record in the deal (payments) run their registered effects.
      if (isDealAction(e.action) || this.deps.effects.has(e.action)) await this.deps.effects.run(e.action as DealAction, { event: e, deal, message });
      messages.push(message);
    }
    const cleared = await Deal.findOneAndUpdate(
      { _id: deal._id, version: deal.version },
      { $set: { pending: [], hasPending: false } },
      { returnDocument: 'after', timestamps: false },
    ).lean<DealLean>();
    return { deal: cleared ?? deal, messages };
  }

  /** Flushes what a crash left recorded but not yet flushed (run at boot). */
  async recover(): Promise<number> {
    const stuck = await Deal.find({ hasPending: true }, { _id: 1 }).lean();
    for (const d of stuck) await this.load(String(d._id));
    return stuck.length;
  }

  /**
   * Changes a deal: load, check the user takes part, plan the change from what was read, then a
   * single update guarded by the version it was planned from, carrying its events. A concurrent
   * change makes the guard miss; the plan is then made again from the new state, where it may well
   * be refused (a stale counter-offer, a second acceptance…).
   */
  change(user: SessionUser, dealId: string, plan: (deal: DealLean, side: DealSide) => Plan): Promise<Changed> {
    return this.apply(dealId, (deal) => {
      const side = assertParty(user, deal);
      return { plan: plan(deal, side), actor: oid(user.id), actorName: user.name, side };
    });
  }

  /**
   * A change the platform makes itself, with no user acting: both signatures on the contract, the
   * last payment received. The same guarded write and flush as `change`; its events carry no actor
   * and no side. The caller has checked who asked for it (a signer, a verified webhook).
   */
  changeBySystem(dealId: string, plan: (deal: DealLean) => Plan): Promise<Changed> {
    return this.apply(dealId, (deal) => ({ plan: plan(deal), actor: null, actorName: 'TechBridge', side: null }));
  }

  private async apply(
    dealId: string,
    decide: (deal: DealLean) => { plan: Plan; actor: Types.ObjectId | null; actorName: string; side: DealSide | null },
  ): Promise<Changed> {
    // The guarded update is a compare-and-set: atomic per document on MongoDB, and on FerretDB
    // because the store's write gate lets one update per document run at a time.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let deal = await Deal.findById(dealId).lean<DealLean>();
      if (!deal) throw notFound('Deal');
      if (deal.pending?.length) deal = (await this.flush(deal)).deal;
      const { plan: p, actor, actorName, side } = decide(deal);
      const at = new Date();
      const events = p.events.map((e) => ({
        id: e.id ?? `srv-${randomUUID()}`,
        kind: e.kind,
        action: e.action,
        actor,
        actorName,
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
      this.deps.onDeal?.(updated);
      const flushed = await this.flush(updated);
      return { ...flushed, eventIds: events.map((e) => e.id) };
    }
    const now = await Deal.findById(dealId).select('status').lean();
    throw conflict('deal_busy', 'The deal kept changing while this was applied; reload and try again', { status: now?.status });
  }
}
