// Real processes for crash and scale-out tests: the API (as `node --import tsx test/api-process.ts`,
// so a SIGKILL hits the server itself) and Debian's redis-server, each on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from '../../scripts/services.mjs';

const API_DIR = join(ROOT, 'api');

export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The process's recent output (for failure messages). */
  output: () => string;
  /** SIGKILL: no shutdown code runs. */
  crash: () => Promise<void>;
  /** SIGTERM, waiting for the exit. */
  stop: () => Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });

/** Starts the API against the test database (MONGODB_URI of this run) and waits until it answers. */
export async function startApiProcess(opts: { port?: number; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<ApiProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'techbridge-api-'));
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'test/api-process.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      SESSION_SECRET: 'techbridge-test-session-secret-0123456789',
      AUTH_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '1000000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer) => {
    out = (out + c.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API process did not answer within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    url,
    port,
    child,
    output: () => out,
    crash: async () => {
      child.kill('SIGKILL');
      await exited(child);
      cleanup();
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(t);
      cleanup();
    },
  };
}

/** Starts Debian's redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    join(ROOT, 'scripts', 'guard.sh'),
    [String(process.pid), '/usr/bin/redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('redis-server did not start (is /usr/bin/redis-server installed?)');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
