// `npm start`: the platform on the embedded defaults. Builds FerretDB once, starts it on
// PostgreSQL with data under data/db/pg (unless MONGODB_URI is set), builds the web app — a
// production build whatever NODE_ENV the API runs with — when web/dist is missing, is not a
// production build or its sources changed since (scripts/web-build.mjs), loads the demo data on first run, then runs the API (which serves the web app) on
// PORT (default 3000). Ctrl-C stops the API, then FerretDB, then PostgreSQL (fast shutdown).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, startFerretDB, installStripeMock, startStripeMock } from './services.mjs';
import { buildWeb, webBuildStatus } from './web-build.mjs';

const t0 = Date.now();
const log = (m) => process.stderr.write(`[start] ${m}\n`);
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
const dataDir = resolve(ROOT, env.DATA_DIR ?? 'data');
mkdirSync(dataDir, { recursive: true });
env.DATA_DIR = dataDir;
const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
const stops = [];

if (!env.MONGODB_URI) {
  // FerretDB's backend: Debian's PostgreSQL, installed here when a fresh machine lacks it.
  if ((env.TB_STORE_BACKEND ?? 'postgresql') === 'postgresql') {
    const sys = spawnSync('bash', [join(ROOT, 'scripts', 'install-system.sh'), 'postgresql'], { stdio: 'inherit' });
    if (sys.status !== 0) process.exit(sys.status ?? 1);
  }
  const db = await startFerretDB({ dataDir: join(dataDir, 'db') });
  stops.push(db.stop);
  env.MONGODB_URI = db.uri;
  if (db.pgUrl) env.STORE_PG_URL = db.pgUrl;
  const t = db.timings;
  log(
    `FerretDB ${db.uri} on ${db.backend === 'postgresql' ? `PostgreSQL ${db.pgUrl}` : 'SQLite'} (data in ${join(dataDir, 'db')}; ` +
      `ready in ${(t.totalMs / 1000).toFixed(1)} s${t.initdbMs ? `, first run: initdb ${(t.initdbMs / 1000).toFixed(1)} s` : ''})`,
  );
}
if (!env.STRIPE_SECRET_KEY) {
  installStripeMock();
  const stripe = await startStripeMock();
  stops.push(stripe.stop);
  env.STRIPE_API_BASE = stripe.url;
  log(`stripe-mock ${stripe.url}`);
}

// The web build and the demo data do not depend on each other: run them side by side.
const run = (cmd, args) =>
  new Promise((done) => spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, env }).on('exit', (code) => done(code ?? 1)));
const web = existsSync(join(ROOT, 'web', 'index.html')) ? webBuildStatus() : { fresh: true };
const building = web.fresh
  ? Promise.resolve(0)
  : (log(`building the web app (${web.reason})…`), buildWeb({ env, stdio: 'inherit' }).then((r) => r.code));
const seeding =
  existsSync(join(ROOT, 'seed', 'src', 'cli.ts')) && !process.env.SKIP_SEED
    ? run(tsx, [join(ROOT, 'seed', 'src', 'cli.ts'), '--if-empty'])
    : Promise.resolve(0);
const [built, seeded] = await Promise.all([building, seeding]);
if (built !== 0) log('web build failed; serving the API only');
if (seeded !== 0) {
  log('loading demo data failed');
  for (const s of stops) await s();
  process.exit(1);
}

// Under the guard like the services: a killed `npm start` leaves no API holding the port.
const api = spawn(join(ROOT, 'scripts', 'guard.sh'), [String(process.pid), tsx, join(ROOT, 'api', 'src', 'server.ts')], {
  stdio: 'inherit',
  cwd: ROOT,
  env,
});
log(`API starting on port ${env.PORT ?? 3000} (${((Date.now() - t0) / 1000).toFixed(1)} s after start)`);
const stopAll = async () => {
  for (const s of stops) await s();
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', async (code) => {
  await stopAll();
  process.exit(code ?? 0);
});
