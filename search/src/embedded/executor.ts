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
/** In an any-word query, words in more than this share of the documents are common (see `run`)… */
const COMMON_SHARE = 0.1;
/** …once the index is large enough for shares to mean something. */
const COMMON_MIN_DOCS = 1000;

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
  /** Documents holding the group, about (its most frequent alternative's rarest term, in its most frequent field). */
  df: number;
}

export interface TextResult {
  /** Matching short ids. */
  ids: number[];
  /** Raw BM25 score per entry of `ids`. */
  raw: number[];
  /** Number of query groups matched per entry of `ids` (only when not every word was required). */
  groupsMatched?: number[];
  /** Number of query groups evaluated (common words can be left out; see `run`). */
  groupsUsed?: number;
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
  private readonly pool = new ScorePool();

  constructor(
    private readonly mini: MiniInternals,
    boosts: Record<string, number>,
    private readonly lengths: FieldLengths,
    /** Postings kept outside MiniSearch's term tree (identifier fields), merged into exact lookups. */
    private readonly extra?: (term: string) => FieldTermData | undefined,
  ) {
    for (const [field, id] of Object.entries(mini._fieldIds)) this.boostById[id] = boosts[field] ?? 1;
  }

  private lookup(term: string): FieldTermData | undefined {
    const tree = this.mini._index.get(term);
    const more = this.extra?.(term);
    if (!more) return tree;
    if (!tree) return more;
    const merged: FieldTermData = new Map(tree);
    for (const [fieldId, postings] of more) merged.set(fieldId, postings);
    return merged;
  }

  private planTerm(term: string, prefix: boolean): TermPlan {
    const found = new Map<string, [FieldTermData, number]>();
    const exact = this.lookup(term);
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
  private evalTerm(term: TermPlan, restrict: ScoreSet | null, allowed: (shortId: number) => boolean): ScoreSet {
    const out = this.pool.acquire();
    if (restrict && restrict.ids.length * term.lists.length < term.size) {
      // Few candidates left: look each one up instead of scanning the posting lists.
      for (const shortId of restrict.ids) {
        let score = 0;
        for (const list of term.lists) {
          const tf = list.postings.get(shortId);
          if (tf !== undefined) score += this.bm25(list, shortId, tf);
        }
        if (score > 0) out.add(shortId, score);
      }
      return out;
    }
    for (const list of term.lists) {
      list.postings.forEach((tf, shortId) => {
        if (restrict ? restrict.has(shortId) : allowed(shortId)) out.add(shortId, this.bm25(list, shortId, tf));
      });
    }
    return out;
  }

  /** A group: OR of alternatives, each the AND of its terms (rarest first). */
  private evalGroup(group: GroupPlan, restrict: ScoreSet | null, allowed: (shortId: number) => boolean): ScoreSet {
    let out: ScoreSet | null = null;
    for (const alt of group.alternatives) {
      if (alt.some((t) => t.lists.length === 0)) continue;
      let acc: ScoreSet | null = null;
      for (const term of [...alt].sort((a, b) => a.size - b.size)) {
        const scores: ScoreSet = this.evalTerm(term, acc ?? restrict, allowed);
        if (acc) {
          for (const id of scores.ids) scores.score[id] = (scores.score[id] as number) + (acc.score[id] as number);
          this.pool.release(acc);
        }
        acc = scores;
        if (acc.ids.length === 0) break;
      }
      if (!acc) continue;
      if (!out) {
        out = acc;
        continue;
      }
      for (const id of acc.ids) out.add(id, acc.score[id] as number);
      this.pool.release(acc);
    }
    return out ?? this.pool.acquire();
  }

  /**
   * Runs the groups as an all-words query; when no document has every group (or when `allWords`
   * is false), any word counts, and how many groups each document matched is recorded.
   * `initial` restricts the candidates from the start (a selective filter).
   */
  run(groups: QueryGroup[], allowed: (shortId: number) => boolean, initial: readonly number[] | null, capacity: number, allWords = true): TextResult {
    this.pool.reset(capacity);
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
      const df = Math.max(0, ...alternatives.map((alt) => Math.min(...alt.map((t) => Math.max(0, ...t.lists.map((l) => l.postings.size))))));
      return { alternatives, estimate, df };
    });
    const seed = (): ScoreSet | null => {
      if (!initial) return null;
      const set = this.pool.acquire();
      for (const id of initial) set.add(id, 0);
      return set;
    };

    if (allWords) {
      let cand = seed();
      for (const plan of [...plans].sort((a, b) => a.estimate - b.estimate)) {
        const scores = this.evalGroup(plan, cand, allowed);
        if (cand) {
          for (const id of scores.ids) scores.score[id] = (scores.score[id] as number) + (cand.score[id] as number);
          this.pool.release(cand);
        }
        cand = scores;
        if (cand.ids.length === 0) break;
      }
      if ((cand && cand.ids.length > 0) || plans.length < 2) {
        return { ids: cand ? [...cand.ids] : [], raw: cand ? cand.ids.map((id) => cand.score[id] as number) : [], terms, allWords: true };
      }
    }

    const restrict = seed();
    const total = this.pool.acquire();
    const count = this.pool.acquire();
    // Any-word queries (the matcher's, 15–30 words) would scan most of a large index for words
    // such as 技术 or "technology", which tell no document from another. A group in more than
    // COMMON_SHARE of the documents is left out (and not counted in the coverage) when a rarer
    // group found something, as Lucene's common-terms query does.
    const docs = this.mini._documentCount;
    const common = (p: GroupPlan) => docs >= COMMON_MIN_DOCS && p.df > COMMON_SHARE * docs;
    const rare = plans.filter((p) => !common(p));
    let groupsUsed = plans.length;
    for (const plan of rare.length < plans.length ? [...rare, ...plans.filter(common)] : plans) {
      if (common(plan) && rare.length > 0 && total.ids.length > 0) {
        groupsUsed = rare.length;
        break;
      }
      const g = this.evalGroup(plan, restrict, allowed);
      for (const id of g.ids) {
        total.add(id, g.score[id] as number);
        count.add(id, 1);
      }
      this.pool.release(g);
    }
    return {
      ids: [...total.ids],
      raw: total.ids.map((id) => total.score[id] as number),
      groupsMatched: total.ids.map((id) => count.score[id] as number),
      groupsUsed,
      terms,
      allWords: false,
    };
  }
}

/**
 * A set of short ids with a score each, on dense typed arrays (a generation mark per id says
 * membership), so accumulating tens of thousands of postings costs array writes, not Map inserts.
 */
class ScoreSet {
  score = new Float64Array(0);
  mark = new Uint32Array(0);
  gen = 0;
  ids: number[] = [];

  ensure(capacity: number): void {
    if (this.score.length >= capacity) return;
    const size = Math.max(capacity, this.score.length * 2, 1024);
    this.score = new Float64Array(size);
    this.mark = new Uint32Array(size);
    this.gen = 0;
  }

  clear(): void {
    this.ids = [];
    this.gen += 1;
    if (this.gen >= 0xffffffff) {
      this.mark.fill(0);
      this.gen = 1;
    }
  }

  has(id: number): boolean {
    return this.mark[id] === this.gen;
  }

  add(id: number, s: number): void {
    if (this.mark[id] === this.gen) {
      this.score[id] = (this.score[id] as number) + s;
    } else {
      this.mark[id] = this.gen;
      this.score[id] = s;
      this.ids.push(id);
    }
  }
}

/** Reusable ScoreSets: a query holds at most a handful at once. */
class ScorePool {
  private readonly free: ScoreSet[] = [];
  private readonly all: ScoreSet[] = [];
  private capacity = 0;

  reset(capacity: number): void {
    this.capacity = capacity;
    this.free.length = 0;
    this.free.push(...this.all);
  }

  acquire(): ScoreSet {
    let set = this.free.pop();
    if (!set) {
      set = new ScoreSet();
      this.all.push(set);
    }
    set.ensure(this.capacity);
    set.clear();
    return set;
  }

  release(set: ScoreSet): void {
    this.free.push(set);
  }
}
