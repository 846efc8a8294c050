// The build `npm start` serves (scripts/web-build.mjs): React's production runtime whatever
// NODE_ENV the caller has, and a stamp that tells a build of the current sources from a stale one.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../scripts/services.mjs';
import { buildWeb, STAMP_FILE, WEB, webBuildStatus, type BuildStamp } from '../../scripts/web-build.mjs';

/** The JavaScript files of a build that hold React's development runtime. */
const devRuntimeFiles = (dist: string) =>
  readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .filter((f) => f.includes('jsx-dev-runtime') || /jsxDEV|jsx-dev-runtime/.test(readFileSync(join(dist, 'assets', f), 'utf8')));

describe('the web build npm start serves (scripts/web-build.mjs)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'techbridge-web-build-'));
  const dist = join(tmp, 'dist');
  after(() => rmSync(tmp, { recursive: true, force: true }));

  before(async () => {
    // npm start's own environment: NODE_ENV=development unless the caller set another
    const r = await buildWeb({ outDir: dist, env: { ...process.env, NODE_ENV: 'development' } });
    assert.equal(r.code, 0, r.output);
  });

  it('is a production build even when the caller runs with NODE_ENV=development: no jsxDEV, no jsx-dev-runtime', () => {
    assert.ok(readdirSync(join(dist, 'assets')).some((f) => f.endsWith('.js')));
    assert.deepEqual(devRuntimeFiles(dist), []);
    const stamp = JSON.parse(readFileSync(join(dist, STAMP_FILE), 'utf8')) as BuildStamp;
    assert.equal(stamp.mode, 'production');
    for (const f of ['web/src/main.tsx', 'web/src/pages/Search.tsx', 'web/index.html', 'web/public/prefetch.js', 'package-lock.json', 'search/src/taxonomy.ts']) {
      assert.ok(stamp.inputs[f], `${f} is an input of the stamp`);
    }
  });

  it('is fresh for the sources it was built from; a changed, removed or added source makes it stale', () => {
    assert.deepEqual(webBuildStatus(dist), { fresh: true });
    // the stamped inputs copied into a scratch tree, which the test then changes
    const root = join(tmp, 'root');
    const stamp = JSON.parse(readFileSync(join(dist, STAMP_FILE), 'utf8')) as BuildStamp;
    const copyAll = () => {
      rmSync(root, { recursive: true, force: true });
      for (const f of Object.keys(stamp.inputs)) {
        mkdirSync(dirname(join(root, f)), { recursive: true });
        cpSync(join(ROOT, f), join(root, f));
      }
    };
    copyAll();
    assert.deepEqual(webBuildStatus(dist, root), { fresh: true });

    appendFileSync(join(root, 'web/src/components/ListingCard.tsx'), '\n// changed\n');
    assert.deepEqual(webBuildStatus(dist, root), { fresh: false, reason: 'web/src/components/ListingCard.tsx changed' });

    copyAll();
    appendFileSync(join(root, 'api/src/contract/states.ts'), '\n');
    assert.deepEqual(webBuildStatus(dist, root), { fresh: false, reason: 'api/src/contract/states.ts changed' });

    copyAll();
    rmSync(join(root, 'search/src/taxonomy.ts'));
    assert.deepEqual(webBuildStatus(dist, root), { fresh: false, reason: 'search/src/taxonomy.ts is gone' });

    copyAll();
    writeFileSync(join(root, 'web/public/robots.txt'), 'User-agent: *\n');
    assert.deepEqual(webBuildStatus(dist, root), { fresh: false, reason: 'web/public changed' });

    copyAll();
    appendFileSync(join(root, 'package-lock.json'), '\n');
    assert.deepEqual(webBuildStatus(dist, root), { fresh: false, reason: 'package-lock.json changed' });
  });

  it('finds no build, and a build with no stamp, stale', () => {
    assert.deepEqual(webBuildStatus(join(tmp, 'nothing')), { fresh: false, reason: 'no build' });
    const copy = join(tmp, 'unstamped');
    cpSync(dist, copy, { recursive: true });
    rmSync(join(copy, STAMP_FILE));
    assert.deepEqual(webBuildStatus(copy), { fresh: false, reason: 'no build stamp' });
  });

  it('tells a development build (plain `vite build` under NODE_ENV=development) from it: stale, and its chunks hold jsxDEV', async () => {
    const devDist = join(tmp, 'dev-dist');
    const code = await new Promise<number>((resolve) =>
      spawn(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', devDist, '--emptyOutDir', '--logLevel', 'error'], {
        cwd: WEB,
        env: { ...process.env, NODE_ENV: 'development' },
        stdio: 'ignore',
      }).on('exit', (c) => resolve(c ?? 1)),
    );
    assert.equal(code, 0);
    assert.notDeepEqual(devRuntimeFiles(devDist), []);
    assert.deepEqual(webBuildStatus(devDist), { fresh: false, reason: 'a development build' });
  });
});
