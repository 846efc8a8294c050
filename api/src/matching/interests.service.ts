import { Types } from 'mongoose';
import { conflict, forbidden, notFound } from '../errors';
import { trusted } from '../db';
import { countWhere, findPage } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import type { Effects } from '../events/effects';
import { Interest } from './match.model';
import { findMatch, markInterested } from './match.repository';
import { interestEvent, registerInterestEffects } from './interest.effects';
import type { DeclineInput, InterestInput } from './matching.schemas';
import { presentInterest } from './matching.presenter';
import { demandAnonymity, findDemand, interestableAchievement, orgNameOf, withAchievementAndOrg } from './listings';

type InterestRow = Parameters<typeof presentInterest>[0];

function byId(id: string) {
  return Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
}

/** Interest shown in achievements, answered or declined; each change's notifications are its stored event's effects. */
export class InterestsService {
  constructor(private readonly deps: { effects: Effects }) {
    registerInterestEffects(deps.effects);
  }

  /**
   * An organisation shows interest in an achievement (directly, or from one of its matches). The
   * supplier's members are notified; if it came from an anonymous demand, they are not told who.
   */
  async express(user: SessionUser, input: InterestInput) {
    if (!user.orgId) throw forbidden('You must belong to an organisation', 'no_organisation');
    const ach = await interestableAchievement(input.achievementId);
    if (!ach) throw notFound('Achievement');
    if (String(ach.org) === user.orgId) throw conflict('own_listing', 'You cannot show interest in your own listing');

    let anonymous = false;
    let demandId: Types.ObjectId | null = null;
    let matchId: Types.ObjectId | null = null;
    if (input.matchId) {
      const m = await findMatch(input.matchId);
      if (!m || String(m.demandOrg) !== user.orgId || String(m.achievement) !== String(ach._id)) throw notFound('Match');
      matchId = m._id;
      demandId = m.demand;
    } else if (input.demandId) {
      const d = await findDemand(input.demandId);
      if (!d || String(d.org) !== user.orgId) throw notFound('Demand');
      demandId = d._id;
    }
    if (demandId) {
      const d = await demandAnonymity(demandId);
      anonymous = !!d?.anonymous && !(d.revealedTo ?? []).some((o) => String(o) === String(ach.org));
    }

    // The unique (achievement, fromOrg) index decides races; this answers the plain repeat without
    // relying on it alone (a FerretDB unique index was once seen letting a sequential repeat through).
    if (await Interest.exists({ achievement: ach._id, fromOrg: user.orgId }))
      throw conflict('interest_exists', 'Your organisation has already shown interest in this achievement');
    let interest;
    try {
      interest = await Interest.create({
        achievement: ach._id,
        supplierOrg: ach.org,
        fromOrg: user.orgId,
        fromUser: user.id,
        demand: demandId,
        match: matchId,
        message: input.message,
        anonymous,
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000)
        throw conflict('interest_exists', 'Your organisation has already shown interest in this achievement');
      throw err;
    }
    if (matchId && demandId) await markInterested(matchId);

    const fromOrg = anonymous ? null : await orgNameOf(user.orgId);
    const who = fromOrg ? { zh: fromOrg.name?.zh || fromOrg.name?.en || '', en: fromOrg.name?.en || fromOrg.name?.zh || '' } : { zh: '一家匿名企业', en: 'An anonymous enterprise' };
    await this.deps.effects.run('interest.created', {
      event: interestEvent('interest.created', String(interest._id), user.id),
      interestId: String(interest._id),
      achievementId: String(ach._id),
      achievementTitle: { zh: ach.title?.zh || ach.title?.en || '', en: ach.title?.en || ach.title?.zh || '' },
      supplierOrg: String(ach.org),
      who,
      message: input.message,
    });
    return presentOne(interest.toObject() as InterestRow, user);
  }

  /** The supplier answers an open interest. */
  async answer(user: SessionUser, id: string, message: string) {
    const { it, side } = await loadForParty(user, id);
    if (side !== 'supplier') throw forbidden('Only the supplier answers an interest');
    const updated = await Interest.findOneAndUpdate(
      { _id: it._id, status: 'open' },
      { $set: { status: 'answered', answer: message, answeredAt: new Date() } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) throw conflict('illegal_transition', `This interest is ${it.status}`, { status: it.status });
    await this.deps.effects.run('interest.answered', {
      event: interestEvent('interest.answered', String(it._id), user.id),
      interestId: String(it._id),
      fromUser: String(it.fromUser),
      message,
    });
    return presentOne(updated, user);
  }

  /** Either side declines with a structured reason. */
  async decline(user: SessionUser, id: string, input: DeclineInput) {
    const { it, side } = await loadForParty(user, id);
    const updated = await Interest.findOneAndUpdate(
      { _id: it._id, status: trusted({ $in: ['open', 'answered'] }) },
      { $set: { status: 'declined', decline: { reason: input.reason, text: input.text, by: user.id, side, at: new Date() } } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) throw conflict('illegal_transition', `This interest is ${it.status}`, { status: it.status });
    await this.deps.effects.run('interest.declined', {
      event: interestEvent('interest.declined', String(it._id), user.id),
      interestId: String(it._id),
      side,
      fromUser: String(it.fromUser),
      supplierOrg: String(it.supplierOrg),
      reason: input.reason,
      text: input.text ?? '',
    });
    return presentOne(updated, user);
  }
}

/** One interest as `user` sees it, with its achievement's title and the buyer's name (when it may know it). */
async function presentOne(row: InterestRow, user: SessionUser) {
  const [it] = await withAchievementAndOrg([row]);
  const org = it!.fromOrg as unknown as { _id: unknown; name: { zh?: string; en?: string } } | null;
  return presentInterest(it!, user, org ? { id: String(org._id), name: org.name } : null);
}

async function loadForParty(user: SessionUser, id: string) {
  const it = byId(id) ? await Interest.findById(id).lean() : null;
  if (!it) throw notFound('Interest');
  const side = String(it.supplierOrg) === user.orgId ? 'supplier' : String(it.fromOrg) === user.orgId ? 'buyer' : null;
  if (!side) throw notFound('Interest');
  return { it, side } as const;
}

/** Interests my organisation received (as supplier) or sent. */
export async function listInterests(
  user: SessionUser,
  q: { side: 'received' | 'sent'; status?: string; page: number; pageSize: number },
) {
  if (!user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const filter: Record<string, unknown> = q.side === 'received' ? { supplierOrg: user.orgId } : { fromOrg: user.orgId };
  if (q.status) filter.status = q.status;
  const [items, total] = await Promise.all([
    findPage<InterestRow>(Interest as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }).then(withAchievementAndOrg),
    countWhere(Interest as never, filter),
  ]);
  return {
    items: items.map((it) => {
      const org = it.fromOrg as unknown as { _id: unknown; name: { zh?: string; en?: string } } | null;
      return presentInterest(it, user, org ? { id: String(org._id), name: org.name } : null);
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
