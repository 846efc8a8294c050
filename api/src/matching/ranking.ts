/**
 * The matcher's ranking, in one place: the engine query for a listing, the re-score of every
 * candidate, the cut-off and the order. `matchDemand` / `matchAchievement` store what it returns,
 * and `npm run bench:match` measures exactly this code, so the published precision is the
 * production ranking's. No database access here: the caller decides which candidates are still
 * live (and not its own) before ranking.
 */
import type { AchievementDoc, DemandDoc, SearchEngine, SearchHit } from '@techbridge/search';
import { ACHIEVEMENTS_INDEX, DEMANDS_INDEX } from '@techbridge/search/indexes';
import { achievementQuery, candidateScorer, demandQuery, type Scored } from './scorer';

/** Matches below this score, or with fewer than two reasons, are not stored (nor shown). */
export const MIN_SCORE = 0.3;
export const MIN_REASONS = 2;
/** Candidates fetched from the engine per listing before re-scoring. */
export const CANDIDATES = 50;
/** Matches kept per listing unless the caller asks otherwise. */
export const DEFAULT_LIMIT = 10;

export interface Ranked<T> {
  item: T;
  scored: Scored;
}

/** Keeps the candidates that pass the bar (score and number of reasons), best first, at most `limit`. */
export function rank<T>(items: readonly T[], score: (item: T) => Scored, limit = DEFAULT_LIMIT): Ranked<T>[] {
  return items
    .map((item) => ({ item, scored: score(item) }))
    .filter((x) => x.scored.score >= MIN_SCORE && x.scored.reasons.length >= MIN_REASONS)
    .sort((a, b) => b.scored.score - a.scored.score)
    .slice(0, limit);
}

/** The engine's candidate achievements for a demand (text plus hard filters), not yet re-scored. */
export async function achievementCandidates(engine: SearchEngine, demand: DemandDoc): Promise<SearchHit<AchievementDoc>[]> {
  const res = await engine.search<AchievementDoc>(ACHIEVEMENTS_INDEX, { ...demandQuery(demand), page: 1, pageSize: CANDIDATES });
  return res.hits;
}

/** The engine's candidate demands for an achievement. */
export async function demandCandidates(engine: SearchEngine, achievement: AchievementDoc): Promise<SearchHit<DemandDoc>[]> {
  const res = await engine.search<DemandDoc>(DEMANDS_INDEX, { ...achievementQuery(achievement), page: 1, pageSize: CANDIDATES });
  return res.hits;
}

/** Re-scores candidate achievements for a demand and keeps the best (see `rank`). */
export function rankAchievements(demand: DemandDoc, hits: readonly SearchHit<AchievementDoc>[], limit = DEFAULT_LIMIT): Ranked<SearchHit<AchievementDoc>>[] {
  const score = candidateScorer(demand);
  return rank(hits, (h) => score(h.doc, h.score), limit);
}
