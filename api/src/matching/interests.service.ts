import { Types } from 'mongoose';
import { conflict, forbidden, notFound } from '../errors';
import { trusted } from '../db';
import { countWhere, findPage, populateRefs } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import { User } from '../auth/user.model';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { notifyUsers } from '../notifications/notifications.service';
import { Interest, Match } from './match.model';
import type { DeclineInput, InterestInput } from './matching.schemas';
import { presentInterest } from './matching.presenter';

const LIVE = ['published', 'negotiating'] as const;
type InterestRow = Parameters<typeof presentInterest>[0];

/** Ids of every member of an organisation (the audience of org-level notifications). */
export async function orgMemberIds(orgId: string | Types.ObjectId): Promise<string[]> {
  const users = await User.find({ org: orgId }, { _id: 1 }).lean();
  return users.map((u) => String(u._id));
}

function byId(id: string) {
  return Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
}

/**
 * An organisation shows interest in an achievement (directly, or from one of its matches). The
 * supplier's members are notified; if it came from an anonymous demand, they are not told who.
 */
export async function expressInterest(user: SessionUser, input: InterestInput) {
  if (!user.orgId) throw forbidden('You must belong to an organisation', 'no_organisation');
  const ach = await Achievement.findOne({ _id: byId(input.achievementId), status: trusted({ $in: [...LIVE] }) }).lean();
  if (!ach) throw notFound('Achievement');
  if (String(ach.org) === user.orgId) throw conflict('own_listing', 'You cannot show interest in your own listing');

  let anonymous = false;
  let demandId: Types.ObjectId | null = null;
  let matchId: Types.ObjectId | null = null;
  if (input.matchId) {
    const m = await Match.findById(input.matchId).lean();
    if (!m || String(m.demandOrg) !== user.orgId || String(m.achievement) !== String(ach._id)) throw notFound('Match');
    matchId = m._id;
    demandId = m.demand;
  } else if (input.demandId) {
    const d = await Demand.findById(input.demandId).lean();
    if (!d || String(d.org) !== user.orgId) throw notFound('Demand');
    demandId = d._id;
  }
  if (demandId) {
    const d = await Demand.findById(demandId, { anonymous: 1, revealedTo: 1 }).lean();
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
  if (matchId && demandId)
    await Match.updateOne({ _id: matchId, status: 'suggested' }, { $set: { status: 'interested' } });

  const fromOrg = anonymous ? null : await Org.findById(user.orgId, { name: 1 }).lean();
  const who = fromOrg ? { zh: fromOrg.name?.zh || fromOrg.name?.en || '', en: fromOrg.name?.en || fromOrg.name?.zh || '' } : { zh: '一家匿名企业', en: 'An anonymous enterprise' };
  await notifyUsers(await orgMemberIds(ach.org), {
    kind: 'interest.new',
    title: { zh: `${who.zh}对您的成果感兴趣`, en: `${who.en} is interested in your achievement` },
    body: { zh: ach.title?.zh || ach.title?.en || '', en: ach.title?.en || ach.title?.zh || '' },
    link: `/interests/${interest._id}`,
    data: { interestId: String(interest._id), achievementId: String(ach._id) },
  });
  return presentInterest(interest.toObject(), user, fromOrg ? { id: user.orgId, name: fromOrg.name } : null);
}

async function loadForParty(user: SessionUser, id: string) {
  const it = byId(id) ? await Interest.findById(id).lean() : null;
  if (!it) throw notFound('Interest');
  const side = String(it.supplierOrg) === user.orgId ? 'supplier' : String(it.fromOrg) === user.orgId ? 'buyer' : null;
  if (!side) throw notFound('Interest');
  return { it, side } as const;
}

/** The supplier answers an open interest. */
export async function answerInterest(user: SessionUser, id: string, message: string) {
  const { it, side } = await loadForParty(user, id);
  if (side !== 'supplier') throw forbidden('Only the supplier answers an interest');
  const updated = await Interest.findOneAndUpdate(
    { _id: it._id, status: 'open' },
    { $set: { status: 'answered', answer: message, answeredAt: new Date() } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw conflict('illegal_transition', `This interest is ${it.status}`, { status: it.status });
  await notifyUsers([String(it.fromUser)], {
    kind: 'interest.answered',
    title: { zh: '供方回复了您的意向', en: 'The supplier answered your interest' },
    body: { zh: message, en: message },
    link: `/interests/${it._id}`,
    data: { interestId: String(it._id) },
  });
  return presentInterest(updated, user, null);
}

/** Either side declines with a structured reason. */
export async function declineInterest(user: SessionUser, id: string, input: DeclineInput) {
  const { it, side } = await loadForParty(user, id);
  const updated = await Interest.findOneAndUpdate(
    { _id: it._id, status: trusted({ $in: ['open', 'answered'] }) },
    { $set: { status: 'declined', decline: { reason: input.reason, text: input.text, by: user.id, side, at: new Date() } } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw conflict('illegal_transition', `This interest is ${it.status}`, { status: it.status });
  const audience = side === 'supplier' ? [String(it.fromUser)] : await orgMemberIds(it.supplierOrg);
  await notifyUsers(audience, {
    kind: 'interest.declined',
    title: { zh: '意向已被婉拒', en: 'An interest was declined' },
    body: { zh: input.text || input.reason, en: input.text || input.reason },
    link: `/interests/${it._id}`,
    data: { interestId: String(it._id), reason: input.reason },
  });
  return presentInterest(updated, user, null);
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
    findPage<InterestRow>(Interest as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize })
      .then((rows) => populateRefs(rows, 'achievement', Achievement as never, 'title'))
      .then((rows) => populateRefs(rows, 'fromOrg', Org as never, 'name kind')),
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
