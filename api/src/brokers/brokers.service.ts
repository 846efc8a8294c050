import { Types } from 'mongoose';
import { badRequest, notFound } from '../errors';
import { trusted } from '../db';
import type { SessionUser } from '../auth/auth.types';
import { Org } from '../orgs/org.model';
import { Demand } from '../demands/demand.model';
import { Achievement } from '../achievements/achievement.model';
import type { SearchEngine } from '@techbridge/search';
import { Match } from '../matching/match.model';
import { assertBroker } from '../matching/matching.policy';
import { matchDemands, presentMatches, scorePair, withMatchLock } from '../matching/matching.service';
import type { DockingInput } from '../matching/matching.schemas';
import { Portfolio, DockingRun } from './broker.model';
import { presentDockingRun, dockingCsv } from './brokers.presenter';

const oid = (id: string) => new Types.ObjectId(id);

/** The organisation ids in the broker's agency portfolio. */
export async function portfolioOrgIds(user: SessionUser): Promise<string[]> {
  if (!user.orgId) return [];
  const p = await Portfolio.findOne({ agency: user.orgId }, { orgs: 1 }).lean();
  return (p?.orgs ?? []).map(String);
}

/** The portfolio with each organisation's profile. */
export async function getPortfolio(user: SessionUser) {
  assertBroker(user);
  const ids = await portfolioOrgIds(user);
  const orgs = await Org.find({ _id: trusted({ $in: ids.map(oid) }) }).lean();
  return {
    agencyId: user.orgId,
    orgs: orgs.map((o) => ({ id: String(o._id), kind: o.kind, name: o.name, region: o.region, verified: o.verified })),
  };
}

/** Adds an organisation (not an agency, not the broker's own) to the portfolio; idempotent. */
export async function addToPortfolio(user: SessionUser, orgId: string) {
  assertBroker(user);
  const org = await Org.findById(orgId, { kind: 1 }).lean();
  if (!org) throw notFound('Organisation');
  if (org.kind === 'agency') throw badRequest('invalid_org', 'Agencies cannot be in a portfolio', 'orgId');
  await Portfolio.updateOne({ agency: user.orgId }, { $addToSet: { orgs: org._id } }, { upsert: true });
  return getPortfolio(user);
}

/** Removes an organisation from the portfolio. */
export async function removeFromPortfolio(user: SessionUser, orgId: string) {
  assertBroker(user);
  await Portfolio.updateOne({ agency: user.orgId }, { $pull: { orgs: oid(orgId) } });
  return getPortfolio(user);
}

/** Matches touching the portfolio (either side), best first; pinned first when asked. */
export async function brokerMatches(user: SessionUser, q: { pinned?: boolean; orgId?: string; page: number; pageSize: number }) {
  assertBroker(user);
  let orgs = (await portfolioOrgIds(user)).map(oid);
  if (q.orgId) orgs = orgs.filter((o) => String(o) === q.orgId);
  const agency = oid(user.orgId!);
  const filter: Record<string, unknown> = {
    $or: [{ demandOrg: trusted({ $in: orgs }) }, { supplierOrg: trusted({ $in: orgs }) }],
    hiddenBy: trusted({ $ne: agency }),
  };
  if (q.pinned) filter.pinnedBy = agency;
  const [items, total] = await Promise.all([
    Match.find(filter)
      .sort({ score: -1, _id: 1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean(),
    Match.countDocuments(filter),
  ]);
  return { items: await presentMatches(items, user), total, page: q.page, pageSize: q.pageSize };
}

async function brokerMatch(user: SessionUser, id: string) {
  assertBroker(user);
  const m = Types.ObjectId.isValid(id) ? await Match.findById(id).lean() : null;
  const orgs = await portfolioOrgIds(user);
  if (!m || !(orgs.includes(String(m.demandOrg)) || orgs.includes(String(m.supplierOrg)))) throw notFound('Match');
  return m;
}

/** Pins, unpins or hides a match for the broker's agency (other agencies are unaffected). */
export async function setBrokerMark(user: SessionUser, id: string, action: 'pin' | 'unpin' | 'dismiss') {
  const m = await brokerMatch(user, id);
  const agency = oid(user.orgId!);
  const update =
    action === 'pin' ? { $addToSet: { pinnedBy: agency } } : action === 'unpin' ? { $pull: { pinnedBy: agency } } : { $addToSet: { hiddenBy: agency }, $pull: { pinnedBy: agency } };
  const updated = await withMatchLock(m.demand, m.achievement, () => Match.findByIdAndUpdate(m._id, update, { returnDocument: 'after' }).lean());
  return (await presentMatches([updated!], user))[0];
}

/**
 * A broker links a demand and an achievement by hand. The match is marked broker-made and its
 * note becomes a reason; the scorer's reasons are kept beside it.
 */
export async function createManualMatch(engine: SearchEngine, user: SessionUser, input: { demandId: string; achievementId: string; note: string }) {
  assertBroker(user);
  const [demand, ach] = await Promise.all([Demand.findById(input.demandId).lean(), Achievement.findById(input.achievementId).lean()]);
  if (!demand || demand.status !== 'open') throw notFound('Demand');
  if (!ach || !['published', 'negotiating'].includes(ach.status)) throw notFound('Achievement');
  const orgs = await portfolioOrgIds(user);
  if (!orgs.includes(String(demand.org)) && !orgs.includes(String(ach.org)))
    throw badRequest('not_in_portfolio', 'Either the demand or the achievement must belong to an organisation in your portfolio', 'demandId');
  const scored = await scorePair(engine, demand, ach);
  const reasons = [
    { kind: 'broker', weight: 1, detail: { note: input.note }, text: { zh: `经纪人推荐：${input.note}`, en: `Broker's recommendation: ${input.note}` } },
    ...scored.reasons,
  ];
  const m = await withMatchLock(demand._id, ach._id, () => Match.findOneAndUpdate(
    { demand: demand._id, achievement: ach._id },
    {
      $set: {
        demandOrg: demand.org,
        supplierOrg: ach.org,
        score: scored.score,
        reasons,
        summary: scored.summary,
        source: 'broker',
        brokerOrg: user.orgId,
        brokerUser: user.id,
        brokerNote: input.note,
        computedAt: new Date(),
      },
      $setOnInsert: { status: 'suggested' },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean());
  return (await presentMatches([m!], user))[0];
}

/**
 * Batch docking (批量对接): choose open demands by list, region or field, run the matcher over each,
 * store the run with one report row per match.
 */
export async function runDocking(engine: SearchEngine, user: SessionUser, input: DockingInput) {
  assertBroker(user);
  const started = Date.now();
  const filter: Record<string, unknown> = { status: 'open' };
  if (input.demandIds) filter._id = trusted({ $in: input.demandIds.map(oid) });
  if (input.region) filter.region = input.region;
  if (input.field) filter.field = input.field;
  const demands = await Demand.find(filter).limit(1000).lean();
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
  const results = await matchDemands(engine, demands, { limit: input.limitPerDemand, notify: false });
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
  assertBroker(user);
  const run = Types.ObjectId.isValid(id) ? await DockingRun.findById(id).lean() : null;
  if (!run || String(run.agency) !== user.orgId) throw notFound('Docking run');
  return run;
}

/** The agency's docking runs, newest first (without rows). */
export async function listDockingRuns(user: SessionUser) {
  assertBroker(user);
  const runs = await DockingRun.find({ agency: user.orgId }, { rows: 0 }).sort({ createdAt: -1 }).limit(100).lean();
  return { items: runs.map((r) => presentDockingRun(r as never, false)) };
}

/** One run with its rows. */
export async function getDockingRun(user: SessionUser, id: string) {
  return presentDockingRun(await ownRun(user, id), true);
}

/** The run's report as CSV (UTF-8 with BOM so spreadsheet tools read the Chinese). */
export async function dockingReportCsv(user: SessionUser, id: string) {
  return dockingCsv(await ownRun(user, id));
}
