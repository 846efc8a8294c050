// The web app's production build, as `npm start`, the browser tests and bench:web make it.
//
// `vite build` compiles React's development runtime (jsxDEV, jsx-dev-runtime) when NODE_ENV is
// `development` or `test` in its environment, so the build runs with NODE_ENV=production whatever
// the caller's is. Each build leaves a stamp, web/dist/.build-stamp.json: the build's mode and a
// sha-256 of every input file — each module the bundle was made from (web/src, the api's contract
// and schemas, search's taxonomy…, as Vite resolved them), index.html, public/, the Vite config,
// the web and root package files. `webBuildStatus` hashes those files again: a build is stale when
// any of them changed, went away, or public/ gained a file. Plain ESM so start.mjs can run it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ROOT } from './services.mjs';

export const WEB = join(ROOT, 'web');
export const WEB_DIST = join(WEB, 'dist');
export const STAMP_FILE = '.build-stamp.json';

/** Inputs every build depends on besides its modules (relative to the repository root). */
const FIXED_INPUTS = ['web/index.html', 'web/vite.config.ts', 'web/package.json', 'web/tsconfig.json', 'package.json', 'package-lock.json', 'tsconfig.base.json'];

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const rel = (path, root = ROOT) => relative(root, path).split(sep).join('/');

/** Every file under web/public, relative to the root, sorted. */
function publicFiles(root = ROOT) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(rel(p, root));
    }
  };
  walk(join(root, 'web', 'public'));
  return out.sort();
}

/**
 * The stamp of a build made from `moduleIds` (Vite's resolved module ids): the files among them in
 * this repository (outside node_modules — package-lock.json stands for those), with the fixed
 * inputs and public/.
 */
export function buildStamp(moduleIds, mode) {
  const files = new Set([...FIXED_INPUTS, ...publicFiles()]);
  for (const id of moduleIds) {
    const path = id.split('?')[0];
    if (!isAbsolute(path) || path.includes(`${sep}node_modules${sep}`)) continue;
    const r = rel(path);
    if (r.startsWith('..') || !existsSync(path) || !statSync(path).isFile()) continue;
    files.add(r);
  }
  const inputs = {};
  for (const f of [...files].sort()) if (existsSync(join(ROOT, f))) inputs[f] = sha(join(ROOT, f));
  return { mode, publicFiles: publicFiles(), inputs };
}

export function writeBuildStamp(outDir, stamp) {
  writeFileSync(join(outDir, STAMP_FILE), JSON.stringify(stamp, null, 1) + '\n');
}

/**
 * Whether `dist` holds a production build of the current sources (those under `root`, the
 * repository by default): `{ fresh: true }`, or `{ fresh: false, reason }` naming the first
 * difference found.
 */
export function webBuildStatus(dist = WEB_DIST, root = ROOT) {
  if (!existsSync(join(dist, 'index.html'))) return { fresh: false, reason: 'no build' };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, STAMP_FILE), 'utf8'));
  } catch {
    return { fresh: false, reason: 'no build stamp' };
  }
  if (stamp.mode !== 'production') return { fresh: false, reason: `a ${stamp.mode ?? 'unknown'} build` };
  const pub = publicFiles(root);
  if (JSON.stringify(pub) !== JSON.stringify(stamp.publicFiles ?? [])) return { fresh: false, reason: 'web/public changed' };
  for (const [f, hash] of Object.entries(stamp.inputs ?? {})) {
    const path = join(root, f);
    if (!existsSync(path)) return { fresh: false, reason: `${f} is gone` };
    if (sha(path) !== hash) return { fresh: false, reason: `${f} changed` };
  }
  for (const f of FIXED_INPUTS) if (!(f in (stamp.inputs ?? {})) && existsSync(join(root, f))) return { fresh: false, reason: `${f} is new` };
  return { fresh: true };
}

/**
 * `vite build` with NODE_ENV=production (React's production runtime), into `outDir` (web/dist by
 * default). Resolves with the exit code and the build's output.
 */
export function buildWeb({ outDir, env = process.env, stdio = 'pipe' } = {}) {
  const args = ['build', '--mode', 'production', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])];
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'vite'), args, {
      cwd: WEB,
      env: { ...env, NODE_ENV: 'production' },
      stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (b) => (out += b.toString()));
    child.stderr?.on('data', (b) => (out += b.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output: out }));
  });
}
