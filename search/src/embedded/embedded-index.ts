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
}

/** Bumped whenever tokenizer or stored layout changes, so a stale snapshot is rebuilt. */
export const SNAPSHOT_FORMAT = 1;

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
    this.mini.add({ slot, doc });
    this.link(slot, internals(this.mini)._idToShortId.get(slot) as number);
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
    this.exec ??= new TextExecutor(internals(this.mini), this.boosts, this.lengths);
    return this.exec;
  }

  private unindex(slot: number): void {
    this.mini.discard(slot);
    const shortId = this.slotToShort[slot] as number;
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
    });
    if (this.stamp.length < this.docs.length) this.stamp = new Uint32Array(this.docs.length * 2);
    this.liveCache = null;
  }
}
