import { Types } from 'mongoose';
import { badRequest, conflict, notFound } from '../errors';
import { trusted } from '../db';
import { countWhere, findByIds, findPage } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import { Demand } from '../demands/demand.model';
import { Achievement } from '../achievements/achievement.model';
import type { Matcher } from '../matching/matcher';
import { presentMatches } from '../matching/matching.service';
import { findMatch, findPair, matchPage, setAgencyMark, upsertBrokerMatch } from '../matching/match.repository';
import type { DockingInput } from '../matching/matching.schemas';
import { DockingRun } from './broker.model';
import { canEditBrokerMatch } from './brokers.policy';
import { brokerScope, inScope, requireBroker } from './portfolio.service';
import { DEALABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { presentDockingRun, dockingCsv } from './brokers.presenter';

const oid = (id: string) => new Types.ObjectId(id);

/** The organisations in the broker's portfolio (by their consent; none without broker powers). */
export async function portfolioOrgIds(user: SessionUser): Promise<string[]> {
  return (await brokerScope(user))?.orgs ?? [];
}

/**
 * Matches touching the portfolio, best first; pinned first when asked. An anonymous demand counts
 * for its owner only when revealed to the agency, so `orgId` never filters on a hidden owner.
 */
export async function brokerMatches(user: SessionUser, q: { pinned?: boolean; orgId?: string; page: number; pageSize: number }) {
  await requireBroker(user);
  const scope = (await brokerScope(user))!;
  const orgs = scope.orgs.filter((o) => !q.orgId || o === q.orgId).map(oid);
  const agency = scope.agency;
  const filter: Record<string, unknown> = {
    $or: [{ supplierOrg: trusted({ $in: orgs }) }, { demandOrg: trusted({ $in: orgs }), demand: trusted({ $nin: scope.hiddenDemands.map(oid) }) }],
    hiddenBy: trusted({ $ne: agency }),
  };
  if (q.pinned) filter.pinnedBy = agency;
  const { items, total } = await matchPage(filter, q);
  return { items: await presentMatches(items, user), total, page: q.page, pageSize: q.pageSize };
}

async function brokerMatch(user: SessionUser, id: string) {
  await requireBroker(user);
  const m = await findMatch(id);
  if (!m || !inScope(await brokerScope(user), m)) throw notFound('Match');
  return m;
}

/** Pins, unpins or hides a match for the broker's agency (other agencies are unaffected). */
export async function setBrokerMark(user: SessionUser, id: string, action: 'pin' | 'unpin' | 'dismiss') {
  const m = await brokerMatch(user, id);
  const updated = await setAgencyMark(m._id, oid(user.orgId!), action);
  return (await presentMatches([updated!], user))[0];
}

/**
 * A broker links a demand and an achievement by hand. The match is marked broker-made and its
 * note becomes a reason; the scorer's reasons are kept beside it.
 */
export async function createManualMatch(matcher: Pick<Matcher, 'scorePair'>, user: SessionUser, input: { demandId: string; achievementId: string; note: string }) {
  await requireBroker(user);
  const [demand, ach] = await Promise.all([Demand.findById(input.demandId).lean(), Achievement.findById(input.achievementId).lean()]);
  if (!demand || demand.status !== 'open') throw notFound('Demand');
  if (!ach || !(DEALABLE_ACHIEVEMENT_STATUSES as readonly string[]).includes(ach.status)) throw notFound('Achievement');
  // The same scope as the broker's match list: an anonymous demand does not count for its owner.
  if (!inScope(await brokerScope(user), { demand: demand._id, demandOrg: demand.org, supplierOrg: ach.org }))
    throw badRequest('not_in_portfolio', 'Either the demand or the achievement must belong to an organisation in your portfolio', 'demandId');
  const existing = await findPair(demand._id, ach._id);
  const taken = () => conflict('broker_match_taken', 'Another agency already recommended this pair; its recommendation stays theirs');
  if (existing && !canEditBrokerMatch(user, existing)) throw taken();
  const scored = await matcher.scorePair(demand, ach);
  const reasons = [
    { kind: 'broker', weight: 1, detail: { note: input.note }, text: { zh: `经纪人推荐：${input.note}`, en: `Broker's recommendation: ${input.note}` } },
    ...scored.reasons,
  ];
  const m = await upsertBrokerMatch({
    demand: demand._id,
    achievement: ach._id,
    demandOrg: demand.org,
    supplierOrg: ach.org,
    agency: user.orgId!,
    broker: user.id,
    note: input.note,
    score: scored.score,
    reasons,
    summary: scored.summary,
  });
  if (m === 'taken') throw taken();
  return (await presentMatches([m], user))[0];
}

/**
 * Batch docking (批量对接): choose open demands by list, region or field, run the matcher over each,
 * store the run with one report row per match.
 */
export async function runDocking(matcher: Pick<Matcher, 'matchDemands'>, user: SessionUser, input: DockingInput) {
  await requireBroker(user);
  const started = Date.now();
  const filter: Record<string, unknown> = { status: 'open' };
  if (input.region) filter.region = input.region;
  if (input.field) filter.field = input.field;
  type DemandRow = Awaited<ReturnType<typeof openDemands>>[number];
  const openDemands = () => Demand.find(filter).limit(1000).lean();
  const demands = input.demandIds ? await findByIds<DemandRow>(Demand as never, input.demandIds.map(oid), { filter }) : await openDemands();
  const rows: {
    demand: Types.ObjectId;
    demandTitle: string;
    achievement: Types.ObjectId | null;
    achievementTitle: string;
    supplierName: string;
    score: number;
    reasonsZh: string;
    reasonsEn: string;
  }[] = [];
  let matchCount = 0;
  // One batch: a fixed number of queries for all the demands (see matchDemands).
  const results = await matcher.matchDemands(demands, { limit: input.limitPerDemand, notify: false });
  for (const [i, d] of demands.entries()) {
    const matches = results[i] ?? [];
    const title = d.title?.zh || d.title?.en || '';
    if (!matches.length) {
      rows.push({ demand: d._id, demandTitle: title, achievement: null, achievementTitle: '', supplierName: '', score: 0, reasonsZh: '无匹配', reasonsEn: 'No match' });
      continue;
    }
    matchCount += matches.length;
    for (const m of matches) {
      rows.push({
        demand: d._id,
        demandTitle: title,
        achievement: m.achievementId,
        achievementTitle: m.achievementTitle,
        supplierName: m.supplierName,
        score: m.score,
        reasonsZh: m.summary.zh,
        reasonsEn: m.summary.en,
      });
    }
  }
  const run = await DockingRun.create({
    agency: user.orgId!,
    createdBy: user.id,
    criteria: { demandIds: input.demandIds ?? null, region: input.region ?? null, field: input.field ?? null },
    demandCount: demands.length,
    matchCount,
    durationMs: Date.now() - started,
    rows,
  });
  return presentDockingRun(run.toObject() as never, false);
}

async function ownRun(user: SessionUser, id: string) {
  await requireBroker(user);
  const run = Types.ObjectId.isValid(id) ? await DockingRun.findById(id).lean() : null;
  if (!run || String(run.agency) !== user.orgId) throw notFound('Docking run');
  return run;
}

/** The agency's docking runs, newest first (without rows), a page at a time. */
export async function listDockingRuns(user: SessionUser, q: { page: number; pageSize: number }) {
  await requireBroker(user);
  const filter = { agency: oid(user.orgId!) };
  const [runs, total] = await Promise.all([
    findPage(DockingRun as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize, projection: { rows: 0 } }),
    countWhere(DockingRun as never, filter),
  ]);
  return { items: runs.map((r) => presentDockingRun(r as never, false)), total, page: q.page, pageSize: q.pageSize };
}

/** One run with its rows. */
export async function getDockingRun(user: SessionUser, id: string) {
  return presentDockingRun(await ownRun(user, id), true);
}

/** The run's report as CSV (UTF-8 with BOM so spreadsheet tools read the Chinese). */
export async function dockingReportCsv(user: SessionUser, id: string) {
  return dockingCsv(await ownRun(user, id));
}
