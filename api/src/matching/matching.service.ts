import { Types } from 'mongoose';
import type { SearchEngine, AchievementDoc } from '@techbridge/search';
import { ACHIEVEMENTS_INDEX } from '@techbridge/search/indexes';
import { conflict, forbidden, notFound } from '../errors';
import { trusted } from '../db';
import { withDocLock, withDocLocks } from '../common/doc-lock';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { notifyUsers } from '../notifications/notifications.service';
import { Match, type MatchRecord } from './match.model';
import { canSeeMatch, sideOf } from './matching.policy';
import { orgMemberIds } from './interests.service';
import type { DeclineInput } from './matching.schemas';
import { demandQuery, scoreCandidate, toAchievementDoc, toDemandDoc, type Scored } from './scorer';
import { achievementCandidates, demandCandidates, rank, rankAchievements } from './ranking';

export { MIN_SCORE, MIN_REASONS } from './ranking';

type Id = Types.ObjectId | string;
const findDemand = (id: Id) => Demand.findById(id).lean();
const findAchievement = (id: Id) => Achievement.findById(id).lean();
type DemandRow = NonNullable<Awaited<ReturnType<typeof findDemand>>>;
type AchievementRow = NonNullable<Awaited<ReturnType<typeof findAchievement>>>;

export interface StoredMatch {
  id: string;
  achievementId: Types.ObjectId;
  achievementTitle: string;
  demandId: Types.ObjectId;
  supplierOrgId: string;
  supplierName: string;
  score: number;
  summary: { zh: string; en: string };
  created: boolean;
}

const title = (t: { zh?: string | null; en?: string | null } | null | undefined) => t?.zh || t?.en || '';
const orgName = (o: { name?: { zh?: string | null; en?: string | null } | null } | null | undefined) => o?.name?.zh || o?.name?.en || '';

async function orgKinds(ids: unknown[]): Promise<Map<string, { kind: string; name: { zh?: string | null; en?: string | null } }>> {
  const orgs = await Org.find({ _id: trusted({ $in: [...new Set(ids.map(String))].map((i) => new Types.ObjectId(i)) }) }, { kind: 1, name: 1 }).lean();
  return new Map(orgs.map((o) => [String(o._id), { kind: o.kind, name: o.name ?? {} }]));
}

/** Scores one demand/achievement pair without storing it (used for broker-made matches). */
export async function scorePair(engine: SearchEngine, demand: DemandRow, ach: AchievementRow): Promise<Scored> {
  const kinds = await orgKinds([demand.org, ach.org]);
  const dDoc = toDemandDoc(demand, kinds.get(String(demand.org))?.kind ?? 'enterprise');
  const aDoc = toAchievementDoc(ach, kinds.get(String(ach.org))?.kind ?? 'university');
  const q = demandQuery(dDoc);
  const res = await engine.search<AchievementDoc>(ACHIEVEMENTS_INDEX, {
    ...q,
    filters: [...(q.filters ?? []), { field: 'orgId', op: 'eq', value: aDoc.orgId }],
    pageSize: 100,
  });
  const hit = res.hits.find((h) => h.id === String(ach._id));
  return scoreCandidate(dDoc, aDoc, hit?.score ?? 0);
}

const matchLockKey = (demand: unknown, achievement: unknown) => `matches:${String(demand)}:${String(achievement)}`;

/**
 * Every write to one match goes through this lock: FerretDB rewrites whole documents without a
 * transaction, so a re-score racing a decline could otherwise drop the decline.
 */
export const withMatchLock = <T>(demand: unknown, achievement: unknown, fn: () => Promise<T>) => withDocLock(matchLockKey(demand, achievement), fn);

type MatchWrite = Parameters<typeof Match.bulkWrite>[0][number];

/**
 * One unordered bulk write. When another process inserted one of the pairs meanwhile (unique
 * index, E11000), the whole batch runs once more: every op is idempotent, and the upsert now
 * finds the document and updates it.
 */
async function bulkUpsert(ops: MatchWrite[]): Promise<void> {
  try {
    await Match.bulkWrite(ops, { ordered: false });
  } catch (err) {
    const failed = (err as { writeErrors?: { code?: number }[] }).writeErrors;
    if (!failed?.length || failed.some((w) => w.code !== 11000)) throw err;
    await Match.bulkWrite(ops, { ordered: false });
  }
}

/**
 * Stores the scored pairs as Matches with three round trips whatever their number: which pairs
 * exist, one unordered bulk write, and the ids of the new ones. Re-running updates in place (unique
 * demand + achievement); broker-made matches keep their own reasons. `created` is known from the
 * read taken under the pairs' locks (FerretDB reports wrong `upserted` indexes in bulk replies).
 */
async function upsertMatches(
  pairs: { demand: DemandRow; ach: { id: string; org: string; title: string }; scored: Scored }[],
): Promise<StoredMatch[]> {
  if (!pairs.length) return [];
  const keyOf = (p: (typeof pairs)[number]) => `${String(p.demand._id)}:${p.ach.id}`;
  const inPairs = () => ({
    demand: trusted({ $in: [...new Set(pairs.map((p) => String(p.demand._id)))].map((i) => new Types.ObjectId(i)) }),
    achievement: trusted({ $in: [...new Set(pairs.map((p) => p.ach.id))].map((i) => new Types.ObjectId(i)) }),
  });
  const idsOf = async () =>
    new Map((await Match.find(inPairs(), { _id: 1, demand: 1, achievement: 1 }).lean()).map((m) => [`${String(m.demand)}:${String(m.achievement)}`, String(m._id)]));
  const [names, ids] = await Promise.all([
    orgKinds(pairs.map((p) => p.ach.org)),
    withDocLocks(pairs.map((p) => matchLockKey(p.demand._id, p.ach.id)), async () => {
      const before = await idsOf();
      const now = new Date();
      await bulkUpsert(
        pairs.flatMap((p): MatchWrite[] => {
          const key = { demand: p.demand._id, achievement: new Types.ObjectId(p.ach.id) };
          return [
            {
              updateOne: {
                filter: key,
                update: {
                  $set: { demandOrg: p.demand.org, supplierOrg: new Types.ObjectId(p.ach.org), score: p.scored.score, summary: p.scored.summary, computedAt: now },
                  $setOnInsert: { status: 'suggested', source: 'auto', reasons: p.scored.reasons },
                },
                upsert: true,
              },
            },
            // Broker-made matches keep the broker's reason first; auto matches take the fresh reasons.
            { updateOne: { filter: { ...key, source: 'auto' }, update: { $set: { reasons: p.scored.reasons } } } },
          ];
        }),
      );
      const after = pairs.every((p) => before.has(keyOf(p))) ? before : await idsOf();
      return { before, after };
    }),
  ]);
  return pairs.map((p) => ({
    id: ids.after.get(keyOf(p))!,
    achievementId: new Types.ObjectId(p.ach.id),
    achievementTitle: p.ach.title,
    demandId: p.demand._id,
    supplierOrgId: p.ach.org,
    supplierName: orgName(names.get(p.ach.org)),
    score: p.scored.score,
    summary: p.scored.summary,
    created: !ids.before.has(keyOf(p)),
  }));
}

/**
 * Matches one open demand against published achievements: candidates from the engine (text plus
 * hard filters), re-scored, the best stored. Re-running updates matches in place and drops stale
 * auto suggestions nobody acted on.
 */
export async function matchDemand(
  engine: SearchEngine,
  demandId: Id,
  opts: { limit?: number; notify?: boolean; demand?: DemandRow } = {},
): Promise<StoredMatch[]> {
  const demand = opts.demand ?? (await findDemand(demandId));
  if (!demand || demand.status !== 'open') return [];
  const kinds = await orgKinds([demand.org]);
  const dDoc = toDemandDoc(demand, kinds.get(String(demand.org))?.kind ?? 'enterprise');
  const hits = await achievementCandidates(engine, dDoc);
  // The index can lag the database: only candidates still published there are kept.
  const live = new Set(
    (
      await Achievement.find({ _id: trusted({ $in: hits.map((h) => new Types.ObjectId(h.id)) }), status: 'published' }, { _id: 1 }).lean()
    ).map((a) => String(a._id)),
  );
  const ranked = rankAchievements(
    dDoc,
    hits.filter((h) => live.has(h.id) && h.doc.orgId !== String(demand.org)),
    opts.limit,
  );
  const stored = await upsertMatches(
    ranked.map((x) => ({ demand, ach: { id: x.item.id, org: x.item.doc.orgId, title: title(x.item.doc.title) }, scored: x.scored })),
  );
  await Match.deleteMany({
    demand: demand._id,
    source: 'auto',
    status: 'suggested',
    achievement: trusted({ $nin: stored.map((s) => s.achievementId) }),
  });
  if (opts.notify !== false) await announce(stored.filter((s) => s.created), demand);
  return stored;
}

/** Matches one published achievement against open demands (the other direction). */
export async function matchAchievement(engine: SearchEngine, achievementId: Id, opts: { limit?: number; notify?: boolean } = {}) {
  const ach = await findAchievement(achievementId);
  if (!ach || ach.status !== 'published') return [];
  const kinds = await orgKinds([ach.org]);
  const aDoc = toAchievementDoc(ach, kinds.get(String(ach.org))?.kind ?? 'university');
  const hits = await demandCandidates(engine, aDoc);
  const demandIds = hits.map((h) => new Types.ObjectId(h.id));
  const demands = new Map(
    (await Demand.find({ _id: trusted({ $in: demandIds }), status: 'open' }).lean()).map((d) => [String(d._id), d]),
  );
  const candidates = hits.flatMap((h) => {
    const demand = demands.get(h.id);
    return demand && String(demand.org) !== String(ach.org) ? [{ demand, hit: h }] : [];
  });
  const scored = rank(candidates, (x) => scoreCandidate(toDemandDoc(x.demand, 'enterprise'), aDoc, x.hit.score), opts.limit).map((x) => ({
    demand: x.item.demand,
    scored: x.scored,
  }));
  const stored = await upsertMatches(
    scored.map((x) => ({ demand: x.demand, ach: { id: String(ach._id), org: String(ach.org), title: title(ach.title) }, scored: x.scored })),
  );
  if (opts.notify !== false) {
    for (const s of stored.filter((x) => x.created)) {
      const d = scored.find((x) => String(x.demand._id) === String(s.demandId))!.demand;
      await announce([s], d);
    }
  }
  return stored;
}

/** New matches notify the demand's members and the supplier's members. */
async function announce(created: StoredMatch[], demand: DemandRow) {
  if (!created.length) return;
  const buyers = await orgMemberIds(demand.org);
  for (const m of created) {
    const pct = Math.round(m.score * 100);
    await notifyUsers(buyers, {
      kind: 'match.new',
      title: { zh: `新匹配：${m.achievementTitle}`, en: `New match: ${m.achievementTitle}` },
      body: m.summary,
      link: `/matches/${m.id}`,
      data: { matchId: m.id, score: m.score },
    });
    const sellers = await orgMemberIds(new Types.ObjectId(m.supplierOrgId));
    await notifyUsers(sellers, {
      kind: 'match.new',
      title: { zh: `您的成果匹配到需求（${pct}%）`, en: `Your achievement matches a demand (${pct}%)` },
      body: { zh: `${title(demand.title)} — ${m.summary.zh}`, en: `${demand.title?.en || title(demand.title)} — ${m.summary.en}` },
      link: `/matches/${m.id}`,
      data: { matchId: m.id, score: m.score },
    });
  }
}

type MatchLean = MatchRecord & { _id: Types.ObjectId };

/**
 * Presents matches for a viewer: both listings' public summaries; the buyer's organisation is
 * hidden from others while its demand is anonymous (unless revealed to the viewer's org).
 */
export async function presentMatches(matches: MatchLean[], viewer: SessionUser) {
  const [demands, achs] = await Promise.all([
    Demand.find({ _id: trusted({ $in: matches.map((m) => m.demand) }) }, { title: 1, field: 1, budgetMin: 1, budgetMax: 1, minTrl: 1, modes: 1, region: 1, anonymous: 1, revealedTo: 1, status: 1, org: 1 }).lean(),
    Achievement.find({ _id: trusted({ $in: matches.map((m) => m.achievement) }) }, { title: 1, summary: 1, field: 1, trl: 1, modes: 1, region: 1, status: 1, org: 1 }).lean(),
  ]);
  const dMap = new Map(demands.map((d) => [String(d._id), d]));
  const aMap = new Map(achs.map((a) => [String(a._id), a]));
  const names = await orgKinds([...demands.map((d) => d.org), ...achs.map((a) => a.org)]);
  const agency = viewer.orgId;
  return matches.map((m) => {
    const d = dMap.get(String(m.demand));
    const a = aMap.get(String(m.achievement));
    const buyerVisible =
      !!d && (!d.anonymous || String(d.org) === viewer.orgId || (d.revealedTo ?? []).some((o) => String(o) === viewer.orgId) || isPlatformAdmin(viewer));
    const buyerOrg = d && buyerVisible ? { id: String(d.org), name: names.get(String(d.org))?.name ?? null } : null;
    return {
      id: String(m._id),
      score: m.score,
      reasons: (m.reasons ?? []).map((r) => ({ kind: r.kind, weight: r.weight, detail: r.detail ?? {}, text: { zh: r.text?.zh ?? '', en: r.text?.en ?? '' } })),
      summary: { zh: m.summary?.zh ?? '', en: m.summary?.en ?? '' },
      source: m.source,
      brokerNote: m.brokerNote ?? '',
      status: m.status,
      decline: m.decline ? { reason: m.decline.reason, text: m.decline.text ?? '', side: m.decline.side } : null,
      pinned: !!agency && (m.pinnedBy ?? []).some((o) => String(o) === agency),
      side: sideOf(viewer, m),
      demand: d
        ? {
            id: String(d._id),
            title: { zh: d.title?.zh ?? '', en: d.title?.en ?? '' },
            field: d.field,
            budgetMin: d.budgetMin ?? null,
            budgetMax: d.budgetMax ?? null,
            minTrl: d.minTrl ?? null,
            modes: d.modes ?? [],
            region: d.region,
            anonymous: !!d.anonymous,
            status: d.status,
            org: buyerOrg,
          }
        : null,
      achievement: a
        ? {
            id: String(a._id),
            title: { zh: a.title?.zh ?? '', en: a.title?.en ?? '' },
            summary: { zh: a.summary?.zh ?? '', en: a.summary?.en ?? '' },
            field: a.field,
            trl: a.trl,
            modes: (a.modes ?? []).map((x) => ({ mode: x.mode, askingPrice: x.askingPrice ?? null })),
            region: a.region,
            status: a.status,
            org: { id: String(a.org), name: names.get(String(a.org))?.name ?? null },
          }
        : null,
      computedAt: m.computedAt,
      createdAt: m.createdAt,
    };
  });
}

/** My organisation's matches, as buyer (side=demand) or supplier (side=supply); best first. */
export async function listMatches(
  user: SessionUser,
  q: { side: 'demand' | 'supply'; demandId?: string; achievementId?: string; status?: string; page: number; pageSize: number },
) {
  if (!user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const filter: Record<string, unknown> = q.side === 'demand' ? { demandOrg: user.orgId } : { supplierOrg: user.orgId };
  if (q.demandId) filter.demand = q.demandId;
  if (q.achievementId) filter.achievement = q.achievementId;
  if (q.status) filter.status = q.status;
  else filter.status = trusted({ $ne: 'dismissed' });
  const [items, total] = await Promise.all([
    Match.find(filter).sort({ score: -1, _id: 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean(),
    Match.countDocuments(filter),
  ]);
  return { items: await presentMatches(items, user), total, page: q.page, pageSize: q.pageSize };
}

/** One match, for its two sides, brokers of either side and platform admins. */
export async function getMatch(user: SessionUser, id: string, portfolioOrgs: string[] = []) {
  const m = Types.ObjectId.isValid(id) ? await Match.findById(id).lean() : null;
  if (!m || !canSeeMatch(user, m, portfolioOrgs)) throw notFound('Match');
  return (await presentMatches([m], user))[0]!;
}

/** Either side declines a match with a structured reason; the listing owner sees it as feedback. */
export async function declineMatch(user: SessionUser, id: string, input: DeclineInput) {
  const m = Types.ObjectId.isValid(id) ? await Match.findById(id).lean() : null;
  if (!m) throw notFound('Match');
  const side = sideOf(user, m);
  if (!side) {
    if (canSeeMatch(user, m)) throw forbidden('Only the two parties can decline a match');
    throw notFound('Match');
  }
  const updated = await withMatchLock(m.demand, m.achievement, () =>
    Match.findOneAndUpdate(
      { _id: m._id, status: trusted({ $in: ['suggested', 'interested'] }) },
      { $set: { status: 'dismissed', decline: { reason: input.reason, text: input.text, by: user.id, side, at: new Date() } } },
      { returnDocument: 'after' },
    ).lean(),
  );
  if (!updated) throw conflict('illegal_transition', `This match is ${m.status}`, { status: m.status });
  return (await presentMatches([updated], user))[0]!;
}

/** Runs the matcher for every open demand and published achievement (used after seeding). */
export async function rematchAll(engine: SearchEngine): Promise<number> {
  let n = 0;
  for await (const d of Demand.find({ status: 'open' }, { _id: 1 }).lean().cursor()) {
    n += (await matchDemand(engine, d._id, { notify: false })).length;
  }
  return n;
}
