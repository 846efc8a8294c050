/**
 * @techbridge/search: one search engine interface with two implementations (embedded, Meilisearch),
 * the listing index definitions, the bilingual synonym list and the matcher's scoring core.
 */
import type { SearchEngine } from './engine';
import { EmbeddedSearchEngine } from './embedded/engine';
import { MeiliSearchEngine } from './meili/engine';

export * from './taxonomy';
export * from './engine';
export * from './indexes';
export * from './matcher';
export { CONCEPTS, SYNONYM_CLASSES, expandSynonyms, meiliSynonyms, type Concept, type QueryGroup } from './synonyms';
export { tokenize, normalize } from './tokenizer';
export { englishGloss, lexicon, type Lexicon } from './lexicon';
export { escapeHtml } from './highlight';
export { compactPatentQuery, patentNumberSpellings, patentNumberText } from './patents';
export { EmbeddedSearchEngine, type EmbeddedEngineOptions } from './embedded/engine';
export { MeiliSearchEngine, meiliSettings, type MeiliEngineOptions } from './meili/engine';

export interface CreateSearchEngineOptions {
  /** Meilisearch URL (MEILI_HOST); when set, Meilisearch is used. */
  meiliHost?: string;
  /** Meilisearch key (MEILI_MASTER_KEY or a search+write key). */
  meiliKey?: string;
  /** Prefix for Meilisearch index uids (for shared servers and tests). */
  indexPrefix?: string;
  /** Where the embedded engine keeps its snapshots (e.g. `data/search`); in memory when omitted. */
  dataDir?: string;
  /** For the embedded engine's snapshot warnings (pino-compatible). */
  logger?: { warn(obj: object, msg: string): void };
}

/** Meilisearch when a host is configured, else the embedded engine. Call `ensureIndex` for each of `INDEXES` next. */
export function createSearchEngine(options: CreateSearchEngineOptions = {}): SearchEngine {
  if (options.meiliHost) {
    return new MeiliSearchEngine({ host: options.meiliHost, apiKey: options.meiliKey, indexPrefix: options.indexPrefix });
  }
  return new EmbeddedSearchEngine({ dataDir: options.dataDir, logger: options.logger });
}
