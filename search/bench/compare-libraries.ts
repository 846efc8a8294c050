/**
 * Compares embedded search libraries on the same synthetic listings with the same tokenizer:
 * MiniSearch as documented (search() with a filter callback, facets and sort by hand), FlexSearch
 * (fastest, no typo tolerance; filters and facets by hand), and our engine (MiniSearch's index with
 * the tuned executor, column filters and facet counting).
 *
 * Quality: each query names one concept; a listing is relevant when its keywords contain that
 * concept (the generator always puts a listing's main concept there). precision@10 is measured
 * for Chinese queries, English queries and English queries with one typo.
 *
 *   npx tsx search/bench/compare-libraries.ts        (COMPARE_N documents, default 20000)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { generateAchievements, prng } from '../../seed/src/scale';
import { EmbeddedSearchEngine } from '../src/embedded/engine';
import { achievementsIndex, type AchievementDoc } from '../src/indexes';
import { textAt } from '../src/paths';
import { CONCEPTS } from '../src/synonyms';
import { isLatinWord, tokenize } from '../src/tokenizer';

const N = Number(process.env.COMPARE_N ?? 20_000);
const PER_CLASS = 100;
const FACETS = ['field', 'region', 'trl'] as const;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

type Kind = 'zh' | 'en' | 'typo';
interface BenchQuery {
  kind: Kind;
  text: string;
  concept: { zh: string; en: string };
}

function queries(): BenchQuery[] {
  const r = prng(7);
  const out: BenchQuery[] = [];
  const pick = () => CONCEPTS[Math.floor(r() * CONCEPTS.length)] as (typeof CONCEPTS)[number];
  for (let i = 0; i < PER_CLASS; i++) {
    const c = pick();
    out.push({ kind: 'zh', text: c.zh, concept: c });
  }
  for (let i = 0; i < PER_CLASS; i++) {
    const c = pick();
    out.push({ kind: 'en', text: c.en, concept: c });
  }
  let made = 0;
  while (made < PER_CLASS) {
    const c = pick();
    const words = c.en.split(' ');
    const idx = words.findIndex((w) => /^[a-z]{6,}$/.test(w));
    if (idx < 0) continue;
    const w = words[idx] as string;
    const p = 1 + Math.floor(r() * (w.length - 2));
    words[idx] = w.slice(0, p) + w.slice(p + 1); // one deletion
    out.push({ kind: 'typo', text: words.join(' '), concept: c });
    made++;
  }
  return out;
}

const SEARCHABLE = achievementsIndex.searchable.map((s) => s.path);
const BOOST = Object.fromEntries(achievementsIndex.searchable.map((s) => [s.path, s.weight]));

interface Library {
  name: string;
  build(docs: AchievementDoc[]): Promise<void>;
  /** Top 10 ids for the text, filtered to published, with facet counts computed over all matches. */
  search(text: string): Promise<string[]>;
}

function facetCount(docs: readonly AchievementDoc[]): void {
  const counts: Record<string, Record<string, number>> = {};
  for (const f of FACETS) {
    const c: Record<string, number> = (counts[f] = {});
    for (const d of docs) {
      const v = String(d[f]);
      c[v] = (c[v] ?? 0) + 1;
    }
  }
}

function miniSearchLibrary(): Library {
  const byId = new Map<string, AchievementDoc>();
  const mini = new MiniSearch<AchievementDoc>({
    fields: SEARCHABLE,
    storeFields: [],
    extractField: (doc, field) => (field === 'id' ? doc.id : textAt(doc, field)),
    tokenize: (t) => tokenize(t),
    processTerm: (t) => t,
    searchOptions: {
      boost: BOOST,
      combineWith: 'AND',
      prefix: (t, i, terms) => i === terms.length - 1 && isLatinWord(t) && t.length >= 3,
      fuzzy: (t) => (isLatinWord(t) && t.length >= 5 ? 0.2 : false),
    },
  });
  return {
    name: 'MiniSearch 7.2.0 (search() + filter callback)',
    async build(docs) {
      for (const d of docs) byId.set(d.id, d);
      mini.addAll(docs);
    },
    async search(text) {
      const hits = mini.search(text, { filter: (r) => byId.get(r.id)?.status === 'published' });
      facetCount(hits.map((h) => byId.get(h.id) as AchievementDoc));
      return hits.slice(0, 10).map((h) => h.id as string);
    },
  };
}

function flexSearchLibrary(): Library {
  const byId = new Map<string, AchievementDoc>();
  const index = new FlexSearch.Index({ tokenize: 'strict', encode: (t: string) => tokenize(t), resolution: 9 });
  return {
    name: 'FlexSearch 0.8.212 (Index, strict)',
    async build(docs) {
      for (const d of docs) {
        byId.set(d.id, d);
        index.add(d.id, SEARCHABLE.map((p) => textAt(d, p)).join('\n'));
      }
    },
    async search(text) {
      const ids = index.search(text, { limit: N }) as string[];
      const hits = ids.map((id) => byId.get(id) as AchievementDoc).filter((d) => d.status === 'published');
      facetCount(hits);
      return hits.slice(0, 10).map((d) => d.id);
    },
  };
}

function ourLibrary(): Library {
  const engine = new EmbeddedSearchEngine();
  return {
    name: 'ours: MiniSearch index + tuned executor (engine.search)',
    async build(docs) {
      await engine.ensureIndex(achievementsIndex);
      for (let i = 0; i < docs.length; i += 5000) await engine.upsert('achievements', docs.slice(i, i + 5000));
    },
    async search(text) {
      const r = await engine.search('achievements', { text, filters: [{ field: 'status', op: 'eq', value: 'published' }], facets: [...FACETS], pageSize: 10 });
      return r.hits.map((h) => h.id);
    },
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function measure(lib: Library, docs: AchievementDoc[], qs: BenchQuery[]) {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  await lib.build(docs);
  const build = (performance.now() - t0) / 1000;
  gc();
  const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const q of qs.slice(0, 30)) await lib.search(q.text); // warm-up
  const times: number[] = [];
  const precision: Record<Kind, number[]> = { zh: [], en: [], typo: [] };
  for (const q of qs) {
    const s = performance.now();
    const top = await lib.search(q.text);
    times.push(performance.now() - s);
    const relevant = top.filter((id) => {
      const kw = byId.get(id)?.keywords ?? [];
      return kw.includes(q.concept.zh) || kw.includes(q.concept.en);
    }).length;
    precision[q.kind].push(top.length ? relevant / top.length : 0);
  }
  times.sort((a, b) => a - b);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  return {
    library: lib.name,
    documents: docs.length,
    build_s: Number(build.toFixed(1)),
    heap_mb: Math.round(heap),
    p50_ms: Number(pct(times, 50).toFixed(2)),
    p95_ms: Number(pct(times, 95).toFixed(2)),
    precision_at_10: { zh: Number(avg(precision.zh).toFixed(2)), en: Number(avg(precision.en).toFixed(2)), typo: Number(avg(precision.typo).toFixed(2)) },
  };
}

async function main() {
  const docs = generateAchievements(N, 42);
  const qs = queries();
  process.stderr.write(`[compare] ${N} documents, ${qs.length} queries (100 zh, 100 en, 100 en with one typo), filter status=published, facets ${FACETS.join(',')}\n`);
  for (const make of [flexSearchLibrary, miniSearchLibrary, ourLibrary]) {
    const result = await measure(make(), docs, qs);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    gc();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
