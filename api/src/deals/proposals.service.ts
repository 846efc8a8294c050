import { Types } from 'mongoose';
import { conflict, notFound } from '../errors';
import { countWhere, findPage } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import { findSessionUser } from '../auth/auth.service';
import { notifyOrgMembers } from '../orgs/orgs.notify';
import { requireBroker } from '../brokers/portfolio.service';
import { DealProposal, type DealProposalRecord } from './deal-proposal.model';
import { assertCanAnswerProposal, assertCanWithdrawProposal } from './deals.policy';
import { checkOpening } from './deal-opening';
import type { DealsService } from './deals.service';
import type { DealView } from './deals.events';
import type { OpenDealInput } from './deals.schemas';

type ProposalLean = DealProposalRecord & { _id: Types.ObjectId };

/** A proposal as its enterprise and its agency see it. */
export function presentProposal(p: ProposalLean) {
  return {
    id: String(p._id),
    agency: { id: String(p.agency), name: { zh: p.agencyName?.zh ?? '', en: p.agencyName?.en ?? '' } },
    buyerOrgId: String(p.buyerOrg),
    achievementId: String(p.achievement),
    achievementTitle: { zh: p.achievementTitle?.zh ?? '', en: p.achievementTitle?.en ?? '' },
    demandId: p.demand ? String(p.demand) : null,
    matchId: p.match ? String(p.match) : null,
    mode: p.mode,
    status: p.status,
    dealId: p.deal ? String(p.deal) : null,
    createdAt: p.createdAt,
    answeredAt: p.answeredAt ?? null,
  };
}
export type ProposalView = ReturnType<typeof presentProposal>;

/**
 * POST /api/deals: a buyer (or the supplier, from a demand) opens the deal; a broker proposes it to the enterprise, whose admins are
 * told — nobody is pulled into a room before the enterprise accepts.
 */
export async function openOrPropose(
  deals: Pick<DealsService, 'start'>,
  user: SessionUser,
  input: OpenDealInput,
): Promise<{ deal: DealView; created: boolean } | { proposal: ProposalView }> {
  const { role, opening } = await checkOpening(user, input);
  if (role !== 'broker') return deals.start(user, role, opening);
  const agency = opening.brokerOrg!;
  const p = await DealProposal.create({
    agency: agency._id,
    agencyName: agency.name,
    proposedBy: user.id,
    buyerOrg: opening.buyerOrg._id,
    achievement: opening.achievement._id,
    achievementTitle: opening.achievement.title,
    demand: input.demandId ?? null,
    match: input.matchId ?? null,
    mode: input.mode,
  });
  const title = opening.achievement.title;
  await notifyOrgMembers(
    opening.buyerOrg._id,
    {
      kind: 'deal.proposed',
      title: { zh: '经纪人提议洽谈', en: 'A broker proposes a negotiation' },
      body: {
        zh: `「${agency.name?.zh || agency.name?.en || ''}」提议就「${title?.zh || title?.en || ''}」开启洽谈，需管理员同意`,
        en: `"${agency.name?.en || agency.name?.zh || ''}" proposes a negotiation on "${title?.en || title?.zh || ''}"; an administrator must accept`,
      },
      link: '/org/requests',
      data: { proposalId: String(p._id) },
    },
    { admins: true },
  );
  return { proposal: presentProposal(p.toObject() as ProposalLean) };
}

/** Proposals an enterprise received (`received`) or an agency sent (`sent`), newest first. */
export async function listProposals(user: SessionUser, q: { side: 'received' | 'sent'; page: number; pageSize: number }) {
  if (!user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  if (q.side === 'sent') await requireBroker(user);
  const filter = q.side === 'sent' ? { agency: new Types.ObjectId(user.orgId) } : { buyerOrg: new Types.ObjectId(user.orgId) };
  const [items, total] = await Promise.all([
    findPage<ProposalLean>(DealProposal as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(DealProposal as never, filter),
  ]);
  return { items: items.map(presentProposal), total, page: q.page, pageSize: q.pageSize };
}

async function loadProposal(id: string): Promise<ProposalLean> {
  const p = Types.ObjectId.isValid(id) ? await DealProposal.findById(id).lean<ProposalLean>() : null;
  if (!p) throw notFound('Proposal');
  return p;
}

const notPending = (p: ProposalLean) => conflict('proposal_not_pending', `This proposal is ${p.status}`, { status: p.status });

async function settle(p: ProposalLean, status: 'accepted' | 'declined' | 'withdrawn', user: SessionUser, deal: unknown = null) {
  return DealProposal.findOneAndUpdate(
    { _id: p._id, status: 'pending' },
    { $set: { status, answeredBy: user.id, answeredAt: new Date(), deal } },
    { returnDocument: 'after' },
  ).lean<ProposalLean>();
}

/**
 * The enterprise's admin accepts: the opening is checked again as the broker made it (the agency
 * still verified, the achievement still open…), the proposal is claimed, then the deal is opened
 * with the agency as its broker. If opening fails, the proposal is pending again.
 */
export async function acceptProposal(deals: Pick<DealsService, 'start'>, user: SessionUser, id: string) {
  const p = await loadProposal(id);
  assertCanAnswerProposal(user, p);
  if (p.status !== 'pending') throw notPending(p);
  const broker = await findSessionUser(String(p.proposedBy));
  if (!broker) throw conflict('proposal_stale', 'The broker who proposed this is no longer on the platform');
  const input = {
    achievementId: String(p.achievement),
    mode: p.mode,
    buyerOrgId: String(p.buyerOrg),
    ...(p.demand ? { demandId: String(p.demand) } : {}),
    ...(p.match ? { matchId: String(p.match) } : {}),
  } as OpenDealInput;
  const { opening } = await checkOpening(broker, input);
  const claimed = await settle(p, 'accepted', user);
  if (!claimed) throw notPending((await DealProposal.findById(p._id).lean<ProposalLean>()) ?? p);
  let result;
  try {
    result = await deals.start(user, 'buyer', opening);
  } catch (err) {
    await DealProposal.updateOne({ _id: p._id, status: 'accepted', deal: null }, { $set: { status: 'pending', answeredBy: null, answeredAt: null } });
    throw err;
  }
  const done = await DealProposal.findOneAndUpdate({ _id: p._id }, { $set: { deal: new Types.ObjectId(result.deal.id) } }, { returnDocument: 'after' }).lean<ProposalLean>();
  await tellAgency(done!, 'accepted');
  return { proposal: presentProposal(done!), deal: result.deal };
}

/** The enterprise's admin declines. */
export async function declineProposal(user: SessionUser, id: string) {
  const p = await loadProposal(id);
  assertCanAnswerProposal(user, p);
  const done = await settle(p, 'declined', user);
  if (!done) throw notPending((await DealProposal.findById(p._id).lean<ProposalLean>()) ?? p);
  await tellAgency(done, 'declined');
  return presentProposal(done);
}

/** A broker of the proposing agency withdraws a pending proposal. */
export async function withdrawProposal(user: SessionUser, id: string) {
  const p = await loadProposal(id);
  assertCanWithdrawProposal(user, p);
  const done = await settle(p, 'withdrawn', user);
  if (!done) throw notPending((await DealProposal.findById(p._id).lean<ProposalLean>()) ?? p);
  return presentProposal(done);
}

async function tellAgency(p: ProposalLean, what: 'accepted' | 'declined') {
  const t = p.achievementTitle;
  await notifyOrgMembers(p.agency, {
    kind: 'deal.proposal.answered',
    title: { zh: what === 'accepted' ? '洽谈提议已接受' : '洽谈提议被拒绝', en: what === 'accepted' ? 'Proposal accepted' : 'Proposal declined' },
    body: { zh: `「${t?.zh || t?.en || ''}」`, en: `"${t?.en || t?.zh || ''}"` },
    link: p.deal ? `/deals/${String(p.deal)}` : '/broker',
    data: { proposalId: String(p._id) },
  });
}
