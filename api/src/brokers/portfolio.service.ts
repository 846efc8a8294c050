import { Types } from 'mongoose';
import { badRequest, notFound } from '../errors';
import { trusted } from '../db';
import type { SessionUser } from '../auth/auth.types';
import { Org } from '../orgs/org.model';
import { notifyOrgMembers } from '../orgs/orgs.notify';
import { Demand } from '../demands/demand.model';
import { canSeeDemandOrg } from '../demands/demands.policy';
import { inBrokerScope, isBroker, type BrokerScope as PolicyScope } from '../matching/matching.policy';
import { PortfolioLink, type PortfolioLinkStatus } from './broker.model';
import { countWhere, findByField, findByIds, findPage } from '../store/store';
import { assertBrokerPowers, assertCanAnswerForOrg } from './brokers.policy';

const oid = (id: unknown) => new Types.ObjectId(String(id));
const nameOf = (o: { name?: { zh?: string | null; en?: string | null } | null } | null) => ({ zh: o?.name?.zh || o?.name?.en || '', en: o?.name?.en || o?.name?.zh || '' });

/** Loads the user's agency and applies the broker-powers policy; returns the agency. */
export async function requireBroker(user: SessionUser) {
  const org = user.orgId && Types.ObjectId.isValid(user.orgId) ? await Org.findById(user.orgId).lean() : null;
  assertBrokerPowers(user, org);
  return org!;
}

/** What a broker of a verified agency may see: its consented organisations, minus their anonymous demands. */
export interface BrokerScope extends PolicyScope {
  agency: Types.ObjectId;
  orgs: string[];
  hiddenDemands: string[];
}

/** The broker's scope, or null for anyone without broker powers (they see nothing through a portfolio). */
export async function brokerScope(user: SessionUser): Promise<BrokerScope | null> {
  if (!isBroker(user)) return null;
  const agency = await Org.findById(user.orgId, { kind: 1, verified: 1 }).lean();
  if (!agency || agency.kind !== 'agency' || !agency.verified) return null;
  const links = await PortfolioLink.find({ agency: agency._id, status: 'active' }, { org: 1 }).lean();
  const orgs = links.map((l) => String(l.org));
  const anonymous = orgs.length
    ? await findByField<AnonymousDemand>(Demand as never, 'org', orgs.map(oid), { filter: { anonymous: true }, projection: { org: 1, anonymous: 1, revealedTo: 1, status: 1 } })
    : [];
  return { agency: agency._id, orgs, hiddenDemands: anonymous.filter((d) => !canSeeDemandOrg(user, d)).map((d) => String(d._id)) };
}

export { inBrokerScope as inScope };

type AnonymousDemand = Parameters<typeof canSeeDemandOrg>[1] & { _id: unknown };
type OrgLean = { _id: unknown; kind?: string | null; name?: { zh?: string | null; en?: string | null } | null; region?: string | null; verified?: boolean | null };

type LinkLean = { _id: unknown; agency: unknown; org: unknown; status: string; invitedAt?: Date | null; answeredAt?: Date | null };

async function presentLinks(links: LinkLean[]) {
  const ids = [...new Set(links.flatMap((l) => [String(l.agency), String(l.org)]))];
  const orgs = new Map((await findByIds<OrgLean>(Org as never, ids.map(oid))).map((o) => [String(o._id), o]));
  const ref = (id: unknown) => {
    const o = orgs.get(String(id));
    return { id: String(id), kind: o?.kind ?? null, name: nameOf(o ?? null), region: o?.region ?? null, verified: !!o?.verified };
  };
  return links.map((l) => ({
    id: String(l._id),
    agency: ref(l.agency),
    org: ref(l.org),
    status: l.status as PortfolioLinkStatus,
    invitedAt: l.invitedAt ?? null,
    answeredAt: l.answeredAt ?? null,
  }));
}

/**
 * The agency's portfolio, a page at a time: its consented organisations (`active`) and its pending
 * invitations (`pending`), newest invitation first — one status or both. The broker's scope reads the
 * whole set through `brokerScope`, not through this.
 */
export async function getPortfolio(user: SessionUser, q: { status?: 'active' | 'pending'; page: number; pageSize: number }) {
  const agency = await requireBroker(user);
  const filter: Record<string, unknown> = { agency: agency._id, status: q.status ?? trusted({ $in: ['active', 'pending'] }) };
  const [links, total] = await Promise.all([
    findPage<LinkLean>(PortfolioLink as never, filter, { sort: { invitedAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(PortfolioLink as never, filter),
  ]);
  return { agencyId: String(agency._id), items: await presentLinks(links), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Invites an organisation (not an agency, not the broker's own) into the portfolio; its admins are
 * told. Idempotent while pending or active; a declined or ended link is asked again.
 */
export async function inviteToPortfolio(user: SessionUser, orgId: string) {
  const agency = await requireBroker(user);
  const org = await Org.findById(orgId, { kind: 1, name: 1 }).lean();
  if (!org) throw notFound('Organisation');
  if (org.kind === 'agency') throw badRequest('invalid_org', 'Agencies cannot be in a portfolio', 'orgId');
  const key = { agency: agency._id, org: org._id };
  let link = await PortfolioLink.findOne(key).lean();
  let asked = false;
  if (!link) {
    try {
      link = (await PortfolioLink.create({ ...key, status: 'pending', invitedBy: user.id, invitedAt: new Date() })).toObject();
      asked = true;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      link = await PortfolioLink.findOne(key).lean();
    }
  } else if (!['pending', 'active'].includes(link.status)) {
    const reopened = await PortfolioLink.findOneAndUpdate(
      { _id: link._id, status: link.status },
      { $set: { status: 'pending', invitedBy: user.id, invitedAt: new Date(), answeredBy: null, answeredAt: null } },
      { returnDocument: 'after' },
    ).lean();
    asked = !!reopened;
    link = reopened ?? (await PortfolioLink.findOne(key).lean());
  }
  if (asked) {
    const a = nameOf(agency);
    await notifyOrgMembers(
      org._id,
      {
        kind: 'portfolio.invited',
        title: { zh: '经纪机构邀请', en: 'An agency asks to represent you' },
        body: { zh: `「${a.zh}」希望将贵单位纳入其服务名单，需管理员同意`, en: `"${a.en}" asks to add your organisation to its portfolio; an administrator must accept` },
        link: '/org/requests',
        data: { agencyId: String(agency._id) },
      },
      { admins: true },
    );
  }
  return (await presentLinks([link!]))[0]!;
}

/** The agency ends a link from its side: a pending invitation is withdrawn, an active one revoked. */
export async function leavePortfolio(user: SessionUser, orgId: string) {
  const agency = await requireBroker(user);
  const link = await PortfolioLink.findOne({ agency: agency._id, org: oid(orgId) }).lean();
  if (link && ['pending', 'active'].includes(link.status)) {
    const to = link.status === 'pending' ? 'withdrawn' : 'revoked';
    await PortfolioLink.updateOne({ _id: link._id, status: link.status }, { $set: { status: to, answeredBy: user.id, answeredAt: new Date() } });
  }
  const now = await PortfolioLink.findOne({ agency: agency._id, org: oid(orgId) }).lean();
  return { orgId, status: (now?.status ?? null) as PortfolioLinkStatus | null };
}

/** The agencies that asked for, or have, the organisation's consent (its admins only), a page at a time. */
export async function listOrgAgencies(user: SessionUser, orgId: string, q: { page: number; pageSize: number }) {
  assertCanAnswerForOrg(user, orgId);
  const filter = { org: oid(orgId), status: trusted({ $in: ['pending', 'active'] }) };
  const [links, total] = await Promise.all([
    findPage<LinkLean>(PortfolioLink as never, filter, { sort: { invitedAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(PortfolioLink as never, filter),
  ]);
  return { items: await presentLinks(links), total, page: q.page, pageSize: q.pageSize };
}

const ANSWER_TEXT = {
  active: { zh: '已同意', en: 'accepted' },
  declined: { zh: '已拒绝', en: 'declined' },
  revoked: { zh: '已撤销', en: 'revoked' },
} as const;

/**
 * The organisation's admin answers an agency: accept or decline a pending invitation, or revoke
 * (a pending or active link). The agency's members are told.
 */
export async function answerAgency(user: SessionUser, orgId: string, agencyId: string, action: 'accept' | 'decline' | 'revoke') {
  assertCanAnswerForOrg(user, orgId);
  const from = action === 'revoke' ? ['pending', 'active'] : ['pending'];
  const to = action === 'accept' ? 'active' : action === 'decline' ? 'declined' : 'revoked';
  const updated = await PortfolioLink.findOneAndUpdate(
    { org: oid(orgId), agency: oid(agencyId), status: trusted({ $in: from }) },
    { $set: { status: to, answeredBy: user.id, answeredAt: new Date() } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw notFound('Invitation');
  const org = await Org.findById(orgId, { name: 1 }).lean();
  const n = nameOf(org);
  await notifyOrgMembers(updated.agency, {
    kind: 'portfolio.answered',
    title: { zh: '服务名单变更', en: 'Portfolio changed' },
    body: { zh: `「${n.zh}」${ANSWER_TEXT[to].zh}贵机构的服务邀请`, en: `"${n.en}" ${ANSWER_TEXT[to].en} your agency` },
    link: '/broker',
    data: { orgId, status: to },
  });
  return (await presentLinks([updated]))[0]!;
}
