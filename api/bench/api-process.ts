// The API as a child process for the benches that measure it from outside (bench:load, the
// publish → matches phase of bench:match): started on a free loopback port with the benches' raised
// rate limits, ready once /api/health answers, its log scanned for error lines (pino level ≥ 50, or a
// line that says error or a 5xx), stopped with SIGTERM and SIGKILLed after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, ROOT } from '../../scripts/services.mjs';

/** Rate limits raised for a bench's many virtual users. */
export const BENCH_RATE_LIMIT = '1000000';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** The log lines that report an error, each cut to 2,000 characters. */
  errorLines: string[];
  stop: () => Promise<void>;
}

export interface ApiProcessOptions {
  /** The entry script, relative to api/ (`src/server.ts`, or `test/api-process.ts` which ends with its parent). */
  entry: string;
  env: Record<string, string>;
  /** Extra node flags (a CPU profile, for example). */
  nodeArgs?: string[];
  /** Every log line is also written here. */
  logFile?: string;
  /** How long `stop` waits after SIGTERM before SIGKILL (default 10 s). */
  stopTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isErrorLine(line: string): boolean {
  let level = 0;
  try {
    level = (JSON.parse(line) as { level?: number }).level ?? 0;
  } catch {
    /* not JSON */
  }
  return level >= 50 || /error|\b5\d\d\b/i.test(line);
}

export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry], {
    cwd: join(ROOT, 'api'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      AUTH_RATE_LIMIT: BENCH_RATE_LIMIT,
      WRITE_RATE_LIMIT: BENCH_RATE_LIMIT,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const errorLines: string[] = [];
  const log = options.logFile ? createWriteStream(options.logFile) : null;
  const scan = (line: string) => {
    log?.write(`${line}\n`);
    if (isErrorLine(line)) errorLines.push(line.slice(0, 2000));
  };
  createInterface({ input: child.stdout! }).on('line', scan);
  createInterface({ input: child.stderr! }).on('line', scan);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${errorLines.join('\n')}`);
    try {
      if ((await fetch(`${url}/api/health`)).status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('API did not answer within 15 minutes');
    await sleep(250);
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    child,
    errorLines,
    stop: async () => {
      if (!exited()) child.kill('SIGTERM');
      const t = setTimeout(kill, options.stopTimeoutMs ?? 10_000);
      await new Promise((r) => (exited() ? r(null) : child.once('exit', r)));
      clearTimeout(t);
      log?.end();
      process.off('exit', kill);
    },
  };
}
