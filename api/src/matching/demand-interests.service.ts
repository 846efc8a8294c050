import { Types } from 'mongoose';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { trusted } from '../db';
import { countWhere, findPage, populateRefs } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import type { Effects } from '../events/effects';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { DemandInterest } from './match.model';
import { demandInterestEvent, registerDemandInterestEffects } from './demand-interest.effects';
import type { DeclineInput, DemandInterestInput } from './matching.schemas';
import { presentDemandInterest } from './matching.presenter';
import { findDemand, interestableAchievement } from './listings';

type Row = Parameters<typeof presentDemandInterest>[0];
const bi = (t: { zh?: string | null; en?: string | null } | null | undefined) => ({ zh: t?.zh || t?.en || '', en: t?.en || t?.zh || '' });

/** The organisation kinds that supply technology and may show interest in a demand. */
const SUPPLIER_KINDS: readonly string[] = ['university', 'institute'];

/** Fills rows' demand (title, anonymity), achievement (title) and both organisations (names). */
async function withListings<T extends object>(rows: T[]): Promise<T[]> {
  await populateRefs(rows, 'demand', Demand as never, 'title anonymous revealedTo');
  await populateRefs(rows, 'achievement', Achievement as never, 'title');
  await populateRefs(rows, 'fromOrg', Org as never, 'name kind');
  return populateRefs(rows, 'demandOrg', Org as never, 'name');
}

async function presentOne(id: Types.ObjectId, user: SessionUser) {
  const row = await DemandInterest.findById(id).lean<Row>();
  const [filled] = await withListings([row!]);
  return presentDemandInterest(filled!, user);
}

/**
 * A supplier's interest in a demand, answered or declined by the demand's organisation; each
 * change's notifications are its stored event's effects.
 */
export class DemandInterestsService {
  constructor(private readonly deps: { effects: Effects }) {
    registerDemandInterestEffects(deps.effects);
  }

  /**
   * A university or institute shows interest in an open demand it sees, with one of its own
   * published achievements or none. The demand's members are notified; an anonymous demand's
   * organisation stays hidden from the supplier.
   */
  async express(user: SessionUser, input: DemandInterestInput) {
    if (!user.orgId) throw forbidden('You must belong to an organisation', 'no_organisation');
    const org = await Org.findById(user.orgId, { kind: 1, name: 1 }).lean();
    if (!org || !SUPPLIER_KINDS.includes(org.kind)) throw forbidden('Only universities and research institutes show interest in a demand', 'not_a_supplier');
    const d = Types.ObjectId.isValid(input.demandId) ? await findDemand(input.demandId) : null;
    if (!d || d.status !== 'open') throw notFound('Demand');
    if (String(d.org) === user.orgId) throw conflict('own_listing', 'You cannot show interest in your own listing');

    let ach: Awaited<ReturnType<typeof interestableAchievement>> = null;
    if (input.achievementId) {
      ach = await interestableAchievement(input.achievementId);
      if (!ach || String(ach.org) !== user.orgId)
        throw badRequest('validation_failed', 'achievementId: is not a published achievement of your organisation', 'achievementId');
    }

    if (await DemandInterest.exists({ demand: d._id, fromOrg: user.orgId }))
      throw conflict('interest_exists', 'Your organisation has already shown interest in this demand');
    let interest;
    try {
      interest = await DemandInterest.create({
        demand: d._id,
        demandOrg: d.org,
        fromOrg: user.orgId,
        fromUser: user.id,
        achievement: ach?._id ?? null,
        message: input.message,
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw conflict('interest_exists', 'Your organisation has already shown interest in this demand');
      throw err;
    }
    await this.deps.effects.run('demand-interest.created', {
      event: demandInterestEvent('demand-interest.created', String(interest._id), user.id),
      interestId: String(interest._id),
      demandId: String(d._id),
      demandTitle: bi(d.title),
      demandOrg: String(d.org),
      who: bi(org.name),
      achievementTitle: ach ? bi(ach.title) : null,
      message: input.message,
    });
    return presentOne(interest._id, user);
  }

  /** The demand's organisation answers an open interest. */
  async answer(user: SessionUser, id: string, message: string) {
    const { it, side } = await loadForParty(user, id);
    if (side !== 'demand') throw forbidden("Only the demand's organisation answers this interest");
    const updated = await DemandInterest.findOneAndUpdate(
      { _id: it._id, status: 'open' },
      { $set: { status: 'answered', answer: message, answeredAt: new Date() } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) throw conflict('illegal_transition', `This interest is ${it.status}`, { status: it.status });
    await this.deps.effects.run('demand-interest.answered', {
      event: demandInterestEvent('demand-interest.answered', String(it._id), user.id),
      interestId: String(it._id),
      fromUser: String(it.fromUser),
      message,
    });
    return presentOne(it._id, user);
  }

  /** Either side declines with a structured reason. */
  async decline(user: SessionUser, id: string, input: DeclineInput) {
    const { it, side } = await loadForParty(user, id);
    const updated = await DemandInterest.findOneAndUpdate(
      { _id: it._id, status: trusted({ $in: ['open', 'answered'] }) },
      { $set: { status: 'declined', decline: { reason: input.reason, text: input.text, by: user.id, side: side === 'demand' ? 'buyer' : 'supplier', at: new Date() } } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) throw conflict('illegal_transition', `This interest is ${it.status}`, { status: it.status });
    await this.deps.effects.run('demand-interest.declined', {
      event: demandInterestEvent('demand-interest.declined', String(it._id), user.id),
      interestId: String(it._id),
      side,
      fromUser: String(it.fromUser),
      demandOrg: String(it.demandOrg),
      reason: input.reason,
      text: input.text ?? '',
    });
    return presentOne(it._id, user);
  }
}

async function loadForParty(user: SessionUser, id: string) {
  const it = Types.ObjectId.isValid(id) ? await DemandInterest.findById(id).lean() : null;
  if (!it) throw notFound('Interest');
  const side = String(it.demandOrg) === user.orgId ? 'demand' : String(it.fromOrg) === user.orgId ? 'supplier' : null;
  if (!side) throw notFound('Interest');
  return { it, side } as const;
}

/** Interests in my organisation's demands (received) or that it showed in others' (sent), a page at a time. */
export async function listDemandInterests(
  user: SessionUser,
  q: { side: 'received' | 'sent'; status?: string; page: number; pageSize: number },
) {
  if (!user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const filter: Record<string, unknown> = q.side === 'received' ? { demandOrg: user.orgId } : { fromOrg: user.orgId };
  if (q.status) filter.status = q.status;
  const [items, total] = await Promise.all([
    findPage<Row>(DemandInterest as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }).then(withListings),
    countWhere(DemandInterest as never, filter),
  ]);
  return { items: items.map((it) => presentDemandInterest(it, user)), total, page: q.page, pageSize: q.pageSize };
}
