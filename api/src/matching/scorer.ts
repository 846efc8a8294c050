/**
 * The api's bridge to the matcher core in search/: builds the documents the core scores from the
 * stored listings, and turns a core score into what a Match stores (reasons with a sentence each).
 */
import {
  achievementText,
  buildAchievementQuery,
  buildDemandQuery,
  conceptPhrases,
  explain,
  findTerms,
  prepareTerms,
  prepareText,
  scoreMatch,
  type AchievementDoc,
  type DemandDoc,
  type MatchedTerm,
  type PreparedTerms,
  type SearchQuery,
} from '@techbridge/search';
import { toAchievementDoc as buildAchievementDoc, toDemandDoc as buildDemandDoc } from '../search/documents';
import type { AchievementLike } from '../achievements/achievements.presenter';
import type { DemandLike } from '../demands/demands.presenter';

export interface ScoredReason {
  kind: string;
  weight: number;
  detail: Record<string, unknown>;
  text: { zh: string; en: string };
}

export interface Scored {
  score: number;
  reasons: ScoredReason[];
  summary: { zh: string; en: string };
}

/** The scoring view of a stored achievement (org given as its kind). */
export function toAchievementDoc(a: unknown, orgKind: string): AchievementDoc {
  const row = a as AchievementLike & { org: unknown };
  return buildAchievementDoc({ ...row, org: { _id: row.org, kind: orgKind } } as AchievementLike);
}

/** The scoring view of a stored demand. */
export function toDemandDoc(d: unknown, orgKind: string): DemandDoc {
  const row = d as DemandLike & { org: unknown };
  const doc = buildDemandDoc({ ...row, anonymous: false, org: { _id: row.org, kind: orgKind } } as DemandLike);
  return { ...doc, orgId: String(row.org) } as DemandDoc;
}

export const demandQuery = (d: DemandDoc): SearchQuery => buildDemandQuery(d);
export const achievementQuery = (a: AchievementDoc): SearchQuery => buildAchievementQuery(a);

/**
 * Scores candidates for one demand: the engine's text relevance, blended with the share of the
 * demand's keywords the candidate contains, plus the listing attributes. The demand's keywords are
 * tokenised once, so re-scoring 50 candidates costs a substring check per keyword, not a Chinese
 * segmentation of every candidate. A demand without keywords shows the candidate's keywords its
 * own text mentions and the vocabulary's concepts both texts mention.
 */
export function candidateScorer(demand: DemandDoc): (achievement: AchievementDoc, textScore: number) => Scored {
  const wanted = prepareTerms(demand.keywords);
  const demandText = [demand.title.zh, demand.title.en, demand.description?.zh, demand.description?.en, ...demand.keywords].filter(Boolean).join('\n');
  // Without keywords, what the demand's text is about: the vocabulary's concepts in it.
  const about = wanted.size ? null : prepareTerms(conceptPhrases(demandText));
  const demandView = prepareText(demandText);
  return (achievement, textScore) => {
    const text = prepareText(achievementText(achievement));
    const found = wanted.size ? findTerms(wanted, text) : [];
    const concepts = about ? findTerms(about, text) : [];
    const terms = about ? sharedTerms(findTerms(preparedKeywords(achievement.keywords), demandView), concepts) : found;
    const evidence = wanted.size ? { coverage: found.length / wanted.size } : about?.size ? { conceptCoverage: concepts.length / about.size } : {};
    const s = scoreMatch(demand, achievement, { score: textScore, terms, ...evidence });
    return {
      score: s.score,
      reasons: s.reasons.map((r) => ({ kind: r.kind, weight: r.weight, detail: r.detail, text: explain([r]) })),
      summary: s.explanation,
    };
  };
}

/** Listings' keywords tokenised and expanded, by their text: a catalogue's popular listings are candidates again and again. */
const keywordCache = new Map<string, PreparedTerms>();
const KEYWORD_CACHE_SIZE = 20_000;

function preparedKeywords(keywords: readonly string[]): PreparedTerms {
  const key = keywords.join('\u0000');
  let prepared = keywordCache.get(key);
  if (!prepared) {
    if (keywordCache.size >= KEYWORD_CACHE_SIZE) keywordCache.clear();
    prepared = prepareTerms(keywords);
    keywordCache.set(key, prepared);
  }
  return prepared;
}

/**
 * Both lists of matched terms, each concept once, the first list's first: a term is already there
 * when its Chinese or its English (in any case: the keyword "AGV", the text's "AGVs") is.
 */
function sharedTerms(a: readonly MatchedTerm[], b: readonly MatchedTerm[]): MatchedTerm[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((t) => {
    const keys = [`zh:${t.zh}`, `en:${t.en.toLowerCase()}`];
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  });
}

/** Scores one candidate (see `candidateScorer`; prefer it for many candidates of one demand). */
export function scoreCandidate(demand: DemandDoc, achievement: AchievementDoc, textScore: number): Scored {
  return candidateScorer(demand)(achievement, textScore);
}
