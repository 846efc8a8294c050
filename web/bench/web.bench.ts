// `npm run bench:web`: builds the web app, then measures
//   web_initial_js_gzip_kb — the home page's entry chunk plus every chunk it imports statically
//                            (from Vite's manifest), gzip-compressed;
//   web_first_result_ms    — in Chromium, from navigation start to the first search result card
//                            of a cold page load (fresh browser context) on the seeded demo,
//                            median over several queries.
// Extra figures: the JS the home page actually downloaded (gzip) and the slowest cold load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { buildWeb, launchBrowser, newPage, startStack, WEB } from '../test/harness';

const QUERIES = ['锂电池', '人工智能', 'battery', '传感器', '新能源汽车', 'robot', '生物医药'];

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

// each figure with the machine's 1-minute load average when it was taken (2 shared cores: say the load)
const figure = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ figure: name, value: Math.round(value * 10) / 10, unit, load_avg_1m: Math.round(loadavg()[0]! * 100) / 100 }));
const gzipKb = (buf: Buffer) => gzipSync(buf, { level: 9 }).length / 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main() {
  const t0 = Date.now();
  await buildWeb();
  const dist = join(WEB, 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the Vite manifest');
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) walk(i);
  };
  walk(entryKey);
  const initial = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const initialKb = initial.reduce((sum, f) => sum + gzipKb(readFileSync(join(dist, f))), 0);
  process.stderr.write(`[bench:web] initial chunks: ${initial.join(', ')}\n`);

  process.stderr.write('[bench:web] starting FerretDB, loading the demo data, starting the API…\n');
  const stack = await startStack({ seed: true });
  const browser = await launchBrowser();
  try {
    // warm the server (index rebuilt, first query compiled) so the figure is the page, not the boot
    for (const q of QUERIES) await fetch(`${stack.url}/api/search/achievements?q=${encodeURIComponent(q)}`);

    const times: number[] = [];
    let loadedKb = 0;
    for (const [i, q] of QUERIES.entries()) {
      const { context, page } = await newPage(browser);
      const scripts: string[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(`${stack.url}/?q=${encodeURIComponent(q)}`);
      await page.getByTestId('listing-card').first().waitFor({ timeout: 30_000 });
      const ms = await page.evaluate(() => performance.now());
      times.push(ms);
      if (i === 0) {
        for (const url of scripts) {
          const path = new URL(url).pathname;
          loadedKb += gzipKb(readFileSync(join(dist, path)));
        }
      }
      process.stderr.write(`[bench:web] ${q}: first result after ${ms.toFixed(0)} ms\n`);
      await context.close();
    }
    figure('web_initial_js_gzip_kb', initialKb, 'kB');
    figure('web_first_result_ms', median(times), 'ms');
    figure('web_first_result_max_ms', Math.max(...times), 'ms');
    figure('web_home_js_loaded_gzip_kb', loadedKb, 'kB');
  } finally {
    await browser.close();
    await stack.stop();
  }
  process.stderr.write(`[bench:web] done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
