import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { loadConfig, type Config } from '../src/config';
import { createLogger } from '../src/logger';
import { createApp, type AppBundle, type AppDeps } from '../src/app';
import type { SearchEngine } from '@techbridge/search';
import { memorySearchEngine } from '../src/search/engine';
import { Indexer } from '../src/search/indexer';
import { MatchQueue } from '../src/matching/matching.queue';
import { setLivenessSource } from '../src/matching/matching.service';
import { createRealtime, type Realtime } from '../src/realtime/realtime';

export interface TestServer {
  url: string;
  server: Server;
  bundle: AppBundle;
  config: Config;
  /** This server's own in-memory search engine (or the one passed in `extra.search`). */
  search: SearchEngine;
  /** This server's outbox indexer (started; tests `await srv.indexer.idle()` before searching). */
  indexer: Indexer;
  /** The background matcher (only with AUTO_MATCH=true). */
  matchQueue?: MatchQueue;
  /** Socket.IO, when started with `{ realtime: true }`. */
  realtime?: Realtime;
  close: () => Promise<void>;
}

/** Starts the real app on a loopback port 0 against the test database. */
export async function startTestServer(
  env: Record<string, string> = {},
  extra: Partial<AppDeps> = {},
  opts: { realtime?: boolean } = {},
): Promise<TestServer> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', AUTH_RATE_LIMIT: '1000', WRITE_RATE_LIMIT: '100000', ...env });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const search = extra.search ?? (await memorySearchEngine());
  setLivenessSource(search.kind === 'embedded' ? 'process' : 'database'); // as api/src/server.ts
  // With AUTO_MATCH=true in `env`, the matcher runs after every indexed listing, as in production.
  const matchQueue = env.AUTO_MATCH === 'true' ? new MatchQueue(search, logger) : undefined;
  const indexer =
    extra.indexer ??
    new Indexer({ engine: search, logger, intervalMs: 2000, backoff: { baseMs: 20, maxMs: 400 }, onIndexed: matchQueue?.hook });
  indexer.start();
  const bundle = createApp({ config, logger, dbKind: 'ferretdb', ...extra, search, indexer });
  const server = createServer(bundle.app);
  const realtime = opts.realtime
    ? await createRealtime(server, { config, logger, sessionMiddleware: bundle.sessionMiddleware, passport: bundle.passport })
    : undefined;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    bundle,
    config,
    search,
    indexer,
    realtime,
    matchQueue,
    close: async () => {
      await matchQueue?.stop();
      await realtime?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await indexer.stop();
      await bundle.sessionSweep.stop();
      if (!extra.search) await search.close();
    },
  };
}

/**
 * A browser-like client: keeps cookies, fetches a CSRF token and sends it on writes.
 */
export class TestClient {
  readonly agent: ReturnType<typeof supertest.agent>;
  csrf = '';

  constructor(readonly url: string) {
    this.agent = supertest.agent(url);
  }

  async init(): Promise<this> {
    const res = await this.agent.get('/api/csrf').expect(200);
    this.csrf = res.body.csrfToken;
    return this;
  }

  get(path: string) {
    return this.agent.get(path);
  }
  post(path: string, body?: unknown) {
    return this.agent.post(path).set('x-csrf-token', this.csrf).send(body as object);
  }
  patch(path: string, body?: unknown) {
    return this.agent.patch(path).set('x-csrf-token', this.csrf).send(body as object);
  }
  put(path: string, body?: unknown) {
    return this.agent.put(path).set('x-csrf-token', this.csrf).send(body as object);
  }
  delete(path: string) {
    return this.agent.delete(path).set('x-csrf-token', this.csrf);
  }

  /** The session cookie header, for socket.io clients. */
  cookieHeader(): string {
    const jar = (this.agent as unknown as { jar: { getCookies: (o: object) => { name: string; value: string }[] } }).jar;
    const u = new URL(this.url);
    return jar
      .getCookies({ domain: u.hostname, path: '/', secure: false, script: false })
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}
