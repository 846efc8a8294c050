/**
 * The text half of an embedded query, run directly on MiniSearch's inverted index. MiniSearch's own
 * executor scores every posting of every term and sorts everything; at 100k listings common words
 * ("材料", "system") have tens of thousands of postings, which put p95 above 200 ms. This executor
 * keeps MiniSearch's index, term dictionary (prefix and typo lookups) and BM25 formula, but:
 *
 * - evaluates the concept groups of an all-words query from the rarest to the most common, and
 *   scores each later term only on the documents still in the running (a hash lookup per
 *   candidate instead of a scan of the whole posting list, whichever is cheaper);
 * - checks filters (precomputed per slot) before any score is accumulated;
 * - keeps one number per candidate (no per-document objects).
 */
import type { QueryGroup } from '../synonyms';
import { isLatinWord, typoBudget } from '../tokenizer';

/** Postings of one term: field id → (MiniSearch short id → term frequency). */
export type FieldTermData = Map<number, Map<number, number>>;

/** The parts of MiniSearch used here (stable since MiniSearch 6). */
export interface MiniInternals {
  _index: {
    get(term: string): FieldTermData | undefined;
    has(term: string): boolean;
    atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
  };
  _documentCount: number;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Prefix expansion stops after this many words ("sen" → sensor, sensing, …). */
const MAX_PREFIX_EXPANSIONS = 30;
const MIN_PREFIX_LENGTH = 3;

interface PostingList {
  postings: Map<number, number>;
  fieldId: number;
  /** term weight × field boost × idf */
  mult: number;
  avgLength: number;
}

interface TermPlan {
  /** Every expansion (exact, prefix, typo) of the query term that exists in the index. */
  terms: string[];
  lists: PostingList[];
  /** Number of postings over all lists: the cost of a scan. */
  size: number;
}

interface GroupPlan {
  alternatives: TermPlan[][];
  estimate: number;
}

export interface TextResult {
  /** short id → raw BM25 score */
  scores: Map<number, number>;
  /** short id → number of query groups matched (only for the any-words fallback). */
  groupsMatched?: Map<number, number>;
  /** Every index term the query expanded to, for highlighting. */
  terms: Set<string>;
  /** Whether every group was required. */
  allWords: boolean;
}

/** Field lengths of every document, flat: `data[shortId * stride + fieldId]` (a Map lookup per posting is too slow). */
export interface FieldLengths {
  data: Float32Array<ArrayBuffer>;
  stride: number;
}

export class TextExecutor {
  private readonly boostById: number[] = [];

  constructor(
    private readonly mini: MiniInternals,
    boosts: Record<string, number>,
    private readonly lengths: FieldLengths,
  ) {
    for (const [field, id] of Object.entries(mini._fieldIds)) this.boostById[id] = boosts[field] ?? 1;
  }

  private planTerm(term: string, prefix: boolean): TermPlan {
    const found = new Map<string, [FieldTermData, number]>();
    const exact = this.mini._index.get(term);
    if (exact) found.set(term, [exact, 1]);
    if (prefix && isLatinWord(term) && term.length >= MIN_PREFIX_LENGTH) {
      let n = 0;
      for (const [t, data] of this.mini._index.atPrefix(term)) {
        if (t === term) continue;
        if (++n > MAX_PREFIX_EXPANSIONS) break;
        const distance = t.length - term.length;
        found.set(t, [data, (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance)]);
      }
    }
    // Typos only for Latin words of 5+ letters, and only when the word itself is not in the
    // index: a real word is taken as meant, which keeps common queries cheap and precise.
    if (!exact && typoBudget(term) === 1) {
      for (const [t, [data, distance]] of this.mini._index.fuzzyGet(term, 1)) {
        if (distance === 0 || found.has(t)) continue;
        found.set(t, [data, (FUZZY_WEIGHT * t.length) / (t.length + distance)]);
      }
    }
    const n = this.mini._documentCount || 1;
    const lists: PostingList[] = [];
    let size = 0;
    for (const [data, weight] of found.values()) {
      for (const [fieldId, postings] of data) {
        const boost = this.boostById[fieldId];
        if (!boost || postings.size === 0) continue;
        const df = postings.size;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        lists.push({ postings, fieldId, mult: weight * boost * idf, avgLength: this.mini._avgFieldLength[fieldId] || 1 });
        size += df;
      }
    }
    return { terms: [...found.keys()], lists, size };
  }

  private bm25(list: PostingList, shortId: number, tf: number): number {
    const len = this.lengths.data[shortId * this.lengths.stride + list.fieldId] ?? list.avgLength;
    return list.mult * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * len) / list.avgLength)));
  }

  /** Scores of one term over `restrict` (or over every allowed document when null). */
  private evalTerm(term: TermPlan, restrict: Map<number, number> | null, allowed: (shortId: number) => boolean): Map<number, number> {
    const out = new Map<number, number>();
    if (restrict && restrict.size * term.lists.length < term.size) {
      for (const shortId of restrict.keys()) {
        let score = 0;
        for (const list of term.lists) {
          const tf = list.postings.get(shortId);
          if (tf !== undefined) score += this.bm25(list, shortId, tf);
        }
        if (score > 0) out.set(shortId, score);
      }
      return out;
    }
    for (const list of term.lists) {
      for (const [shortId, tf] of list.postings) {
        if (restrict ? !restrict.has(shortId) : !allowed(shortId)) continue;
        out.set(shortId, (out.get(shortId) ?? 0) + this.bm25(list, shortId, tf));
      }
    }
    return out;
  }

  /** A group: OR of alternatives, each the AND of its terms (rarest first). */
  private evalGroup(group: GroupPlan, restrict: Map<number, number> | null, allowed: (shortId: number) => boolean): Map<number, number> {
    const out = new Map<number, number>();
    for (const alt of group.alternatives) {
      if (alt.some((t) => t.lists.length === 0)) continue;
      let acc: Map<number, number> | null = null;
      for (const term of [...alt].sort((a, b) => a.size - b.size)) {
        const scores: Map<number, number> = this.evalTerm(term, acc ?? restrict, allowed);
        if (acc) for (const [id, s] of scores) scores.set(id, s + (acc.get(id) as number));
        acc = scores;
        if (acc.size === 0) break;
      }
      for (const [id, s] of acc ?? []) out.set(id, (out.get(id) ?? 0) + s);
    }
    return out;
  }

  /**
   * Runs the groups as an all-words query; when no document has every group, falls back to any
   * word, recording how many groups each document matched. `initial` restricts the candidates
   * from the start (a selective filter).
   */
  run(groups: QueryGroup[], allowed: (shortId: number) => boolean, initial: Map<number, number> | null, allWords = true): TextResult {
    const last = groups[groups.length - 1];
    const lastTerm = last?.source[last.source.length - 1];
    const terms = new Set<string>();
    const plans: GroupPlan[] = groups.map((g, gi) => {
      const alternatives = g.alternatives.map((alt, ai) =>
        alt.map((t, ti) => {
          const isLast = gi === groups.length - 1 && ai === 0 && ti === alt.length - 1 && t === lastTerm;
          const plan = this.planTerm(t, isLast);
          for (const x of plan.terms) terms.add(x);
          return plan;
        }),
      );
      const estimate = alternatives.reduce((n, alt) => n + Math.min(...alt.map((t) => t.size)), 0);
      return { alternatives, estimate };
    });

    let cand: Map<number, number> | null = initial;
    for (const plan of allWords ? [...plans].sort((a, b) => a.estimate - b.estimate) : []) {
      const scores = this.evalGroup(plan, cand, allowed);
      if (cand) for (const [id, s] of scores) scores.set(id, s + (cand.get(id) as number));
      cand = scores;
      if (cand.size === 0) break;
    }
    if (allWords && ((cand?.size ?? 0) > 0 || plans.length < 2)) return { scores: cand ?? new Map(), terms, allWords: true };

    const scores = new Map<number, number>();
    const groupsMatched = new Map<number, number>();
    for (const plan of plans) {
      for (const [id, s] of this.evalGroup(plan, initial, allowed)) {
        scores.set(id, (scores.get(id) ?? 0) + s);
        groupsMatched.set(id, (groupsMatched.get(id) ?? 0) + 1);
      }
    }
    return { scores, groupsMatched, terms, allWords: false };
  }
}
