/**
 * The search engine contract shared by the embedded engine and Meilisearch. Queries are structured
 * data: user input travels as values, never as filter syntax, and each engine translates filters
 * itself (the Meilisearch engine quotes and escapes every value).
 */

/** A scalar that can be compared in a filter. */
export type FilterScalar = string | number | boolean;

/** `field` equals `value`; on an array field, the array contains `value`. */
export interface EqFilter {
  field: string;
  op: 'eq';
  value: FilterScalar;
}

/** `field` equals one of `values`; on an array field, the arrays overlap. An empty list matches nothing. */
export interface InFilter {
  field: string;
  op: 'in';
  values: readonly FilterScalar[];
}

/** `min ≤ field ≤ max` (both inclusive, either may be omitted), numeric fields only. */
export interface RangeFilter {
  field: string;
  op: 'range';
  min?: number;
  max?: number;
}

/** `field` is present and not null (`value: false` inverts it). */
export interface ExistsFilter {
  field: string;
  op: 'exists';
  value?: boolean;
}

export type Filter = EqFilter | InFilter | RangeFilter | ExistsFilter;

export interface SortSpec {
  field: string;
  dir: 'asc' | 'desc';
}

/**
 * A structured search. All filters are AND-ed. With `sort`, the explicit order wins and relevance
 * only breaks ties; without it, hits come by relevance (or index order when there is no text).
 */
export interface SearchQuery {
  text?: string;
  /**
   * `all` (default): every word (or its synonym) must match; when no document has them all, the
   * engine falls back to any word. `any`: documents matching more words rank higher (the matcher
   * uses it for long listing texts).
   */
  matching?: 'all' | 'any';
  filters?: readonly Filter[];
  facets?: readonly string[];
  sort?: readonly SortSpec[];
  /** 1-based page number (default 1). */
  page?: number;
  /** Hits per page (default 20, at most 100). */
  pageSize?: number;
  /** Searchable attribute paths (e.g. `title.zh`) to return highlighted, HTML-escaped, with `<mark>`. */
  highlight?: readonly string[];
}

export interface SearchHit<T> {
  id: string;
  /** Relevance normalised to 0–1 (1 for every hit of a query without text). */
  score: number;
  doc: T;
  /** Highlighted text per requested attribute: HTML-escaped, matches wrapped in `<mark>…</mark>`. */
  highlights: Record<string, string>;
}

export interface SearchResult<T> {
  hits: SearchHit<T>[];
  /** Number of documents matching text and filters (exact). */
  total: number;
  /** Per requested facet, value → number of matching documents. */
  facets: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

export type FilterableType = 'keyword' | 'number' | 'boolean';

export interface FilterableAttribute {
  field: string;
  type: FilterableType;
  /** The document holds an array of values (e.g. `modes`). */
  array?: boolean;
}

export interface SearchableAttribute {
  /** Dotted path into the document; arrays are searched element by element (`patents.title`). */
  path: string;
  /** Relative importance; the embedded engine uses it as a boost, Meilisearch as attribute order. */
  weight: number;
}

/** The shape of one index: what is searched, filtered, sorted and faceted. */
export interface IndexDefinition {
  name: string;
  /** Ordered from most to least important. */
  searchable: readonly SearchableAttribute[];
  filterable: readonly FilterableAttribute[];
  sortable: readonly string[];
  facets: readonly string[];
  /**
   * Adds derived, searchable attributes (such as the bilingual label of a field code) to a document
   * before it is indexed. Must be pure.
   */
  derive?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export interface IndexStats {
  documents: number;
}

export interface EngineStats {
  kind: EngineKind;
  indexes: Record<string, IndexStats>;
}

export type EngineKind = 'embedded' | 'meilisearch';

/** Every document carries a string `id`. */
export interface BaseDoc {
  id: string;
}

export interface SearchEngine {
  readonly kind: EngineKind;
  /** Creates the index or updates its settings; idempotent. */
  ensureIndex(def: IndexDefinition): Promise<void>;
  /** Inserts or replaces documents by `id`. */
  upsert<T extends BaseDoc>(index: string, docs: readonly T[]): Promise<void>;
  /** Removes documents by `id`; unknown ids are ignored. */
  delete(index: string, ids: readonly string[]): Promise<void>;
  search<T = Record<string, unknown>>(index: string, query: SearchQuery): Promise<SearchResult<T>>;
  /** Removes every document of the index (keeps its settings). */
  clear(index: string): Promise<void>;
  stats(): Promise<EngineStats>;
  /** Flushes pending persistence and releases resources. */
  close(): Promise<void>;
}

/** Thrown for a query the index cannot answer (unknown filter field, sort on a non-sortable field…). */
export class SearchQueryError extends Error {
  readonly code = 'SEARCH_INVALID_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Page and page size clamped to sane bounds. */
export function pageOf(query: SearchQuery): { page: number; pageSize: number } {
  const page = Number.isFinite(query.page) ? Math.max(1, Math.floor(query.page as number)) : 1;
  const size = Number.isFinite(query.pageSize) ? Math.floor(query.pageSize as number) : DEFAULT_PAGE_SIZE;
  return { page, pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, size)) };
}

/** Checks the query against the index definition so both engines reject the same mistakes. */
export function validateQuery(def: IndexDefinition, query: SearchQuery): void {
  if (query.matching !== undefined && query.matching !== 'all' && query.matching !== 'any') {
    throw new SearchQueryError('matching must be "all" or "any"');
  }
  if (query.text !== undefined && typeof query.text !== 'string') throw new SearchQueryError('text must be a string');
  const filterable = new Map(def.filterable.map((f) => [f.field, f]));
  for (const f of query.filters ?? []) {
    const attr = filterable.get(f.field);
    if (!attr) throw new SearchQueryError(`field "${f.field}" is not filterable in index "${def.name}"`);
    if (f.op === 'range') {
      if (attr.type !== 'number') throw new SearchQueryError(`range filter on non-numeric field "${f.field}"`);
      for (const bound of [f.min, f.max]) {
        if (bound !== undefined && !Number.isFinite(bound)) throw new SearchQueryError(`range bound on "${f.field}" is not a finite number`);
      }
    } else if (f.op === 'eq' || f.op === 'in') {
      const values = f.op === 'eq' ? [f.value] : f.values;
      if (!Array.isArray(values) && f.op === 'in') throw new SearchQueryError(`"in" filter on "${f.field}" needs values`);
      for (const v of values) {
        const ok = attr.type === 'number' ? typeof v === 'number' && Number.isFinite(v) : attr.type === 'boolean' ? typeof v === 'boolean' : typeof v === 'string';
        if (!ok) throw new SearchQueryError(`value ${JSON.stringify(v)} does not fit ${attr.type} field "${f.field}"`);
      }
    } else if (f.op !== 'exists') {
      throw new SearchQueryError(`unknown filter operator on "${(f as Filter).field}"`);
    }
  }
  const facetable = new Set(def.facets);
  for (const facet of query.facets ?? []) {
    if (!facetable.has(facet)) throw new SearchQueryError(`field "${facet}" is not a facet of index "${def.name}"`);
  }
  const sortable = new Set(def.sortable);
  for (const s of query.sort ?? []) {
    if (!sortable.has(s.field)) throw new SearchQueryError(`field "${s.field}" is not sortable in index "${def.name}"`);
    if (s.dir !== 'asc' && s.dir !== 'desc') throw new SearchQueryError(`sort direction must be asc or desc`);
  }
  const searchable = new Set(def.searchable.map((s) => s.path));
  for (const h of query.highlight ?? []) {
    if (!searchable.has(h)) throw new SearchQueryError(`field "${h}" is not searchable in index "${def.name}"`);
  }
}
