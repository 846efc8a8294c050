/**
 * One embedded index: MiniSearch for the inverted index (BM25, prefix and typo matching), wrapped
 * with what MiniSearch does not do fast enough at 100k documents — filters evaluated before
 * scoring from typed-array columns, facet counts over the candidate slots, top-k instead of a full
 * sort, and a query plan (concept groups, synonyms, typo only where it can help).
 */
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { Filter, IndexDefinition, SearchHit, SearchQuery, SearchResult } from '../engine';
import { pageOf } from '../engine';
import { highlightText } from '../highlight';
import { expandSynonyms, type QueryGroup } from '../synonyms';
import { isLatinWord, tokenize, typoBudget } from '../tokenizer';
import { KeywordColumn, NumberColumn, makeColumns, readPath, type Column } from './columns';
import { topK } from './topk';

type Doc = Record<string, unknown>;

interface Entry {
  slot: number;
  doc: Doc;
}

interface RawResult {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

/** Bumped whenever tokenizer or stored layout changes, so a stale snapshot is rebuilt. */
export const SNAPSHOT_FORMAT = 1;

/** Shortest Latin last word that is matched as a prefix (search as you type). */
const MIN_PREFIX_LENGTH = 3;

/**
 * MiniSearch internals used here: its query executor (which skips the full result sort and field
 * copying of `search()`), the short-id → slot map and the term dictionary. Accessed by cast because
 * `loadJS` always builds a plain MiniSearch, so a subclass would not survive a restore.
 */
interface MiniInternals {
  executeQuery(query: Query, options: SearchOptions): Map<number, RawResult>;
  _documentIds: Map<number, number>;
  _index: { has(term: string): boolean };
}
type TunedMiniSearch = MiniSearch<Entry>;
const internals = (m: TunedMiniSearch) => m as unknown as MiniInternals;

/** The searchable text at a path: strings joined, nested arrays flattened. */
export function textAt(doc: unknown, path: string): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(readPath(doc, path));
  return parts.join('\n');
}

interface Compiled {
  /** Documents that can pass, when the filter has a posting list to drive from. */
  driver?: () => Iterable<number>;
  estimate: number;
  test: (slot: number) => boolean;
}

export interface IndexSnapshot {
  format: number;
  fingerprint: string;
  docs: (Doc | null)[];
  mini: unknown;
}

/** A stable description of what an index definition indexes (the derive function is code). */
export function fingerprintOf(def: IndexDefinition): string {
  const { name, searchable, filterable, sortable, facets } = def;
  return JSON.stringify({ format: SNAPSHOT_FORMAT, name, searchable, filterable, sortable, facets });
}

export class EmbeddedIndex {
  private mini: TunedMiniSearch;
  private columns: Map<string, Column>;
  private docs: (Doc | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private free: number[] = [];
  private liveCache: number[] | null = null;
  private stamp = new Uint32Array(1024);
  private gen = 0;
  private readonly boosts: Record<string, number>;

  constructor(readonly def: IndexDefinition) {
    this.boosts = Object.fromEntries(def.searchable.map((s) => [s.path, s.weight]));
    this.mini = this.newMini();
    this.columns = makeColumns(def.filterable);
  }

  private newMini(): TunedMiniSearch {
    return new MiniSearch<Entry>(this.miniOptions());
  }

  private miniOptions() {
    return {
      idField: 'slot',
      fields: this.def.searchable.map((s) => s.path),
      storeFields: [],
      extractField: (entry: Entry, field: string) => (field === 'slot' ? entry.slot : textAt(entry.doc, field)),
      tokenize: (text: string) => tokenize(text),
      processTerm: (term: string) => term,
      searchOptions: { boost: this.boosts, tokenize: (s: string) => [s], processTerm: (t: string) => t },
    };
  }

  get size(): number {
    return this.slots.size;
  }

  upsert(docs: readonly Doc[]): void {
    for (const raw of docs) {
      const id = raw.id;
      if (typeof id !== 'string' || id === '') throw new Error(`document without a string id in index "${this.def.name}"`);
      const doc = this.def.derive ? this.def.derive(raw) : { ...raw };
      let slot = this.slots.get(id);
      if (slot !== undefined) {
        this.unindex(slot);
      } else {
        slot = this.free.pop() ?? this.docs.length;
        this.slots.set(id, slot);
      }
      this.index(slot, doc);
    }
    this.liveCache = null;
  }

  private index(slot: number, doc: Doc): void {
    this.docs[slot] = doc;
    if (this.stamp.length <= slot) {
      const next = new Uint32Array(Math.max(this.stamp.length * 2, slot + 1));
      next.set(this.stamp);
      this.stamp = next;
    }
    for (const [field, col] of this.columns) col.set(slot, readPath(doc, field));
    this.mini.add({ slot, doc });
  }

  private unindex(slot: number): void {
    this.mini.discard(slot);
    for (const col of this.columns.values()) col.unset(slot);
    this.docs[slot] = undefined;
  }

  delete(ids: readonly string[]): void {
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (slot === undefined) continue;
      this.unindex(slot);
      this.slots.delete(id);
      this.free.push(slot);
    }
    this.liveCache = null;
  }

  clear(): void {
    this.mini = this.newMini();
    this.columns = makeColumns(this.def.filterable);
    this.docs = [];
    this.slots.clear();
    this.free = [];
    this.liveCache = null;
  }

  private live(): number[] {
    if (!this.liveCache) {
      const out: number[] = [];
      for (let s = 0; s < this.docs.length; s++) if (this.docs[s] !== undefined) out.push(s);
      this.liveCache = out;
    }
    return this.liveCache;
  }

  private compile(f: Filter): Compiled {
    const col = this.columns.get(f.field);
    if (!col) throw new Error(`no column for ${f.field}`);
    if (f.op === 'exists') {
      const want = f.value !== false;
      return { estimate: Infinity, test: (s) => col.exists(s) === want };
    }
    if (col instanceof NumberColumn) {
      if (f.op === 'range') {
        const min = f.min ?? -Infinity;
        const max = f.max ?? Infinity;
        return { estimate: Infinity, test: (s) => { const v = col.get(s); return v >= min && v <= max; } };
      }
      const wanted = new Set((f.op === 'eq' ? [f.value] : f.values) as number[]);
      return { estimate: Infinity, test: (s) => wanted.has(col.get(s)) };
    }
    if (f.op === 'range') throw new Error(`range on keyword ${f.field}`);
    const kw = col as KeywordColumn;
    const codes = new Set<number>();
    for (const v of f.op === 'eq' ? [f.value] : f.values) {
      const c = kw.lookup(v);
      if (c !== undefined) codes.add(c);
    }
    const postings = [...codes].map((c) => kw.postings[c] as Set<number>);
    const estimate = postings.reduce((n, p) => n + p.size, 0);
    if (codes.size === 1) {
      const [code] = codes as unknown as [number];
      return { estimate, driver: () => postings[0] as Set<number>, test: (s) => kw.has(s, code) };
    }
    return {
      estimate,
      driver: function* () {
        for (const p of postings) yield* p;
      },
      test: (s) => kw.hasAny(s, codes),
    };
  }

  /** Slots passing every filter, stamped into `this.stamp` with the current generation. */
  private filterSlots(filters: readonly Filter[]): number[] {
    const compiled = filters.map((f) => this.compile(f)).sort((a, b) => a.estimate - b.estimate);
    const [first] = compiled;
    const gen = this.nextGen();
    const out: number[] = [];
    const stamp = this.stamp;
    const rest = first?.driver ? compiled.slice(1) : compiled;
    const source: Iterable<number> = first?.driver ? first.driver() : this.live();
    outer: for (const s of source) {
      if (stamp[s] === gen) continue;
      for (const c of rest) if (!c.test(s)) continue outer;
      stamp[s] = gen;
      out.push(s);
    }
    return out;
  }

  private nextGen(): number {
    this.gen += 1;
    if (this.gen >= 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    return this.gen;
  }

  /** Builds the MiniSearch query tree: AND (or OR) of concept groups, each an OR of alternatives. */
  private plan(groups: QueryGroup[], combineWith: 'AND' | 'OR'): Query {
    const lastGroup = groups[groups.length - 1];
    const lastTerm = lastGroup?.source[lastGroup.source.length - 1];
    const leaf = (term: string, isLast: boolean): Query => ({
      queries: [term],
      combineWith: 'OR',
      prefix: isLast && isLatinWord(term) && term.length >= MIN_PREFIX_LENGTH,
      // Typo matching only for Latin words of 5+ letters, and only when the word itself is not in
      // the index: a real word is taken as meant, which keeps common queries cheap and precise.
      fuzzy: typoBudget(term) === 1 && !internals(this.mini)._index.has(term) ? 1 : false,
    });
    const alternative = (terms: string[], isSource: boolean, isLastGroup: boolean): Query => {
      const leaves = terms.map((t, i) => leaf(t, isSource && isLastGroup && i === terms.length - 1 && t === lastTerm));
      return leaves.length === 1 ? (leaves[0] as Query) : { queries: leaves, combineWith: 'AND' };
    };
    const groupQuery = (g: QueryGroup, gi: number): Query => {
      const alts = g.alternatives.map((a, ai) => alternative(a, ai === 0, gi === groups.length - 1));
      return alts.length === 1 ? (alts[0] as Query) : { queries: alts, combineWith: 'OR' };
    };
    return { queries: groups.map(groupQuery), combineWith };
  }

  search(query: SearchQuery): SearchResult<Doc> {
    const started = performance.now();
    const { page, pageSize } = pageOf(query);
    const filtered = query.filters?.length ? this.filterSlots(query.filters) : null;
    const gen = this.gen;
    const stamp = this.stamp;

    let slots: number[];
    let scores: Float64Array | null = null;
    let matches: RawResult[] | null = null;
    const terms = tokenize(query.text ?? '');
    if (terms.length > 0) {
      const groups = expandSynonyms(terms);
      const options: SearchOptions = filtered ? { boostDocument: (slot) => (stamp[slot as number] === gen ? 1 : 0) } : {};
      const mini = internals(this.mini);
      let raw = mini.executeQuery(this.plan(groups, 'AND'), options);
      // Every word is required first; only when nothing has them all do partial matches count.
      if (raw.size === 0 && groups.length > 1) raw = mini.executeQuery(this.plan(groups, 'OR'), options);
      slots = new Array<number>(raw.size);
      scores = new Float64Array(raw.size);
      matches = new Array<RawResult>(raw.size);
      let i = 0;
      let max = 0;
      for (const [shortId, r] of raw) {
        slots[i] = mini._documentIds.get(shortId) as number;
        scores[i] = r.score;
        matches[i] = r;
        if (r.score > max) max = r.score;
        i++;
      }
      // Normalised score: share of the query's concepts matched, scaled by BM25 relative to the best hit.
      for (let j = 0; j < slots.length; j++) {
        const r = matches[j] as RawResult;
        const coverage = groups.length <= 1 ? 1 : groups.filter((g) => g.alternatives.some((a) => a.every((t) => r.terms.includes(t)))).length / groups.length;
        scores[j] = coverage * (0.5 + (0.5 * (scores[j] as number)) / (max || 1));
      }
    } else {
      slots = filtered ?? this.live();
    }

    const facets: Record<string, Record<string, number>> = {};
    for (const facet of query.facets ?? []) {
      const col = this.columns.get(facet);
      const out: Record<string, number> = {};
      if (col instanceof KeywordColumn) {
        const counts = new Int32Array(col.labels.length);
        col.count(slots, counts);
        counts.forEach((n, code) => {
          if (n > 0) out[col.labels[code] as string] = n;
        });
      } else if (col instanceof NumberColumn) {
        const counts = new Map<number, number>();
        col.count(slots, counts);
        for (const [v, n] of [...counts].sort((a, b) => a[0] - b[0])) out[String(v)] = n;
      }
      facets[facet] = out;
    }

    const order = Array.from({ length: slots.length }, (_, i) => i);
    const sortCols = (query.sort ?? []).map((s) => ({ col: this.columns.get(s.field) as NumberColumn, sign: s.dir === 'desc' ? -1 : 1 }));
    const cmp = (a: number, b: number): number => {
      const sa = slots[a] as number;
      const sb = slots[b] as number;
      for (const { col, sign } of sortCols) {
        const va = col.get(sa);
        const vb = col.get(sb);
        const na = Number.isNaN(va);
        const nb = Number.isNaN(vb);
        if (na || nb) {
          if (na && nb) continue;
          return na ? 1 : -1; // documents without the value come last in both directions
        }
        if (va !== vb) return (va - vb) * sign;
      }
      if (scores) {
        const d = (scores[b] as number) - (scores[a] as number);
        if (d !== 0) return d;
      }
      return sa - sb;
    };
    const window = topK(order, page * pageSize, cmp).slice((page - 1) * pageSize);

    const hits: SearchHit<Doc>[] = window.map((i) => {
      const slot = slots[i] as number;
      const doc = this.docs[slot] as Doc;
      const highlights: Record<string, string> = {};
      if (query.highlight?.length) {
        const matched = new Set(matches ? Object.keys((matches[i] as RawResult).match) : []);
        for (const path of query.highlight) {
          const text = textAt(doc, path);
          if (text) highlights[path] = highlightText(text, matched);
        }
      }
      return { id: doc.id as string, score: scores ? (scores[i] as number) : 1, doc, highlights };
    });

    return { hits, total: slots.length, facets, processingTimeMs: performance.now() - started };
  }

  snapshot(): IndexSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      fingerprint: fingerprintOf(this.def),
      docs: this.docs.map((d) => d ?? null),
      mini: this.mini.toJSON(),
    };
  }

  /**
   * Restores a snapshot: the inverted index is loaded as saved (no re-tokenising) when the index
   * definition is unchanged, otherwise the stored documents are indexed again.
   */
  restore(snap: IndexSnapshot): void {
    this.clear();
    const reuse = snap.format === SNAPSHOT_FORMAT && snap.fingerprint === fingerprintOf(this.def);
    if (!reuse) {
      this.upsert(snap.docs.filter((d): d is Doc => d !== null));
      return;
    }
    this.mini = MiniSearch.loadJS<Entry>(snap.mini as Parameters<typeof MiniSearch.loadJS>[0], this.miniOptions());
    snap.docs.forEach((doc, slot) => {
      if (!doc) {
        this.free.push(slot);
        this.docs[slot] = undefined;
        return;
      }
      this.slots.set(doc.id as string, slot);
      this.docs[slot] = doc;
      for (const [field, col] of this.columns) col.set(slot, readPath(doc, field));
    });
    if (this.stamp.length < this.docs.length) this.stamp = new Uint32Array(this.docs.length * 2);
    this.liveCache = null;
  }
}
