// The matcher: listings in, stored and announced Matches out, as five named steps —
// candidates (pipeline/candidates.ts) → rank (rank.ts) → live check (live-check.ts) → store
// (store.ts) → announce (announce.ts). Built once by the composition root with what it depends on:
// the search engine, where liveness comes from, and the effects registry that announces.

import type { AchievementDoc, SearchEngine } from '@techbridge/search';
import { ACHIEVEMENTS_INDEX } from '@techbridge/search/indexes';
import type { Effects } from '../events/effects';
import { DEFAULT_LIMIT, rankNearMisses, type NearMiss } from './ranking';
import { demandQuery, scoreCandidate, toAchievementDoc, toDemandDoc, type Scored } from './scorer';
import { findAchievement, findDemand, openDemandIds, orgSummaries, title, unpublishedAmong, type AchievementRow, type DemandRow, type Id } from './listings';
import { candidatesForAchievement, candidatesForDemands, type AchievementHit } from './pipeline/candidates';
import { rankForAchievement, rankForDemand } from './pipeline/rank';
import { AchievementLiveCheck, liveDemands, type LivenessSource } from './pipeline/live-check';
import { storeMatches, storedMatchesOf, type StoredMatch } from './pipeline/store';
import { announce, recoverAnnouncements, registerMatchEffects } from './pipeline/announce';

export type { LivenessSource } from './pipeline/live-check';
export type { StoredMatch } from './pipeline/store';
export { MIN_SCORE, MIN_REASONS } from './ranking';

export interface MatcherDeps {
  search: SearchEngine;
  /** See `LivenessSource`; `livenessFor(search)` is the right one for one process's engine. */
  liveness: LivenessSource;
  /** Where new matches are announced; without it (benches, CLIs) nothing is. */
  effects?: Effects;
}

export interface MatchOptions {
  /** Matches kept per listing (default 10). */
  limit?: number;
  /** Announce new matches (default true). */
  notify?: boolean;
}

export interface Matcher {
  readonly liveness: LivenessSource;
  /**
   * Matches one open demand against published achievements: candidates from the engine (text plus
   * hard filters), re-scored, the best stored. Re-running updates matches in place and drops stale
   * auto suggestions nobody acted on.
   */
  matchDemand(demandId: Id, opts?: MatchOptions & { demand?: DemandRow }): Promise<StoredMatch[]>;
  /**
   * Matches many demands at once (batch docking), each exactly as `matchDemand` would, with a fixed
   * number of queries for the whole batch: the demands' organisations, one liveness check of every
   * candidate, one read of the matches already stored, the writes, the stale suggestions' removal.
   * Returns each demand's stored matches, in the order given ([] for a demand that is not open).
   */
  matchDemands(demands: readonly DemandRow[], opts?: MatchOptions): Promise<StoredMatch[][]>;
  /** Matches one published achievement against open demands (the other direction). */
  matchAchievement(achievementId: Id, opts?: MatchOptions): Promise<StoredMatch[]>;
  /** Matches a listing named by its search collection (the match queue's work, after the indexer pushed it). */
  matchListing(collection: 'achievements' | 'demands', id: string): Promise<StoredMatch[]>;
  /** Runs the matcher for every open demand, announcing nothing (used after seeding); the number of matches stored. */
  rematchAll(): Promise<number>;
  /**
   * An open demand's near misses (`rankNearMisses`): achievements on its subject that break one of
   * its hard constraints, best first, still published. Computed on request, never stored or announced.
   */
  nearMisses(demand: DemandRow, limit?: number): Promise<NearMiss<AchievementHit>[]>;
  /** Scores one demand/achievement pair without storing it (broker-made matches). */
  scorePair(demand: DemandRow, ach: AchievementRow): Promise<Scored>;
  /**
   * Announces the matches a crash left stored but unannounced, at least `minAgeMs` old (the
   * background workers' holder runs it); the number found. Without an effects registry, none.
   */
  recoverAnnouncements(opts?: { minAgeMs?: number }): Promise<number>;
}

/** The liveness source for an engine: the embedded one is fed by this process's indexer alone, so its outbox knows what it lags. */
export const livenessFor = (search: Pick<SearchEngine, 'kind'>): LivenessSource => (search.kind === 'embedded' ? 'process' : 'database');

/** Builds the matcher (registering its events' effects on `deps.effects`). */
export function createMatcher(deps: MatcherDeps): Matcher {
  const { search: engine, liveness, effects } = deps;
  if (effects) registerMatchEffects(effects);

  async function matchDemands(demands: readonly DemandRow[], opts: MatchOptions = {}): Promise<StoredMatch[][]> {
    const open = demands.filter((d) => d.status === 'open');
    if (!open.length) return demands.map(() => []);
    const orgs = await orgSummaries(open.map((d) => d.org));
    // Both started before the engine queries and awaited after them (see AchievementLiveCheck).
    const existingP = storedMatchesOf(open);
    existingP.catch(() => undefined);
    const live = new AchievementLiveCheck(liveness);
    try {
      const rankings = (await candidatesForDemands(engine, open, orgs)).map(rankForDemand);
      const choices = await live.choose(rankings, opts.limit ?? DEFAULT_LIMIT);
      const pairs = choices.flatMap((c) =>
        c.chosen.map((x) => ({ demand: c.demand, ach: { id: x.item.id, org: x.item.doc.orgId, title: title(x.item.doc.title) }, scored: x.scored })),
      );
      const announced = !!effects && opts.notify !== false;
      const stored = await storeMatches(pairs, { existing: await existingP, replace: true, announce: announced });
      const byDemand = new Map<string, StoredMatch[]>();
      for (const m of stored) byDemand.set(String(m.demandId), [...(byDemand.get(String(m.demandId)) ?? []), m]);
      if (announced) for (const d of open) await announce(effects, (byDemand.get(String(d._id)) ?? []).filter((s) => s.created), d);
      return demands.map((d) => byDemand.get(String(d._id)) ?? []);
    } finally {
      live.stop();
    }
  }

  async function matchDemand(demandId: Id, opts: MatchOptions & { demand?: DemandRow } = {}): Promise<StoredMatch[]> {
    const demand = opts.demand ?? (await findDemand(demandId));
    if (!demand) return [];
    return (await matchDemands([demand], opts))[0] ?? [];
  }

  async function matchAchievement(achievementId: Id, opts: MatchOptions = {}): Promise<StoredMatch[]> {
    const ach = await findAchievement(achievementId);
    if (!ach || ach.status !== 'published') return [];
    const candidates = await candidatesForAchievement(engine, ach, await orgSummaries([ach.org]));
    const ranked = rankForAchievement(candidates.doc, await liveDemands(candidates), opts.limit);
    const achRef = { id: String(ach._id), org: String(ach.org), title: title(ach.title) };
    const announced = !!effects && opts.notify !== false;
    const stored = await storeMatches(ranked.map((x) => ({ demand: x.demand, ach: achRef, scored: x.scored })), { announce: announced });
    if (announced) {
      for (const s of stored.filter((x) => x.created)) {
        await announce(effects, [s], ranked.find((x) => String(x.demand._id) === String(s.demandId))!.demand);
      }
    }
    return stored;
  }

  async function rematchAll(): Promise<number> {
    let n = 0;
    for await (const d of openDemandIds()) n += (await matchDemand(d._id, { notify: false })).length;
    return n;
  }

  async function nearMisses(demand: DemandRow, limit = DEFAULT_LIMIT): Promise<NearMiss<AchievementHit>[]> {
    if (demand.status !== 'open') return [];
    const [c] = await candidatesForDemands(engine, [demand], await orgSummaries([demand.org]), { unconstrained: true });
    const ranked = rankNearMisses(c!.doc, c!.hits, limit * 2);
    // The index can lag the database: those no longer published are left out.
    const gone = new Set(await unpublishedAmong(ranked.map((x) => x.item.id)));
    return ranked.filter((x) => !gone.has(x.item.id)).slice(0, limit);
  }

  async function scorePair(demand: DemandRow, ach: AchievementRow): Promise<Scored> {
    const kinds = await orgSummaries([demand.org, ach.org]);
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

  const matchListing = (collection: 'achievements' | 'demands', id: string) => (collection === 'demands' ? matchDemand(id) : matchAchievement(id));

  const recover = (o: { minAgeMs?: number } = {}) => (effects ? recoverAnnouncements(effects, o) : Promise.resolve(0));

  return { liveness, matchDemand, matchDemands, matchAchievement, matchListing, rematchAll, nearMisses, scorePair, recoverAnnouncements: recover };
}
