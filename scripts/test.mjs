// `npm test`: installs what the tests need on a fresh machine (pinned FerretDB and stripe-mock,
// Debian's chromium and redis-server), then runs every workspace's Mocha suite and prints one
// closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const workspaces = (only.length ? only : ['search', 'seed', 'api', 'web']).filter((w) =>
  JSON.parse(readFileSync(join(ROOT, w, 'package.json'), 'utf8')).scripts?.test,
);
const out = mkdtempSync(join(tmpdir(), 'techbridge-test-'));
let passed = 0;
let failed = 0;
let pending = 0;
let worst = 0;
for (const w of workspaces) {
  process.stderr.write(`\n===== ${w} =====\n`);
  const json = join(out, `${w}.json`);
  const r = spawnSync(
    'npx',
    ['mocha', SPEC[w], '--reporter', join(ROOT, 'scripts', 'mocha-reporter.cjs'), '--reporter-option', `json=${json}`],
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
