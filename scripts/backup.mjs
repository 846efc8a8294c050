// `npm run backup [-- <file>]` and `npm run restore -- <file>`: the embedded store (FerretDB on
// PostgreSQL, data under DATA_DIR/db/pg) to and from one pg_dump custom-format archive.
// The functions are exported for the round-trip test (api/src/store/backup.test.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PG_DATABASE, ROOT, pgBinDir, pgClientEnv, pgUrlFor, psql, runningPostmaster, startPostgres } from './services.mjs';

const say = (msg) => process.stderr.write(`[backup] ${msg}\n`);

/** The platform's data directory (DATA_DIR, default data/). */
export const dataRoot = () => resolve(ROOT, process.env.DATA_DIR ?? 'data');

/** `techbridge-20261204T163500Z.dump` for the given time (UTC). */
export function backupFileName(at = new Date()) {
  return `techbridge-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.dump`;
}

function run(cmd, args) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: pgClientEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

async function must(what, result) {
  const r = await result;
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.trim().slice(-3000)}`);
  return r;
}

/** The MongoDB databases (PostgreSQL schemas) FerretDB keeps in the database at `pgUrl`. */
async function ferretDatabases(bin, port, database = PG_DATABASE) {
  const r = await must(
    'listing databases',
    psql(bin, port, "SELECT table_schema FROM information_schema.tables WHERE table_name = '_ferretdb_database_metadata' ORDER BY 1", database),
  );
  return r.stdout.split('\n').filter(Boolean);
}

const portOf = (pgUrl) => Number(new URL(pgUrl).port);

/**
 * Dumps FerretDB's PostgreSQL database (`pg_dump -Fc`) to `file` (default
 * `<DATA_DIR>/backups/techbridge-<UTC time>.dump`). The database is `pgUrl` when given (a store
 * started by the caller); otherwise the store in `dataDir` (default `<DATA_DIR>/db`): its running
 * PostgreSQL when the platform is up (pg_dump reads one consistent snapshot while it serves), else
 * PostgreSQL started for the dump and stopped after it.
 */
export async function backup({ file, pgUrl, dataDir, durable = true } = {}) {
  const t0 = Date.now();
  const dir = resolve(dataDir ?? join(dataRoot(), 'db'));
  const pgDir = join(dir, 'pg');
  const out = resolve(file ?? join(dataRoot(), 'backups', backupFileName()));
  let url = pgUrl;
  let bin;
  let source;
  let stop;
  if (url) {
    bin = pgBinDir({ pgDir: existsSync(pgDir) ? pgDir : undefined });
    source = url.replace(/\?.*$/, '');
  } else {
    if (!existsSync(join(pgDir, 'PG_VERSION'))) throw new Error(`nothing to back up: ${pgDir} holds no database (has \`npm start\` run with this DATA_DIR?)`);
    bin = pgBinDir({ pgDir });
    const live = runningPostmaster(pgDir);
    if (live) {
      url = pgUrlFor(live.port);
      source = `${pgDir} (the running platform's PostgreSQL, pid ${live.pid})`;
    } else {
      const pg = await startPostgres({ dataDir: dir, durable });
      url = pg.pgUrl;
      stop = pg.stop;
      source = `${pgDir} (PostgreSQL started for the dump)`;
    }
  }
  try {
    const databases = await ferretDatabases(bin, portOf(url));
    mkdirSync(dirname(out), { recursive: true });
    const partial = `${out}.partial`;
    rmSync(partial, { force: true });
    try {
      await must('pg_dump', run(join(bin, 'pg_dump'), ['-Fc', '-d', url, '-f', partial]));
      renameSync(partial, out);
    } finally {
      rmSync(partial, { force: true });
    }
    return { file: out, bytes: statSync(out).size, ms: Date.now() - t0, databases, source };
  } finally {
    await stop?.();
  }
}

/**
 * Replaces the store in `dataDir` (default `<DATA_DIR>/db`) with the archive `file`. Refuses while
 * the store is in use (FerretDB caches its metadata: a restore under it would serve stale
 * collections). Starts PostgreSQL alone (making the cluster when there is none yet), restores into a
 * new database and swaps it in only when pg_restore succeeded, then stops PostgreSQL: the next
 * start serves the restored data. `searchDir`: the embedded search snapshot to drop so the next
 * start rebuilds it from the restored database.
 */
export async function restore({ file, dataDir, searchDir, durable = true } = {}) {
  const t0 = Date.now();
  if (!file) throw new Error('restore needs the backup file: npm run restore -- <file>');
  const src = resolve(file);
  if (!existsSync(src)) throw new Error(`no such backup file: ${src}`);
  const dir = resolve(dataDir ?? join(dataRoot(), 'db'));
  const pgDir = join(dir, 'pg');
  const live = runningPostmaster(pgDir);
  if (live) {
    throw new Error(
      `the store in ${dir} is in use (PostgreSQL pid ${live.pid}, port ${live.port}). Stop \`npm start\` (and any command ` +
        'using this data) first: FerretDB caches its metadata, so restoring under it would serve stale collections.',
    );
  }
  let bin = pgBinDir({ pgDir: existsSync(join(pgDir, 'PG_VERSION')) ? pgDir : undefined });
  await must(`reading ${src} (is it a pg_dump -Fc archive?)`, run(join(bin, 'pg_restore'), ['--list', src]));
  const pg = await startPostgres({ dataDir: dir, durable });
  bin = pg.bin;
  const staging = `${PG_DATABASE}_restore`;
  let databases;
  try {
    await must('dropping an earlier staging database', psql(bin, pg.port, `DROP DATABASE IF EXISTS "${staging}"`));
    await must('creating the staging database', psql(bin, pg.port, `CREATE DATABASE "${staging}"`));
    try {
      await must('pg_restore', run(join(bin, 'pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '-d', pgUrlFor(pg.port, staging), src]));
      // pg_restore leaves the planner without statistics and the visibility map empty: the
      // indexes would go unused (or counts read the heap) until autovacuum came by.
      await must('VACUUM ANALYZE of the restored data', psql(bin, pg.port, 'VACUUM (ANALYZE)', staging));
      databases = await ferretDatabases(bin, pg.port, staging);
    } catch (err) {
      await psql(bin, pg.port, `DROP DATABASE IF EXISTS "${staging}"`);
      throw err;
    }
    await must('dropping the replaced database', psql(bin, pg.port, `DROP DATABASE IF EXISTS "${PG_DATABASE}"`));
    await must('renaming the restored database', psql(bin, pg.port, `ALTER DATABASE "${staging}" RENAME TO "${PG_DATABASE}"`));
  } finally {
    await pg.stop();
  }
  let searchDropped = false;
  if (searchDir && existsSync(searchDir)) {
    rmSync(searchDir, { recursive: true, force: true });
    searchDropped = true;
  }
  return { file: src, bytes: statSync(src).size, ms: Date.now() - t0, databases, dataDir: dir, searchDropped };
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function main(verb, arg) {
  if (process.env.MONGODB_URI) {
    say(
      `MONGODB_URI is set, so the data lives in that server, not in the embedded store: use ` +
        `${verb === 'restore' ? 'mongorestore --uri="$MONGODB_URI" --drop <dir>' : 'mongodump --uri="$MONGODB_URI" --out <dir>'} instead.`,
    );
    return 2;
  }
  if (process.env.TB_STORE_BACKEND && process.env.TB_STORE_BACKEND.toLowerCase() === 'sqlite') {
    say(`TB_STORE_BACKEND=sqlite: ${verb} covers the PostgreSQL store only; use mongodump/mongorestore against FerretDB on SQLite.`);
    return 2;
  }
  // npm runs scripts from the repository root; a relative path means the caller's directory.
  const here = process.env.INIT_CWD ?? process.cwd();
  if (verb === 'backup') {
    const r = await backup({ file: arg ? resolve(here, arg) : undefined });
    say(`backed up ${r.source}`);
    say(`  databases: ${r.databases.join(', ') || '(none)'}`);
    say(`  wrote ${r.file} (${mb(r.bytes)}) in ${(r.ms / 1000).toFixed(1)} s`);
    say(`  restore with: npm run restore -- ${r.file}`);
    return 0;
  }
  if (verb === 'restore') {
    if (!arg) {
      say('usage: npm run restore -- <file>   (a file written by npm run backup)');
      return 2;
    }
    const root = dataRoot();
    const r = await restore({ file: resolve(here, arg), searchDir: join(root, 'search') });
    say(`restored ${r.file} (${mb(r.bytes)}) into ${join(r.dataDir, 'pg')} in ${(r.ms / 1000).toFixed(1)} s`);
    say(`  databases: ${r.databases.join(', ') || '(none)'}`);
    if (r.searchDropped) say(`  dropped the search snapshot ${join(root, 'search')}: the next start rebuilds it from the restored data`);
    if (process.env.MEILI_HOST) say('  MEILI_HOST is set: run `npm run reindex` after starting, so Meilisearch matches the restored data');
    say('  start the platform with: npm start');
    return 0;
  }
  say('usage: node scripts/backup.mjs backup [file] | restore <file>');
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv[2], process.argv[3]).then(
    (code) => process.exit(code),
    (err) => {
      say(`failed: ${err.message}`);
      process.exit(1);
    },
  );
}
