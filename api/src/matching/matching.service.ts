import { Types } from 'mongoose';
import type { SearchEngine, AchievementDoc, SearchHit } from '@techbridge/search';
import { ACHIEVEMENTS_INDEX } from '@techbridge/search/indexes';
import { conflict, forbidden, notFound } from '../errors';
import { trusted } from '../db';
import { countWhere, deleteByIds, findByField, findByIds, findPage } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { notifyUsers } from '../notifications/notifications.service';
import { listingsIndexed, onListingWritten, pendingListings } from '../search/outbox';
import { Match, type MatchRecord } from './match.model';
import { canSeeMatch, sideOf, type BrokerScope } from './matching.policy';
import { orgMemberIds } from './interests.service';
import type { DeclineInput } from './matching.schemas';
import { demandQuery, scoreCandidate, toAchievementDoc, toDemandDoc, type Scored } from './scorer';
import { DEFAULT_LIMIT, achievementCandidates, demandCandidates, rank, rankAchievements, relativeTo, type Ranked } from './ranking';

export { MIN_SCORE, MIN_REASONS } from './ranking';

type AchievementHit = SearchHit<AchievementDoc>;

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
  const orgs = await findByIds<{ _id: Types.ObjectId; kind: string; name?: { zh?: string | null; en?: string | null } }>(
    Org as never,
    ids.map((i) => new Types.ObjectId(String(i))),
    { projection: { kind: 1, name: 1 } },
  );
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

/** What the writer needs to know of a stored match. */
interface ExistingMatch {
  _id: Types.ObjectId;
  demand: Types.ObjectId;
  achievement: Types.ObjectId;
  source: string;
  status: string;
}
const pairKey = (demand: unknown, achievement: unknown) => `${String(demand)}:${String(achievement)}`;

/** The stored matches among `demands` × `achievements` (one query), by pair key. */
async function existingMatches(demands: unknown[], achievements?: unknown[]): Promise<Map<string, ExistingMatch>> {
  const oids = (ids: unknown[]) => [...new Set(ids.map(String))].map((i) => new Types.ObjectId(i));
  const wanted = achievements ? new Set(achievements.map(String)) : null;
  const rows = await findByField<ExistingMatch>(Match as never, 'demand', oids(demands), { projection: { _id: 1, demand: 1, achievement: 1, source: 1, status: 1 } });
  return new Map(rows.filter((m) => !wanted || wanted.has(String(m.achievement))).map((m) => [pairKey(m.demand, m.achievement), m]));
}

/**
 * Where the matcher learns which candidates the index still holds as published although they no
 * longer are: `database` asks the achievements collection once per run (right for any number of API
 * processes; an indexed query on MongoDB, a collection scan on FerretDB); `process` asks this
 * process's outbox (api/src/search/outbox.ts) and the database only about the candidates listed
 * there — right when this process's indexer is the only one feeding its engine, i.e. with the
 * embedded engine. Set at boot from the engine kind.
 */
export type LivenessSource = 'process' | 'database';
let livenessSource: LivenessSource = 'database';
export function setLivenessSource(source: LivenessSource): LivenessSource {
  const before = livenessSource;
  livenessSource = source;
  return before;
}

/**
 * The database's word on `ids` (listed as pending by the outbox): those not published are gone;
 * those whose flag is clear are no longer pending.
 */
async function checkPending(ids: string[]): Promise<Set<string>> {
  const rows = await findByIds<{ _id: Types.ObjectId; status: string; indexDirty?: boolean }>(
    Achievement as never,
    ids.map((i) => new Types.ObjectId(i)),
    { projection: { status: 1, indexDirty: 1 } },
  );
  const found = new Map(rows.map((r) => [String(r._id), r]));
  listingsIndexed('achievement', rows.filter((r) => !r.indexDirty).map((r) => String(r._id)));
  return new Set(ids.filter((id) => found.get(id)?.status !== 'published'));
}

/** Above this many unpublished achievements, liveness is asked about the chosen candidates instead. */
const UNPUBLISHED_LIMIT = 50_000;

/**
 * Ids of the achievements the engine may still hold as published although the database does not
 * (null when there are too many to list): not published, and not yet confirmed by the indexer. By
 * the outbox contract every status change sets `indexDirty` in the same write and the flag is
 * cleared only after the engine has the new status, so a clean unpublished listing is already out
 * of the engine's published set. Asking for the dirty ones only keeps the answer a handful of ids
 * — not every listing under negotiation — which matters on FerretDB, where any filter but `_id`
 * is a collection scan whose cost grows with the rows it returns (bench:match, docking).
 */
async function unpublishedAchievements(): Promise<Set<string> | null> {
  const rows = await Achievement.find({ indexDirty: true, status: trusted({ $ne: 'published' }) }, { _id: 1 }).limit(UNPUBLISHED_LIMIT + 1).lean();
  return rows.length > UNPUBLISHED_LIMIT ? null : new Set(rows.map((a) => String(a._id)));
}

type Pair = { demand: DemandRow; ach: { id: string; org: string; title: string }; scored: Scored };

const HEX_ID = /^[0-9a-f]{24}$/i;

/**
 * The engine's documents are not trusted for ids: a hit whose organisation id is not an ObjectId
 * (an index written by an older or foreign process) gets it from the database, or is dropped when
 * the achievement is gone — one bad document never fails the whole run.
 */
async function withStoredOrgIds<H extends { id: string; doc: { orgId?: string } }>(hits: H[]): Promise<H[]> {
  const bad = hits.filter((h) => !HEX_ID.test(String(h.doc.orgId)));
  if (!bad.length) return hits;
  const ids = [...new Set(bad.map((h) => h.id))].filter((id) => HEX_ID.test(id));
  const rows = ids.length
    ? await findByIds<{ _id: Types.ObjectId; org: Types.ObjectId }>(Achievement as never, ids.map((i) => new Types.ObjectId(i)), { projection: { org: 1 } })
    : [];
  const orgOf = new Map(rows.map((r) => [String(r._id), String(r.org)]));
  return hits.flatMap((h) => {
    if (HEX_ID.test(String(h.doc.orgId))) return [h];
    const org = orgOf.get(h.id);
    return org ? [{ ...h, doc: { ...h.doc, orgId: org } }] : [];
  });
}

/** Inserts new matches, unordered; returns the indexes that were already there (E11000: another run stored the pair meanwhile). */
async function insertNew(docs: Record<string, unknown>[]): Promise<Set<number>> {
  const taken = new Set<number>();
  for (let i = 0; i < docs.length; i += 1000) {
    try {
      await Match.insertMany(docs.slice(i, i + 1000), { ordered: false });
    } catch (err) {
      const failed = (err as { writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[] }).writeErrors;
      if (!failed?.length || failed.some((w) => (w.code ?? w.err?.code) !== 11000)) throw err;
      for (const w of failed) taken.add(i + (w.index ?? w.err?.index ?? -1));
    }
  }
  return taken;
}

/**
 * Stores scored pairs as Matches, in few round trips whatever their number (batch docking stores
 * thousands): one read of the pairs already stored (unless the caller read them), one unordered
 * insert per 1,000 new pairs, and for pairs already stored an update by `_id` under the pair's
 * lock — a fresh score, and fresh reasons unless a broker made the match. Queries by `_id` are the
 * only ones FerretDB's SQLite backend pushes down, so nothing here scans the collection per pair.
 * `created` is true only for pairs this call inserted.
 */
async function upsertMatches(pairs: Pair[], known?: Map<string, ExistingMatch>): Promise<StoredMatch[]> {
  if (!pairs.length) return [];
  const existing = known ?? (await existingMatches(pairs.map((p) => p.demand._id), pairs.map((p) => p.ach.id)));
  const now = new Date();
  const fields = (p: Pair) => ({
    demandOrg: p.demand.org,
    supplierOrg: new Types.ObjectId(p.ach.org),
    score: p.scored.score,
    summary: p.scored.summary,
    computedAt: now,
  });
  const ids = new Map<string, Types.ObjectId>();
  const created = new Set<string>();
  const fresh = pairs.filter((p) => !existing.has(pairKey(p.demand._id, p.ach.id)));
  const docs = fresh.map((p) => ({
    _id: new Types.ObjectId(),
    demand: p.demand._id,
    achievement: new Types.ObjectId(p.ach.id),
    ...fields(p),
    status: 'suggested',
    source: 'auto',
    reasons: p.scored.reasons,
  }));
  const taken = await insertNew(docs);
  fresh.forEach((p, i) => {
    if (taken.has(i)) return;
    ids.set(pairKey(p.demand._id, p.ach.id), docs[i]!._id);
    created.add(pairKey(p.demand._id, p.ach.id));
  });
  const raced = taken.size ? await existingMatches(fresh.filter((_, i) => taken.has(i)).map((p) => p.demand._id), fresh.filter((_, i) => taken.has(i)).map((p) => p.ach.id)) : new Map<string, ExistingMatch>();
  const toUpdate = pairs.flatMap((p) => {
    const m = existing.get(pairKey(p.demand._id, p.ach.id)) ?? raced.get(pairKey(p.demand._id, p.ach.id));
    return m ? [{ p, m }] : [];
  });
  await Promise.all(
    toUpdate.map(async ({ p, m }) => {
      // One write, guarded by the source read with the pair: auto matches take the fresh reasons,
      // broker-made ones keep the broker's reason first. Neither touches what people set (status,
      // decline), so a re-score cannot drop a decline. A broker who took the pair over meanwhile
      // makes the guard miss; the scores are then written alone.
      const reasons = m.source === 'auto' ? { reasons: p.scored.reasons } : {};
      let res = await Match.updateOne({ _id: m._id, source: m.source as 'auto' | 'broker' }, { $set: { ...fields(p), ...reasons } });
      if (!res.matchedCount) res = await Match.updateOne({ _id: m._id }, { $set: fields(p) });
      if (res.matchedCount) ids.set(pairKey(p.demand._id, p.ach.id), m._id);
    }),
  );
  const names = await orgKinds(pairs.map((p) => p.ach.org));
  return pairs.flatMap((p) => {
    const id = ids.get(pairKey(p.demand._id, p.ach.id));
    if (!id) return [];
    return [
      {
        id: String(id),
        achievementId: new Types.ObjectId(p.ach.id),
        achievementTitle: p.ach.title,
        demandId: p.demand._id,
        supplierOrgId: p.ach.org,
        supplierName: orgName(names.get(p.ach.org)),
        score: p.scored.score,
        summary: p.scored.summary,
        created: created.has(pairKey(p.demand._id, p.ach.id)),
      },
    ];
  });
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
  if (!demand) return [];
  return (await matchDemands(engine, [demand], opts))[0] ?? [];
}

/**
 * Matches many demands at once (batch docking), each exactly as `matchDemand` would, with a fixed
 * number of queries for the whole batch: the demands' organisations, one liveness check of every
 * candidate, one read of the matches already stored, the writes, the stale suggestions' removal.
 * Returns each demand's stored matches, in the order given ([] for a demand that is not open).
 */
export async function matchDemands(engine: SearchEngine, demands: DemandRow[], opts: { limit?: number; notify?: boolean } = {}): Promise<StoredMatch[][]> {
  const open = demands.filter((d) => d.status === 'open');
  if (!open.length) return demands.map(() => []);
  // An achievement this process writes during the run may have been seen before the write.
  let written = false;
  const stopWatching = onListingWritten((kind) => {
    if (kind === 'achievement') written = true;
  });
  try {
    const kinds = await orgKinds(open.map((d) => d.org));
    // Started before the engine queries and awaited after them: on FerretDB both are collection
    // scans (its SQLite backend uses no index but `_id`), which then overlap the engine's CPU work.
    const existingP = existingMatches(open.map((d) => d._id));
    const fromProcess = livenessSource === 'process' && pendingListings('achievement') !== null;
    const unpublishedP = fromProcess ? Promise.resolve(new Set<string>()) : unpublishedAchievements();
    existingP.catch(() => undefined);
    unpublishedP.catch(() => undefined);
    const runs: { demand: DemandRow; ranked: Ranked<AchievementHit>[]; next: number; chosen: Ranked<AchievementHit>[] }[] = [];
    for (const demand of open) {
      const dDoc = toDemandDoc(demand, kinds.get(String(demand.org))?.kind ?? 'enterprise');
      const hits = await withStoredOrgIds(await achievementCandidates(engine, dDoc));
      runs.push({ demand, ranked: rankAchievements(dDoc, hits.filter((h) => h.doc.orgId !== String(demand.org)), hits.length), next: 0, chosen: [] });
    }
    // The index can lag the database: only achievements still published there are matched. Each
    // demand takes its best candidates that are not known to be gone; the next best replaces one
    // that is. Known from the outbox (process liveness) or from the database's list of pending
    // unpublished achievements; when this process changed an achievement meanwhile (or the list was
    // too long to read), the chosen ones are asked about by id, one query per round.
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const gone = new Set<string>(await unpublishedP);
    const fill = (): string[] => {
      const added: string[] = [];
      for (const r of runs) {
        r.chosen = r.chosen.filter((x) => !gone.has(x.item.id));
        while (r.chosen.length < limit && r.next < r.ranked.length) {
          const x = r.ranked[r.next++]!;
          if (gone.has(x.item.id)) continue;
          r.chosen.push(x);
          added.push(x.item.id);
        }
      }
      return added;
    };
    let unchecked = fill();
    if (fromProcess) {
      // Only chosen candidates the outbox lists (written lately, or not yet indexed) are asked
      // about, by id; the next best replace those that are gone. Asked after the engine work, so a
      // listing written meanwhile is listed.
      const checked = new Set<string>();
      for (;;) {
        const listed = pendingListings('achievement') ?? new Set<string>();
        const chosen = runs.flatMap((r) => r.chosen.map((x) => x.item.id));
        const ask = [...new Set(chosen)].filter((id) => listed.has(id) && !checked.has(id));
        if (!ask.length) break;
        for (const id of ask) checked.add(id);
        for (const id of await checkPending(ask)) gone.add(id);
        fill();
      }
    } else if (written || !(await unpublishedP)) {
      const checked = new Set<string>();
      while (unchecked.length) {
        const ids = [...new Set(unchecked)].filter((id) => !checked.has(id));
        for (const id of ids) checked.add(id);
        const found = ids.length
          ? await findByIds<{ _id: Types.ObjectId }>(Achievement as never, ids.map((i) => new Types.ObjectId(i)), {
              filter: { status: trusted({ $ne: 'published' }) },
              projection: { _id: 1 },
            })
          : [];
        if (!found.length) break;
        for (const a of found) gone.add(String(a._id));
        unchecked = fill();
      }
    }
    const existing = await existingP;
    const perDemand = runs.map((r) =>
      r.chosen.map((x) => ({
        demand: r.demand,
        ach: { id: x.item.id, org: x.item.doc.orgId, title: title(x.item.doc.title) },
        scored: x.scored,
      })),
    );
    const stored = await upsertMatches(perDemand.flat(), existing);
    const byDemand = new Map<string, StoredMatch[]>();
    for (const m of stored) byDemand.set(String(m.demandId), [...(byDemand.get(String(m.demandId)) ?? []), m]);
    // Auto suggestions nobody acted on that this run no longer proposes are dropped.
    const kept = new Set(stored.map((m) => pairKey(m.demandId, m.achievementId)));
    const stale = [...existing.values()].filter((m) => m.source === 'auto' && m.status === 'suggested' && !kept.has(pairKey(m.demand, m.achievement)));
    if (stale.length) await deleteByIds(Match as never, stale.map((m) => m._id), { source: 'auto', status: 'suggested' });
    if (opts.notify !== false) for (const d of open) await announce((byDemand.get(String(d._id)) ?? []).filter((s) => s.created), d);
    return demands.map((d) => byDemand.get(String(d._id)) ?? []);
  } finally {
    stopWatching();
  }
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
    (await findByIds<DemandRow>(Demand as never, demandIds, { filter: { status: 'open' } })).map((d) => [String(d._id), d]),
  );
  const candidates = hits.flatMap((h) => {
    const demand = demands.get(h.id);
    return demand && String(demand.org) !== String(ach.org) ? [{ demand, hit: h }] : [];
  });
  const relative = relativeTo(candidates.map((x) => x.hit));
  const scored = rank(candidates, (x) => scoreCandidate(toDemandDoc(x.demand, 'enterprise'), aDoc, relative(x.hit.score)), opts.limit).map((x) => ({
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
    findByIds<DemandRow>(Demand as never, matches.map((m) => m.demand), {
      projection: { title: 1, field: 1, budgetMin: 1, budgetMax: 1, minTrl: 1, modes: 1, region: 1, anonymous: 1, revealedTo: 1, status: 1, org: 1 },
    }),
    findByIds<AchievementRow>(Achievement as never, matches.map((m) => m.achievement), {
      projection: { title: 1, summary: 1, field: 1, trl: 1, modes: 1, region: 1, status: 1, org: 1 },
    }),
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
    findPage<MatchLean>(Match as never, filter, { sort: { score: -1, _id: 1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(Match as never, filter),
  ]);
  return { items: await presentMatches(items, user), total, page: q.page, pageSize: q.pageSize };
}

/** One match, for its two sides, brokers of either side and platform admins. */
export async function getMatch(user: SessionUser, id: string, scope: BrokerScope | null = null) {
  const m = Types.ObjectId.isValid(id) ? await Match.findById(id).lean() : null;
  if (!m || !canSeeMatch(user, m, scope)) throw notFound('Match');
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
  const updated = await Match.findOneAndUpdate(
    { _id: m._id, status: trusted({ $in: ['suggested', 'interested'] }) },
    { $set: { status: 'dismissed', decline: { reason: input.reason, text: input.text, by: user.id, side, at: new Date() } } },
    { returnDocument: 'after' },
  ).lean();
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
