/**
 * The Meilisearch engine, on the official client. Settings come from the same index definitions
 * and synonym list as the embedded engine. Chinese is pre-segmented with our tokenizer into a
 * hidden `_terms` attribute and the query is sent segmented the same way, so "电池" finds
 * "锂电池正极材料" whatever Meilisearch's own segmenter does with 锂电池. Every write waits for its
 * task and throws if the task failed.
 */
import { Meilisearch, type Index, type SearchParams, type Settings } from 'meilisearch';
import type { BaseDoc, EngineStats, IndexDefinition, SearchEngine, SearchHit, SearchQuery, SearchResult } from '../engine';
import { pageOf, validateQuery } from '../engine';
import { highlightText, queryMatcher } from '../highlight';
import { textAt } from '../paths';
import { meiliSynonyms } from '../synonyms';
import { MIN_WORD_SIZE_FOR_TYPO, STOP_WORDS, tokenize } from '../tokenizer';
import { matchesNothing, toMeiliFilter, toMeiliSort } from './filters';

export interface MeiliEngineOptions {
  host: string;
  apiKey?: string;
  /** Prepended to every index uid (tests use a unique prefix). */
  indexPrefix?: string;
  /** How long to wait for one task (default 120 s). */
  taskTimeoutMs?: number;
}

/** Hidden attribute holding every searchable word in our tokenisation, space-separated. */
export const TERMS_ATTRIBUTE = '_terms';

/** Synonyms with each phrase also in our space-separated tokenisation ("锂 电池"). */
export function meiliSynonymsSegmented(): Record<string, string[]> {
  const base = meiliSynonyms();
  const out: Record<string, string[]> = {};
  const add = (key: string, values: string[]) => {
    if (!key) return;
    out[key] = [...new Set([...(out[key] ?? []), ...values.filter((v) => v !== key)])];
  };
  for (const [key, values] of Object.entries(base)) {
    const all = [...values, ...values.map((v) => tokenize(v).join(' '))];
    add(key, all);
    add(tokenize(key).join(' '), [key, ...all]);
  }
  return out;
}

/** The settings of an index definition. */
export function meiliSettings(def: IndexDefinition): Settings {
  return {
    searchableAttributes: [...[...def.searchable].sort((a, b) => b.weight - a.weight).map((s) => s.path), TERMS_ATTRIBUTE],
    filterableAttributes: def.filterable.map((f) => f.field),
    sortableAttributes: [...def.sortable],
    // Explicit sort first, as in the embedded engine: relevance only breaks ties.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    synonyms: meiliSynonymsSegmented(),
    stopWords: [...STOP_WORDS],
    typoTolerance: {
      enabled: true,
      disableOnNumbers: true,
      // One typo from 5 letters, never two (as the embedded engine).
      minWordSizeForTypos: { oneTypo: MIN_WORD_SIZE_FOR_TYPO, twoTypos: 255 },
    },
    localizedAttributes: [
      { attributePatterns: ['*.zh'], locales: ['cmn'] },
      { attributePatterns: ['*.en'], locales: ['eng'] },
    ],
    faceting: { maxValuesPerFacet: 1000 },
    pagination: { maxTotalHits: 100_000 },
  };
}

function stripNulls(doc: Record<string, unknown>): Record<string, unknown> {
  // Absent and null mean the same ("does not exist") in both engines.
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== null && v !== undefined));
}

export class MeiliSearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly defs = new Map<string, IndexDefinition>();

  constructor(private readonly options: MeiliEngineOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  }

  private uid(name: string): string {
    return `${this.options.indexPrefix ?? ''}${name}`;
  }

  private def(name: string): IndexDefinition {
    const def = this.defs.get(name);
    if (!def) throw new Error(`search index "${name}" does not exist; call ensureIndex first`);
    return def;
  }

  private index(name: string): Index<Record<string, unknown>> {
    return this.client.index<Record<string, unknown>>(this.uid(name));
  }

  private async wait(task: { waitTask: (o?: { timeout?: number }) => Promise<{ status: string; error: { code?: string; message?: string } | null }> }, allow?: string): Promise<void> {
    const done = await task.waitTask({ timeout: this.options.taskTimeoutMs ?? 120_000 });
    if (done.status === 'failed' && done.error?.code !== allow) {
      throw new Error(`Meilisearch task failed: ${done.error?.code ?? ''} ${done.error?.message ?? ''}`);
    }
  }

  async ensureIndex(def: IndexDefinition): Promise<void> {
    await this.wait(this.client.createIndex(this.uid(def.name), { primaryKey: 'id' }), 'index_already_exists');
    await this.wait(this.index(def.name).updateSettings(meiliSettings(def)));
    this.defs.set(def.name, def);
  }

  /** The document as sent to Meilisearch: derived attributes, nulls dropped, `_terms` added. */
  prepare(def: IndexDefinition, doc: Record<string, unknown>): Record<string, unknown> {
    const derived = stripNulls(def.derive ? def.derive(doc) : doc);
    const terms = def.searchable.map((s) => tokenize(textAt(derived, s.path)).join(' ')).filter(Boolean).join(' ');
    return { ...derived, [TERMS_ATTRIBUTE]: terms };
  }

  async upsert<T extends BaseDoc>(index: string, docs: readonly T[]): Promise<void> {
    const def = this.def(index);
    if (!docs.length) return;
    const prepared = docs.map((d) => this.prepare(def, d as unknown as Record<string, unknown>));
    await this.wait(this.index(index).addDocuments(prepared, { primaryKey: 'id' }));
  }

  async delete(index: string, ids: readonly string[]): Promise<void> {
    this.def(index);
    if (!ids.length) return;
    await this.wait(this.index(index).deleteDocuments([...ids]));
  }

  async search<T = Record<string, unknown>>(index: string, query: SearchQuery): Promise<SearchResult<T>> {
    const def = this.def(index);
    validateQuery(def, query);
    const { page, pageSize } = pageOf(query);
    const facets = query.facets?.length ? [...query.facets] : undefined;
    if (matchesNothing(query.filters)) {
      return { hits: [], total: 0, facets: Object.fromEntries((facets ?? []).map((f) => [f, {}])), processingTimeMs: 0 };
    }
    const terms = tokenize(query.text ?? '');
    const params = {
      filter: toMeiliFilter(def, query.filters),
      sort: toMeiliSort(def, query.sort),
      facets,
      page,
      hitsPerPage: pageSize,
      showRankingScore: true,
      matchingStrategy: (query.matching === 'any' ? 'frequency' : 'all') as 'all' | 'last' | 'frequency',
      attributesToRetrieve: ['*'],
    } satisfies SearchParams;
    const q = terms.join(' ');
    let res = await this.index(index).search<Record<string, unknown>, typeof params>(q, params);
    // Every word is required first; only when nothing has them all do partial matches count.
    if (res.totalHits === 0 && terms.length > 1 && query.matching !== 'any') res = await this.index(index).search<Record<string, unknown>, typeof params>(q, { ...params, matchingStrategy: 'last' as const });

    const matcher = query.highlight?.length && terms.length ? queryMatcher(query.text ?? '') : undefined;
    const hits: SearchHit<T>[] = res.hits.map((h) => {
      const { _rankingScore, _formatted: _f, _matchesPosition: _m, _rankingScoreDetails: _d, [TERMS_ATTRIBUTE]: _t, ...doc } = h;
      const highlights: Record<string, string> = {};
      for (const path of query.highlight ?? []) {
        const text = textAt(doc, path);
        if (text) highlights[path] = highlightText(text, matcher ?? (() => false));
      }
      return { id: String(doc.id), score: terms.length ? (_rankingScore ?? 0) : 1, doc: doc as T, highlights };
    });
    const facetOut: Record<string, Record<string, number>> = {};
    for (const f of facets ?? []) facetOut[f] = { ...(res.facetDistribution?.[f] ?? {}) };
    return { hits, total: res.totalHits, facets: facetOut, processingTimeMs: res.processingTimeMs };
  }

  async clear(index: string): Promise<void> {
    this.def(index);
    await this.wait(this.index(index).deleteAllDocuments());
  }

  async stats(): Promise<EngineStats> {
    const indexes: EngineStats['indexes'] = {};
    for (const name of this.defs.keys()) {
      const s = await this.index(name).getStats();
      indexes[name] = { documents: s.numberOfDocuments };
    }
    return { kind: this.kind, indexes };
  }

  /** Deletes the index itself (tests clean up their prefixed indexes with it). */
  async dropIndex(name: string): Promise<void> {
    await this.wait(this.client.deleteIndex(this.uid(name)), 'index_not_found');
    this.defs.delete(name);
  }

  async close(): Promise<void> {
    // The client holds no connections between requests.
  }
}
