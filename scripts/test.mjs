// `npm test`: installs what the tests need on a fresh machine (pinned FerretDB and stripe-mock,
// Debian's chromium and redis-server), then runs every workspace's Mocha suite and prints one
// closing line "N passed, N failed". `npm test -- api` runs one workspace.
//
// `npm test -- api:fast` (`npm run test:fast`): the api's fast tier — the test files that start
// neither the HTTP app (test/server, supertest, sockets) nor child processes nor services of their
// own: pure logic, and services against the real store. Seconds of feedback instead of the suite's
// minutes; the full `api` tier still runs them all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, installFerretDB, installStripeMock } from './services.mjs';

installFerretDB();
installStripeMock();
const sys = spawnSync('bash', [join(ROOT, 'scripts', 'install-system.sh')], { stdio: 'inherit' });
if (sys.status !== 0) process.exit(sys.status ?? 1);

// Each workspace's test files (not in .mocharc.json, so that `npx mocha <file>` runs that file alone).
const SPEC = { search: 'src/**/*.test.ts', seed: 'src/**/*.test.ts', api: 'src/**/*.test.ts', web: 'test/**/*.test.ts' };
const only = process.argv.slice(2);

// What puts a test file outside the fast tier (see the top of this file).
const SLOW = [/test\/(server|processes|sockets)'/, /from 'supertest'/, /node:child_process/, /scripts\/(services|backup)\.mjs'/];
// Store tests over generated data (120–150 random queries, every hot query's plan): 20–30 s each
// on a loaded machine, run by the full tier only.
const FULL_ONLY = new Set(['src/store/explain.test.ts', 'src/store/pg-read.test.ts', 'src/store/pg-point-reads.test.ts']);

/** The api's fast-tier test files, relative to api/. */
function fastApiFiles() {
  return readdirSync(join(ROOT, 'api', 'src'), { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('src', f))
    .filter((f) => !FULL_ONLY.has(f) && !SLOW.some((re) => re.test(readFileSync(join(ROOT, 'api', f), 'utf8'))))
    .sort();
}

// A tier is `<workspace>` or `api:fast`.
const tiers = only.length ? only : ['search', 'seed', 'api', 'web'];
const workspaces = tiers.filter((t) =>
  JSON.parse(readFileSync(join(ROOT, t.split(':')[0], 'package.json'), 'utf8')).scripts?.test,
);
const out = mkdtempSync(join(tmpdir(), 'techbridge-test-'));
let passed = 0;
let failed = 0;
let pending = 0;
let worst = 0;
for (const tier of workspaces) {
  const [w, sub] = tier.split(':');
  if (sub && tier !== 'api:fast') throw new Error(`unknown test tier ${tier} (tiers: search, seed, api, api:fast, web)`);
  const files = tier === 'api:fast' ? fastApiFiles() : [SPEC[w]];
  process.stderr.write(`\n===== ${tier} =====\n`);
  const json = join(out, `${w}${sub ? `-${sub}` : ''}.json`);
  const r = spawnSync(
    'npx',
    ['mocha', ...files, '--reporter', join(ROOT, 'scripts', 'mocha-reporter.cjs'), '--reporter-option', `json=${json}`],
    { stdio: 'inherit', cwd: join(ROOT, w), env: process.env },
  );
  try {
    const stats = JSON.parse(readFileSync(json, 'utf8'));
    passed += stats.passes;
    failed += stats.failures;
    pending += stats.pending;
  } catch {
    failed += 1;
    process.stderr.write(`[test] ${w}: the suite did not finish (exit ${r.status})\n`);
  }
  if (r.status !== 0) worst = r.status || 1;
}
rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed > 0 || worst !== 0 ? 1 : 0);
