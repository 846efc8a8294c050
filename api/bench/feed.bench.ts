// `npm run bench:feed`: the incremental feed (feed/feed.service.ts) on the shared bench data set
// (dataset.ts: 100,000 achievements and 30,000 demands on FerretDB's PostgreSQL backend, restored
// with pg_restore, built and dumped on the first run). One JSON line per figure on stdout, progress
// on stderr; every figure carries load_avg_1m.
//
// - feed_page_p95_ms: one page of 1,000 achievements (the SQL keyset read by the (updatedAt, _id)
//   index, the organisations' point reads, the public presenter) — the service call, without HTTP —,
//   pages read one after the other from the beginning of the feed to its end (or BENCH_FEED_PAGES).
// - feed_demand_page_p95_ms: the same for demands.
//
// Environment: BENCH_FEED_PAGES (default: the whole feed), BENCH_FEED_LIMIT (default 1000).
import { benchStore, load1, DATASET_TAG } from './dataset';
import { achievementFeed, demandFeed, type FeedPage } from '../src/feed/feed.service';

const PAGES = Number(process.env.BENCH_FEED_PAGES ?? Infinity);
const LIMIT = Number(process.env.BENCH_FEED_LIMIT ?? 1000);

const say = (msg: string) => process.stderr.write(`[bench:feed] ${msg}\n`);
const round = (x: number) => Math.round(x * 100) / 100;
const figure = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ figure: name, value: round(value), unit, load_avg_1m: load1(), ...extra })}\n`);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
}

/** Reads the feed page after page from the start; the time of each page and the entries served. */
async function walk(read: (cursor: string | undefined) => Promise<FeedPage<unknown>>) {
  const ms: number[] = [];
  let cursor: string | undefined;
  let entries = 0;
  let tombstones = 0;
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    const page = await read(cursor);
    ms.push(performance.now() - t);
    entries += page.entries.length;
    tombstones += page.entries.filter((e) => e.op === 'delete').length;
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  return { ms, entries, tombstones };
}

async function main() {
  const store = await benchStore();
  try {
    say(`data set ${DATASET_TAG} ${store.origin.how} in ${store.origin.seconds} s (load ${load1()})`);
    // One warm-up page: the pool, the table lookup, the plan.
    await achievementFeed({ limit: LIMIT }, 0);
    for (const [name, read] of [
      ['feed_page_p95_ms', (c: string | undefined) => achievementFeed({ limit: LIMIT, updatedSince: c }, 0)],
      ['feed_demand_page_p95_ms', (c: string | undefined) => demandFeed({ limit: LIMIT, updatedSince: c }, 0)],
    ] as const) {
      const t = performance.now();
      const { ms, entries, tombstones } = await walk(read as (c: string | undefined) => Promise<FeedPage<unknown>>);
      say(`${name}: ${ms.length} pages, ${entries} entries (${tombstones} tombstones) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      figure(name, pct(ms, 95), 'ms', { page_size: LIMIT, pages: ms.length, entries, tombstones, p50_ms: round(pct(ms, 50)), max_ms: round(Math.max(...ms)), backend: store.backend, dataset: DATASET_TAG });
    }
  } finally {
    await store.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
