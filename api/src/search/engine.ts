import { isAbsolute, join, resolve } from 'node:path';
import { INDEXES, createSearchEngine, type SearchEngine } from '@techbridge/search';
import type { Config } from '../config';

/**
 * The configured search engine with both listing indexes ensured: Meilisearch when MEILI_HOST is
 * set, otherwise the embedded engine persisted under DATA_DIR/search.
 */
export async function openSearchEngine(config: Pick<Config, 'MEILI_HOST' | 'MEILI_MASTER_KEY' | 'DATA_DIR'>): Promise<SearchEngine> {
  const dataDir = isAbsolute(config.DATA_DIR) ? config.DATA_DIR : resolve(process.cwd(), config.DATA_DIR);
  const engine = createSearchEngine({
    meiliHost: config.MEILI_HOST,
    meiliKey: config.MEILI_MASTER_KEY,
    dataDir: join(dataDir, 'search'),
  });
  for (const def of INDEXES) await engine.ensureIndex(def);
  return engine;
}

/** A fresh in-memory embedded engine with the listing indexes (tests, one per server). */
export async function memorySearchEngine(): Promise<SearchEngine> {
  const engine = createSearchEngine({});
  for (const def of INDEXES) await engine.ensureIndex(def);
  return engine;
}
