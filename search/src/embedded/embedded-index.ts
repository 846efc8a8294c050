/**
 * One embedded index: MiniSearch for the inverted index (BM25, prefix and typo matching), wrapped
 * with what MiniSearch does not do fast enough at 100k documents — filters evaluated before
 * scoring from typed-array columns, facet counts over the candidate slots, top-k instead of a full
 * sort, and a query plan (concept groups, synonyms, typo only where it can help).
 */
import MiniSearch from 'minisearch';
import type { Filter, IndexDefinition, SearchHit, SearchQuery, SearchResult } from '../engine';
import { pageOf } from '../engine';
import { highlightText } from '../highlight';
import { expandSynonyms } from '../synonyms';
import { tokenize } from '../tokenizer';
import { readPath, textAt } from '../paths';
import { KeywordColumn, NumberColumn, makeColumns, type Column } from './columns';
import { TextExecutor, type FieldLengths, type MiniInternals } from './executor';
import { topK } from './topk';

type Doc = Record<string, unknown>;

interface Entry {
  slot: number;
  doc: Doc;
  /** Per identifier field: its tokens that stay in MiniSearch's term tree (see `IdentifierPostings`). */
  treeTokens?: Map<string, string[]>;
}

/** Bumped whenever tokenizer or stored layout changes, so a stale snapshot is rebuilt. */
export const SNAPSHOT_FORMAT = 2;

/**
 * Searchable fields made of identifiers (every spelling of a listing's patent numbers): at 100k
 * achievements they are ~900k distinct words, one posting each, and in MiniSearch's term tree —
 * a node and two Maps per word — they were half of the index's heap and a fifth of its build.
 * Their identifier tokens live in `IdentifierPostings` instead.
 */
export const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['patentNumbers']);

/**
 * A token that can only ever be matched exactly: two digits or more (so no one-typo variant of a
 * Latin query word reaches it) and a non-letter among its first three characters (so no prefix
 * query — three Latin letters or more — reaches it). Other tokens of an identifier field stay in
 * the term tree, so prefix and typo matching find exactly what they found before.
 */
const EXACT_ONLY = /^(?![a-z]{3})(?=(?:[^0-9]*[0-9]){2})/;
export const isExactOnlyToken = (t: string): boolean => EXACT_ONLY.test(t);

/**
 * The exact-only tokens of identifier fields, as postings outside MiniSearch: term → short id (the
 * common case: one listing, term frequency 1) or short id → term frequency. Scored by the executor
 * exactly as MiniSearch's postings of the same field would be: the field keeps its MiniSearch field
 * id, each document's field length counts both halves, and the field's average length is kept here
 * with MiniSearch's own update formula and written back into MiniSearch's (so it is saved with it).
 */
class IdentifierPostings {
  private readonly terms = new Map<string, number | Map<number, number>>();

  constructor(readonly fieldId: number) {}

  add(shortId: number, tokens: readonly string[]): void {
    for (const t of tokens) {
      const cur = this.terms.get(t);
      if (cur === undefined) this.terms.set(t, shortId);
      else if (typeof cur === 'number') {
        this.terms.set(t, new Map([[cur, 1]]));
        const m = this.terms.get(t) as Map<number, number>;
        m.set(shortId, (m.get(shortId) ?? 0) + 1);
      } else cur.set(shortId, (cur.get(shortId) ?? 0) + 1);
    }
  }

  remove(shortId: number, tokens: readonly string[]): void {
    for (const t of new Set(tokens)) {
      const cur = this.terms.get(t);
      if (cur === undefined) continue;
      if (typeof cur === 'number') {
        if (cur === shortId) this.terms.delete(t);
        continue;
      }
      cur.delete(shortId);
      if (cur.size === 0) this.terms.delete(t);
      else if (cur.size === 1) {
        const [[id, tf]] = cur as unknown as [[number, number]];
        if (tf === 1) this.terms.set(t, id);
      }
    }
  }

  /** Postings of `term` in this field (short id → term frequency), or undefined. */
  get(term: string): Map<number, number> | undefined {
    const cur = this.terms.get(term);
    if (cur === undefined) return undefined;
    return typeof cur === 'number' ? new Map([[cur, 1]]) : cur;
  }
}

const internals = (m: MiniSearch<Entry>) =>
  m as unknown as MiniInternals & { _idToShortId: Map<number, number>; _documentIds: Map<number, number> };

/** Filtered sets up to this size seed the text query directly (scored by lookup, not by scan). */
export const SEED_FILTER_LIMIT = 10_000;

export interface EmbeddedTuning {
  /** Largest filtered set that is materialised to seed a text query (larger ones are tested lazily). */
  seedFilterLimit?: number;
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
  /** The last change-log sequence number this snapshot includes (absent in older snapshots: 0). */
  seq?: number;
  docs: (Doc | null)[];
  mini: unknown;
}

/** A stable description of what an index definition indexes (the derive function is code). */
export function fingerprintOf(def: IndexDefinition): string {
  const { name, searchable, filterable, sortable, facets } = def;
  return JSON.stringify({ format: SNAPSHOT_FORMAT, name, searchable, filterable, sortable, facets });
}

function growInt(arr: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (arr.length >= min) return arr;
  const next = new Int32Array(Math.max(arr.length * 2, min)).fill(-1);
  next.set(arr);
  return next;
}

export class EmbeddedIndex {
  private mini: MiniSearch<Entry>;
  private columns: Map<string, Column>;
  private docs: (Doc | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private free: number[] = [];
  private liveCache: number[] | null = null;
  private stamp = new Uint32Array(1024);
  private gen = 0;
  private readonly boosts: Record<string, number>;
  /** MiniSearch short id → slot (-1 once discarded) and back. */
  private shortToSlot = new Int32Array(1024).fill(-1);
  private slotToShort = new Int32Array(1024).fill(-1);
  private exec: TextExecutor | null = null;
  private readonly lengths: FieldLengths;
  /** Identifier fields' exact-only postings and average lengths, by field path. */
  private ident = new Map<string, { postings: IdentifierPostings; avg: number }>();

  private readonly seedFilterLimit: number;

  constructor(
    readonly def: IndexDefinition,
    tuning: EmbeddedTuning = {},
  ) {
    this.seedFilterLimit = tuning.seedFilterLimit ?? SEED_FILTER_LIMIT;
    this.boosts = Object.fromEntries(def.searchable.map((s) => [s.path, s.weight]));
    this.mini = this.newMini();
    this.columns = makeColumns(def.filterable);
    this.lengths = { data: new Float32Array(1024 * def.searchable.length), stride: def.searchable.length };
  }

  private newMini(): MiniSearch<Entry> {
    const mini = new MiniSearch<Entry>(this.miniOptions());
    this.resetIdentifiers(mini);
    return mini;
  }

  private resetIdentifiers(mini: MiniSearch<Entry>): void {
    this.ident = new Map();
    const ids = internals(mini)._fieldIds;
    for (const { path } of this.def.searchable) {
      if (IDENTIFIER_FIELDS.has(path)) this.ident.set(path, { postings: new IdentifierPostings(ids[path] as number), avg: internals(mini)._avgFieldLength[ids[path] as number] ?? 0 });
    }
  }

  /** An identifier field's tokens: those kept in MiniSearch's term tree, and the exact-only ones. */
  private splitIdentifiers(doc: Doc): Map<string, { tree: string[]; exact: string[] }> | undefined {
    if (this.ident.size === 0) return undefined;
    const out = new Map<string, { tree: string[]; exact: string[] }>();
    for (const field of this.ident.keys()) {
      const tree: string[] = [];
      const exact: string[] = [];
      for (const t of tokenize(textAt(doc, field))) (isExactOnlyToken(t) ? exact : tree).push(t);
      out.set(field, { tree, exact });
    }
    return out;
  }

  /** Adds a document's exact-only identifier tokens and sets the fields' whole lengths. */
  private indexIdentifiers(shortId: number, split: Map<string, { tree: string[]; exact: string[] }>): void {
    const { stride, data } = this.lengths;
    for (const [field, { tree, exact }] of split) {
      const entry = this.ident.get(field) as { postings: IdentifierPostings; avg: number };
      entry.postings.add(shortId, exact);
      // MiniSearch's field length is the number of distinct tokens; the two halves are disjoint.
      data[shortId * stride + entry.postings.fieldId] = new Set(tree).size + new Set(exact).size;
    }
  }

  private writeIdentifierAverages(): void {
    const avg = internals(this.mini)._avgFieldLength;
    for (const entry of this.ident.values()) avg[entry.postings.fieldId] = entry.avg;
  }

  /** Exact-only identifier postings of `term` (merged by the executor with MiniSearch's). */
  private identifierPostings(term: string): Map<number, Map<number, number>> | undefined {
    let out: Map<number, Map<number, number>> | undefined;
    for (const { postings } of this.ident.values()) {
      const p = postings.get(term);
      if (p) (out ??= new Map()).set(postings.fieldId, p);
    }
    return out;
  }

  private miniOptions() {
    return {
      idField: 'slot',
      fields: this.def.searchable.map((s) => s.path),
      storeFields: [],
      extractField: (entry: Entry, field: string) =>
        field === 'slot' ? entry.slot : entry.treeTokens?.has(field) ? (entry.treeTokens.get(field) as string[]).join(' ') : textAt(entry.doc, field),
      // An identifier field's text is its tree tokens joined by spaces (already tokenized).
      tokenize: (text: string, field?: string) => (field !== undefined && IDENTIFIER_FIELDS.has(field) ? (text ? text.split(' ') : []) : tokenize(text)),
      processTerm: (term: string) => term,
      searchOptions: { boost: this.boosts, tokenize: (s: string) => [s], processTerm: (t: string) => t },
    };
  }

  get size(): number {
    return this.slots.size;
  }

  /**
   * Inserts or replaces documents. `stored` (when given) receives each document as stored (after
   * `derive`) as soon as it is indexed, so a caller can log exactly what was applied even when a
   * later document of the batch throws. `derived: true` stores the documents as given (they were
   * derived already: replaying the engine's change log).
   */
  upsert(docs: readonly Doc[], stored?: Doc[], derived = false): void {
    for (const raw of docs) {
      const id = raw.id;
      if (typeof id !== 'string' || id === '') throw new Error(`document without a string id in index "${this.def.name}"`);
      const doc = !derived && this.def.derive ? this.def.derive(raw) : { ...raw };
      let slot = this.slots.get(id);
      if (slot !== undefined) {
        this.unindex(slot);
      } else {
        slot = this.free.pop() ?? this.docs.length;
        this.slots.set(id, slot);
      }
      this.index(slot, doc);
      stored?.push(doc);
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
    const split = this.splitIdentifiers(doc);
    const treeTokens = split && new Map([...split].map(([f, { tree }]) => [f, tree]));
    this.mini.add(treeTokens ? { slot, doc, treeTokens } : { slot, doc });
    const shortId = internals(this.mini)._idToShortId.get(slot) as number;
    this.link(slot, shortId);
    if (split) {
      this.indexIdentifiers(shortId, split);
      // MiniSearch's update of the field's average (count = documents before this one).
      const dc = internals(this.mini)._documentCount;
      for (const entry of this.ident.values()) {
        const len = this.lengths.data[shortId * this.lengths.stride + entry.postings.fieldId] as number;
        entry.avg = (entry.avg * (dc - 1) + len) / dc;
      }
      this.writeIdentifierAverages();
    }
  }

  private link(slot: number, shortId: number): void {
    this.shortToSlot = growInt(this.shortToSlot, shortId + 1);
    this.slotToShort = growInt(this.slotToShort, slot + 1);
    this.shortToSlot[shortId] = slot;
    this.slotToShort[slot] = shortId;
    const { stride } = this.lengths;
    if (this.lengths.data.length < (shortId + 1) * stride) {
      const next = new Float32Array(Math.max(this.lengths.data.length * 2, (shortId + 1) * stride));
      next.set(this.lengths.data);
      this.lengths.data = next;
    }
    const lens = internals(this.mini)._fieldLength.get(shortId) ?? [];
    for (let f = 0; f < stride; f++) this.lengths.data[shortId * stride + f] = lens[f] ?? 0;
  }

  private executor(): TextExecutor {
    this.exec ??= new TextExecutor(internals(this.mini), this.boosts, this.lengths, this.ident.size ? (t) => this.identifierPostings(t) : undefined);
    return this.exec;
  }

  private unindex(slot: number): void {
    const shortId = this.slotToShort[slot] as number;
    const doc = this.docs[slot];
    if (this.ident.size && doc && shortId >= 0) {
      const split = this.splitIdentifiers(doc) as Map<string, { tree: string[]; exact: string[] }>;
      // MiniSearch's removal from the field's average (count = documents including this one).
      const count = internals(this.mini)._documentCount;
      for (const [field, { exact }] of split) {
        const entry = this.ident.get(field) as { postings: IdentifierPostings; avg: number };
        const len = this.lengths.data[shortId * this.lengths.stride + entry.postings.fieldId] as number;
        entry.avg = count === 1 ? 0 : (entry.avg * count - len) / (count - 1);
        entry.postings.remove(shortId, exact);
      }
    }
    this.mini.discard(slot);
    this.writeIdentifierAverages();
    if (shortId >= 0) this.shortToSlot[shortId] = -1;
    this.slotToShort[slot] = -1;
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
    this.exec = null;
    this.shortToSlot = new Int32Array(1024).fill(-1);
    this.slotToShort = new Int32Array(1024).fill(-1);
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
  private filterSlots(compiled: readonly Compiled[]): number[] {
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

  /** Per-query memo of lazily tested filters: `gen` = passed, `gen + 1` = failed. */
  private memo = new Uint32Array(1024);
  private memoGen = 0;

  private nextMemoGen(): number {
    if (this.memo.length < this.docs.length) this.memo = new Uint32Array(this.docs.length * 2);
    this.memoGen += 2;
    if (this.memoGen >= 0xfffffffe) {
      this.memo.fill(0);
      this.memoGen = 2;
    }
    return this.memoGen;
  }

  private nextGen(): number {
    this.gen += 1;
    if (this.gen >= 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    return this.gen;
  }

  search(query: SearchQuery): SearchResult<Doc> {
    const started = performance.now();
    const { page, pageSize } = pageOf(query);
    const terms = tokenize(query.text ?? '');
    const compiled = (query.filters ?? []).map((f) => this.compile(f)).sort((a, b) => a.estimate - b.estimate);
    // Without text, or with a selective filter, the filtered set is materialised (it is the
    // candidate list, or it seeds the text query). With text and only broad filters (status =
    // published), filters are tested lazily on the text matches instead of listing 70k slots.
    const materialise = compiled.length > 0 && (terms.length === 0 || (compiled[0]?.driver !== undefined && (compiled[0]?.estimate ?? Infinity) <= this.seedFilterLimit));
    const filtered = materialise ? this.filterSlots(compiled) : null;
    const lazy = compiled.length > 0 && !materialise ? compiled : null;
    const memoGen = lazy ? this.nextMemoGen() : 0;
    const memo = this.memo;
    const gen = this.gen;
    const stamp = this.stamp;

    let slots: number[];
    let scores: Float64Array | null = null;
    let matchedTerms: Set<string> | null = null;
    if (terms.length > 0) {
      const groups = expandSynonyms(terms);
      const s2s = this.shortToSlot;
      const allowed = filtered
        ? (id: number) => { const slot = s2s[id]; return slot !== undefined && slot >= 0 && stamp[slot] === gen; }
        : lazy
          ? (id: number) => {
              const slot = s2s[id];
              if (slot === undefined || slot < 0) return false;
              // A document is reached once per matching field and expansion: test it once.
              const seen = memo[slot];
              if (seen === memoGen) return true;
              if (seen === memoGen + 1) return false;
              for (const c of lazy) {
                if (!c.test(slot)) {
                  memo[slot] = memoGen + 1;
                  return false;
                }
              }
              memo[slot] = memoGen;
              return true;
            }
          : (id: number) => { const slot = s2s[id]; return slot !== undefined && slot >= 0; };
      const seed = filtered && filtered.length <= this.seedFilterLimit ? filtered.map((slot) => this.slotToShort[slot] as number) : null;
      const result = this.executor().run(groups, allowed, seed, this.shortToSlot.length, query.matching !== 'any');
      matchedTerms = result.terms;
      const n = result.ids.length;
      slots = new Array<number>(n);
      scores = new Float64Array(n);
      let max = 0;
      for (const r of result.raw) if (r > max) max = r;
      // Normalised score: share of the query's concept groups matched, scaled by BM25 relative
      // to the best hit (so the best full match scores 1, weaker full matches 0.5–1).
      for (let i = 0; i < n; i++) {
        slots[i] = s2s[result.ids[i] as number] as number;
        const coverage = result.allWords ? 1 : (result.groupsMatched?.[i] ?? 0) / (result.groupsUsed ?? groups.length);
        scores[i] = coverage * (0.5 + (0.5 * (result.raw[i] as number)) / (max || 1));
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
        const matched = matchedTerms ?? new Set<string>();
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
    this.resetIdentifiers(this.mini);
    this.exec = null;
    for (const [shortId, slot] of internals(this.mini)._documentIds) this.link(slot, shortId);
    snap.docs.forEach((doc, slot) => {
      if (!doc) {
        this.free.push(slot);
        this.docs[slot] = undefined;
        return;
      }
      this.slots.set(doc.id as string, slot);
      this.docs[slot] = doc;
      for (const [field, col] of this.columns) col.set(slot, readPath(doc, field));
      if (this.ident.size) this.indexIdentifiers(this.slotToShort[slot] as number, this.splitIdentifiers(doc) as Map<string, { tree: string[]; exact: string[] }>);
    });
    if (this.stamp.length < this.docs.length) this.stamp = new Uint32Array(this.docs.length * 2);
    this.liveCache = null;
  }
}
