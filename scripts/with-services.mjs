// Runs a command with the embedded database started (unless MONGODB_URI is set), e.g.
// `node scripts/with-services.mjs tsx seed/src/cli.ts`. Data lives under data/db (PostgreSQL's
// cluster in data/db/pg); the command gets MONGODB_URI and STORE_PG_URL.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ROOT, startFerretDB } from './services.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-services.mjs <command> [args…]');
  process.exit(2);
}
const env = { ...process.env };
let db;
if (!env.MONGODB_URI) {
  db = await startFerretDB({ dataDir: resolve(ROOT, env.DATA_DIR ?? 'data', 'db'), port: env.FERRETDB_PORT ? Number(env.FERRETDB_PORT) : undefined });
  env.MONGODB_URI = db.uri;
  if (db.pgUrl) env.STORE_PG_URL = db.pgUrl;
}
const bin = cmd === 'tsx' ? join(ROOT, 'node_modules', '.bin', 'tsx') : cmd;
const child = spawn(bin, args, { stdio: 'inherit', env, cwd: ROOT });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', async (code, signal) => {
  await db?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
