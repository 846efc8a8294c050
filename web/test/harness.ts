// Browser-test harness: builds the web app once per run, starts FerretDB and the real API (as a
// child process, exactly as `npm start` runs it, serving web/dist), and launches Debian's Chromium
// through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, freePort, startFerretDB } from '../../scripts/services.mjs';
import { buildWeb as buildProduction } from '../../scripts/web-build.mjs';

export const WEB = join(ROOT, 'web');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let built: Promise<void> | null = null;

/**
 * The production build into web/dist, as `npm start` makes it (scripts/web-build.mjs), once per
 * process (WEB_SKIP_BUILD=1 reuses an existing build).
 */
export function buildWeb(): Promise<void> {
  if (process.env.WEB_SKIP_BUILD) return Promise.resolve();
  built ??= buildProduction().then((r) => {
    if (r.code !== 0) throw new Error(`vite build failed (exit ${r.code}):\n${r.output}`);
  });
  return built;
}

export interface Stack {
  /** Base URL of the API, which also serves the built web app. */
  url: string;
  mongoUri: string;
  dataDir: string;
  /** Creates (or promotes) a platform admin through the API's own CLI. */
  createAdmin(email: string, password: string): Promise<void>;
  /** Runs a TypeScript CLI of the repo with the stack's environment. */
  runTsx(script: string, args?: string[]): Promise<string>;
  /** Kills the API process (the database keeps running). */
  killApi(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the API process again on the same port. */
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode} before it was healthy:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`API not healthy within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** FerretDB + the API (serving the built web app) on free loopback ports. */
export async function startStack(opts: { env?: Record<string, string>; seed?: boolean } = {}): Promise<Stack> {
  await buildWeb();
  const db = await startFerretDB();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'techbridge-web-'));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONGODB_URI: db.uri,
    ...(db.pgUrl ? { STORE_PG_URL: db.pgUrl } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    SKIP_SEED: '1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.API_LOG_LEVEL ?? 'warn',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '100000',
    WEB_DIST: join(WEB, 'dist'),
    ...opts.env,
  };
  let api: ChildProcess | null = null;
  let tail = '';
  const startApi = async () => {
    tail = '';
    // node itself (not the tsx wrapper, which runs the script in a child) so a kill reaches the server
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api', 'src', 'server.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => {
      tail = (tail + b.toString()).slice(-6000);
      if (process.env.API_LOG) process.stderr.write(b);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    api = child;
    await waitForHealth(url, child, () => tail);
  };
  const killApi = (signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      const child = api;
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  const runTsx = (script: string, args: string[] = []) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(TSX, [join(ROOT, script), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}:\n${out}`))));
    });
  process.once('exit', () => api?.kill('SIGKILL'));
  // demo data goes in before the API starts, so its boot-time index rebuild picks it up
  if (opts.seed) await runTsx('seed/src/cli.ts');
  await startApi();
  return {
    url,
    mongoUri: db.uri,
    dataDir,
    createAdmin: async (email, password) => {
      await runTsx('api/src/auth/create-admin.cli.ts', [email, password]);
    },
    runTsx,
    killApi,
    startApi,
    stop: async () => {
      await killApi('SIGTERM');
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium through playwright-core. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A fresh browser context (own cookies and storage) with one page, in Chinese by default. */
export async function newPage(
  browser: Browser,
  opts: { width?: number; height?: number; lang?: 'zh' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
    locale: opts.lang === 'en' ? 'en-US' : 'zh-CN',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

/** Saves a full-page screenshot under artifacts/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

let counter = 0;
/** A unique email for this run. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.cn`;
}
