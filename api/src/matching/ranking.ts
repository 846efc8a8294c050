/**
 * The matcher's ranking, in one place: the engine query for a listing, the re-score of every
 * candidate, the cut-off and the order. `matchDemand` / `matchAchievement` store what it returns,
 * and `npm run bench:match` measures exactly this code, so the published precision is the
 * production ranking's. No database access here: the caller decides which candidates are still
 * live (and not its own) before ranking.
 */
import { buildDemandQuery, buildGlossQuery, constraintBreaks, explainBreaks, type AchievementDoc, type ConstraintBreak, type DemandDoc, type QueryOptions, type SearchEngine, type SearchHit, type SearchQuery } from '@techbridge/search';
import { ACHIEVEMENTS_INDEX, DEMANDS_INDEX } from '@techbridge/search/indexes';
import { achievementQuery, candidateScorer, type Scored } from './scorer';

/**
 * Matches below this score, or with fewer than two reasons, are not stored, so neither shown nor
 * announced (issue 17: suppliers were told of 34–46 % matches). On the labelled set 0.5 keeps 137
 * of the 138 relevant achievements the matcher ranked in a top 10 at 0.3, and drops 306 of the 548
 * others; `worthShowing` applies the same bar to what is already stored.
 */
export const MIN_SCORE = 0.5;
export const MIN_REASONS = 2;

/**
 * Whether a stored match may be shown and announced: at least MIN_SCORE, and more to it than the
 * engine's 「文本相关」 (a keywords reason naming no shared term) — a broker's own recommendation is
 * a person's judgement and always shown.
 */
export function worthShowing(m: { score: number; source?: string | null; reasons?: readonly { kind: string; detail?: Record<string, unknown> | null }[] | null }): boolean {
  if (m.source === 'broker') return true;
  if (m.score < MIN_SCORE) return false;
  const substantive = (m.reasons ?? []).filter((r) => r.kind !== 'keywords' || ((r.detail?.terms as unknown[] | undefined)?.length ?? 0) > 0);
  return substantive.length > 0;
}
/**
 * The subject must be shared, not only the terms: a candidate whose text credit (the keywords
 * reason's weight) is below this share of the best candidate's, or below MIN_TEXT_WEIGHT, is not
 * kept however well its field, price and TRL fit. On the labelled set no relevant achievement
 * falls under either bar, while about 40 % of the off-subject tail did (`npm run bench:match`).
 */
export const MIN_TEXT_SHARE_OF_BEST = 0.2;
export const MIN_TEXT_WEIGHT = 0.05;
/** A dictionary's gloss is weaker evidence than the demand's own words: its matches count for this share. */
export const GLOSS_DISCOUNT = 0.9;
/** Candidates fetched from the engine per listing before re-scoring. */
export const CANDIDATES = 50;
/** Matches kept per listing unless the caller asks otherwise. */
export const DEFAULT_LIMIT = 10;

export interface Ranked<T> {
  item: T;
  scored: Scored;
}

/** The text part of a score: what the keywords reason contributed (0 when it is absent). */
export const textWeight = (s: Scored): number => s.reasons.find((r) => r.kind === 'keywords')?.weight ?? 0;

/**
 * Keeps the candidates that pass the bar — score, number of reasons, and text credit against the
 * best candidate's — best first, at most `limit`.
 */
export function rank<T>(items: readonly T[], score: (item: T) => Scored, limit = DEFAULT_LIMIT): Ranked<T>[] {
  const scored = items.map((item) => ({ item, scored: score(item) }));
  const best = Math.max(0, ...scored.map((x) => textWeight(x.scored)));
  const textBar = Math.max(MIN_TEXT_WEIGHT, MIN_TEXT_SHARE_OF_BEST * best);
  return scored
    .filter((x) => x.scored.score >= MIN_SCORE && x.scored.reasons.length >= MIN_REASONS && textWeight(x.scored) >= textBar)
    .sort((a, b) => b.scored.score - a.scored.score)
    .slice(0, limit);
}

/**
 * The engine's candidate achievements for a demand (text plus hard filters), not yet re-scored;
 * `unconstrained` leaves the hard filters out (near misses).
 */
export async function achievementCandidates(engine: SearchEngine, demand: DemandDoc, options: QueryOptions = {}): Promise<SearchHit<AchievementDoc>[]> {
  const res = { hits: await withinConstraints(engine, demand, (o) => buildDemandQuery(demand, o), options) };
  if (!demand.gloss) {
    // An English-only demand meets a Chinese-only listing in that listing's dictionary glosses
    // alone, against bilingual and English listings that match in their own words: the
    // Chinese-only hits are judged among themselves too, as the gloss query does the other way.
    const chineseOnly = englishOnly(demand) ? res.hits.filter((h) => h.doc.gloss) : [];
    return chineseOnly.length ? bestOfLanguages([res.hits, chineseOnly], [1, GLOSS_DISCOUNT]) : res.hits;
  }
  const english = { hits: await withinConstraints(engine, demand, (o) => buildGlossQuery(demand, o)!, options) };
  // …and the English-only listings among themselves: a bilingual listing answers the glosses too.
  const englishOnlyHits = english.hits.filter((h) => !h.doc.title.zh?.trim() && !h.doc.summary.zh?.trim());
  return bestOfLanguages([res.hits, english.hits, englishOnlyHits], [1, GLOSS_DISCOUNT, GLOSS_DISCOUNT]);
}

/** Text hits fetched without the hard filters, from which those within the constraints are kept. */
export const UNFILTERED_CANDIDATES = 100;
/** Fewer kept than this, and the engine is asked again with the hard filters. */
export const MIN_KEPT_UNFILTERED = CANDIDATES / 2;

/**
 * The engine's text hits for a demand within its hard constraints. The constraint filters cost the
 * embedded engine as much as the words at 100k listings (bench:match), so the best
 * UNFILTERED_CANDIDATES by text alone are fetched and the constraints checked on them here; when
 * fewer than MIN_KEPT_UNFILTERED pass (a demand stricter than most of what it talks about), the
 * filtered query runs instead — the candidates are never fewer than the filtered query's.
 */
async function withinConstraints(
  engine: SearchEngine,
  demand: DemandDoc,
  query: (options: QueryOptions) => SearchQuery,
  options: QueryOptions,
): Promise<SearchHit<AchievementDoc>[]> {
  if (!options.unconstrained) {
    const loose = await engine.search<AchievementDoc>(ACHIEVEMENTS_INDEX, { ...query({ unconstrained: true }), page: 1, pageSize: UNFILTERED_CANDIDATES });
    const kept = loose.hits.filter((h) => constraintBreaks(demand, h.doc).length === 0);
    if (kept.length >= MIN_KEPT_UNFILTERED || loose.hits.length < UNFILTERED_CANDIDATES) return kept.slice(0, CANDIDATES);
  }
  return (await engine.search<AchievementDoc>(ACHIEVEMENTS_INDEX, { ...query(options), page: 1, pageSize: CANDIDATES })).hits;
}

/** A demand with no Chinese in its title, description or keywords. */
const englishOnly = (d: DemandDoc) => !d.title.zh?.trim() && !d.description?.zh?.trim() && !d.keywords.some((k) => /\p{Script=Han}/u.test(k));

/**
 * Hits of the same listings from several queries (a Chinese-only demand's own words, and its English
 * glosses), each list made relative to its best hit, merged by each listing's best relative score:
 * an English-only listing is judged by how well it answers in English, not by how many more words a
 * bilingual listing shares with the Chinese.
 */
export function bestOfLanguages<T>(lists: readonly (readonly SearchHit<T>[])[], weights: readonly number[] = []): SearchHit<T>[] {
  const best = new Map<string, SearchHit<T>>();
  for (const [i, hits] of lists.entries()) {
    const relative = relativeTo(hits);
    for (const h of hits) {
      const score = relative(h.score) * (weights[i] ?? 1);
      const seen = best.get(h.id);
      if (!seen || score > seen.score) best.set(h.id, { ...h, score });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, CANDIDATES);
}

/** The engine's candidate demands for an achievement. */
export async function demandCandidates(engine: SearchEngine, achievement: AchievementDoc): Promise<SearchHit<DemandDoc>[]> {
  const res = await engine.search<DemandDoc>(DEMANDS_INDEX, { ...achievementQuery(achievement), page: 1, pageSize: CANDIDATES });
  return res.hits;
}

/**
 * Engine scores made relative to the best candidate's. A long description (a plain-language demand
 * without keywords) matches a small share of any listing's words, so raw scores bunch up low and
 * field, price and TRL would outweigh the subject; relative to the best hit, the text keeps its
 * designed weight (bench:match, no-keyword and plain-language figures). Which candidates are
 * off-subject is then decided by `rank`'s text bar.
 */
export function relativeTo(hits: readonly { score: number }[]): (score: number) => number {
  const best = Math.max(0, ...hits.map((h) => h.score));
  return (score) => (best > 0 ? score / best : 0);
}

/**
 * Re-scores candidate achievements for a demand and keeps the best (see `rank`). A candidate that
 * breaks one of the demand's hard constraints (`constraintBreaks`) is never among them: the engine
 * query filters them out, and this is the check for an index written before it did.
 */
export function rankAchievements(demand: DemandDoc, hits: readonly SearchHit<AchievementDoc>[], limit = DEFAULT_LIMIT): Ranked<SearchHit<AchievementDoc>>[] {
  const score = candidateScorer(demand);
  const relative = relativeTo(hits);
  return rank(
    hits.filter((h) => constraintBreaks(demand, h.doc).length === 0),
    (h) => score(h.doc, relative(h.score)),
    limit,
  );
}

/** A near miss: a candidate on the demand's subject that breaks at least one of its hard constraints. */
export interface NearMiss<T> extends Ranked<T> {
  breaks: ConstraintBreak[];
}

/**
 * The candidates `rankAchievements` leaves out for a hard constraint alone: those that break one
 * and would otherwise pass the bar, best first, each with the constraints it breaks. Shown apart,
 * and only when the demand's owner asks (never stored, never notified). The bar is judged against
 * the best candidate of all — within the constraints or not — so a near miss is as much on subject
 * as a match.
 */
export function rankNearMisses(demand: DemandDoc, hits: readonly SearchHit<AchievementDoc>[], limit = DEFAULT_LIMIT): NearMiss<SearchHit<AchievementDoc>>[] {
  const score = candidateScorer(demand);
  const relative = relativeTo(hits);
  return rank(hits, (h) => score(h.doc, relative(h.score)), hits.length)
    .map((x) => ({ ...x, breaks: explainBreaks(demand, x.item.doc) }))
    .filter((x) => x.breaks.length > 0)
    .slice(0, limit);
}
