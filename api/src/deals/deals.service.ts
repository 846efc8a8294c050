import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { countWhere, findPage } from '../store/store';
import { conflict, forbidden } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { auditTrail } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { Deal, type DealLean } from './deal.model';
import { lastSeqOf } from './message.store';
import { assertCanRead } from './deals.policy';
import { presentDeal } from './deals.presenter';
import { isLegalTransition, nextStatuses, transitionsFor } from './deals.state';
import { checkOpening, type Opening } from './deal-opening';
import { actionResult } from './offers.service';
import type { DealChanges } from './deal-changes';
import type { DealListQuery, DealStatus, OpenDealInput, DealTransitionInput } from './deals.schemas';
import type { DealActionResult, DealView, SystemEvent } from './deals.events';

const closedKey = (id: unknown) => `closed:${String(id)}`;
const oid = (id: string) => new Types.ObjectId(id);

/** Deals themselves: opening, the status machine, lists, one deal, its audit trail. */
export class DealsService {
  constructor(private readonly deps: { changes: DealChanges }) {}

  /**
   * Opens a deal as its buyer (or returns the live one this buyer already has for the achievement and
   * mode). A broker does not open deals for an enterprise: it proposes one (`proposals.service.ts`).
   */
  async open(user: SessionUser, input: OpenDealInput): Promise<{ deal: DealView; created: boolean }> {
    const { role, opening } = await checkOpening(user, input);
    if (role === 'broker') throw forbidden('A broker proposes a deal to the enterprise, which opens it by accepting', 'proposal_needed');
    return this.start(user, role, opening);
  }

  /**
   * Creates the deal from a checked opening; `user` is recorded as its opener. Called by `open`
   * and when an enterprise accepts a broker's proposal (then the broker's agency takes part).
   */
  async start(user: SessionUser, side: 'buyer' | 'supplier' | 'broker', o: Opening): Promise<{ deal: DealView; created: boolean }> {
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
    // The flush stores the opening's message and audit event and tells the other parties.
    return { deal: presentDeal(await this.deps.changes.load(String(id))), created: true };
  }

  /** The deals of the user's organisation, most recently active first. */
  async listMine(user: SessionUser, q: DealListQuery) {
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
  async get(user: SessionUser, dealId: string): Promise<DealView & { lastSeq: number }> {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    return { ...presentDeal(deal), lastSeq: await lastSeqOf(deal._id) };
  }

  /**
   * Moves the deal along its status machine. An illegal move is 409 with the current status; a legal
   * move by the wrong side is 403. Cancelling (with a reason) and completing free the buyer to open
   * a new deal for the same achievement and mode.
   */
  async transition(user: SessionUser, dealId: string, input: DealTransitionInput): Promise<DealActionResult> {
    const { deal, messages, eventIds } = await this.deps.changes.change(user, dealId, (d, side) => {
      const from = d.status as DealStatus;
      const to = input.to;
      if (to === 'agreed' && from === 'negotiating')
        throw conflict('agreement_requires_acceptance', 'A deal is agreed only when both sides accept the same offer version', {
          status: from,
          allowed: nextStatuses(from),
        });
      if (!isLegalTransition(from, to))
        throw conflict('illegal_transition', `A ${from} deal cannot become ${to}`, { status: from, to, allowed: nextStatuses(from) });
      if (!transitionsFor(from, side).includes(to)) throw forbidden(`The ${side} cannot move a deal from ${from} to ${to}`, 'wrong_side');
      const set: Record<string, unknown> = { status: to };
      if (to === 'cancelled') set.cancelReason = input.reason ?? '';
      if (to === 'cancelled' || to === 'completed') set.liveKey = closedKey(d._id);
      const reason = input.reason ? { reason: input.reason } : {};
      return { set, guard: { status: from }, events: [{ kind: 'system', action: 'deal.transitioned', from, to, data: { action: 'deal.transitioned', from, to, ...reason } }] };
    });
    return actionResult(deal, messages, eventIds[0]!);
  }

  /** The deal's audit trail (participants and platform admins). */
  async audit(user: SessionUser, dealId: string) {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    return { items: (await auditTrail('deal', deal._id)).map(presentAuditEvent) };
  }
}
