import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { loadConfig, type Config } from '../src/config';
import { createLogger } from '../src/logger';
import type { AppBundle, AppDeps } from '../src/app';
import { composeApi, composeServices, type Services } from '../src/compose';
import type { SearchEngine } from '@techbridge/search';
import { memorySearchEngine } from '../src/search/engine';
import type { Indexer } from '../src/search/indexer';
import type { MatchQueue } from '../src/matching/matching.queue';
import { composeWorkers } from '../src/workers';
import type { Realtime } from '../src/realtime/realtime';
import type { Ack, ClientToServerEvents } from '../src/deals/deals.events';
import { connectDeals, type DealClient } from './sockets';

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
  /** The services the composition root built (the same graph as production). */
  services: Services;
  close: () => Promise<void>;
}

/** Starts the real app — the composition root's graph, as `src/server.ts` builds it — on a loopback port 0 against the test database. */
export async function startTestServer(
  env: Record<string, string> = {},
  extra: Partial<Pick<AppDeps, 'search' | 'mount' | 'searchStatus'>> = {},
  opts: { realtime?: boolean; onContracted?: (dealId: string) => Promise<void> | void } = {},
): Promise<TestServer> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', AUTH_RATE_LIMIT: '1000', WRITE_RATE_LIMIT: '100000', ...env });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const search = extra.search ?? (await memorySearchEngine());
  const services = composeServices({ config, logger, search, onContracted: opts.onContracted });
  // The production graph's workers, without a lease (one process); with AUTO_MATCH=true in `env`
  // the matcher runs after every indexed listing, as in production.
  const workers = composeWorkers(services, { logger, search, intervalMs: 2000, backoff: { baseMs: 20, maxMs: 400 }, autoMatch: env.AUTO_MATCH === 'true' });
  const { indexer, matchQueue } = workers;
  workers.start();
  const api = await composeApi({
    config,
    logger,
    search,
    indexer,
    realtime: !!opts.realtime,
    services,
    app: { ...(extra.mount ? { mount: extra.mount } : {}), ...(extra.searchStatus ? { searchStatus: extra.searchStatus } : {}) },
  });
  const { server, bundle, realtime } = api;
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
    services: api.services,
    matchQueue,
    close: async () => {
      await matchQueue?.stop();
      await api.close({ force: true });
      await workers.stop();
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

  private socket: Promise<DealClient> | null = null;

  /**
   * Sends a room command (`offer:create`, `message:send`, `deal:transition`…) over this client's
   * `/deals` socket — connected on first use with the session cookie — and answers like a
   * supertest response: `status` is the error's HTTP status, or on success what REST answered
   * (201 for `offer:create` and a new message; 200 for a message stored before the command was
   * sent — a resend — and for the rest); `body` the ack's data or `{ error }`.
   */
  room(event: keyof ClientToServerEvents | (string & {}), payload: Record<string, unknown>): RoomCommand {
    this.socket ??= connectDeals(this.url, this.cookieHeader());
    const sentAt = Date.now();
    const res = this.socket.then(async (s) => {
      const ack = (await (s.timeout(10_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<unknown>> }).emitWithAck(event, payload)) as Ack<unknown>;
      return ack.error
        ? { status: ack.error.status ?? 500, body: { error: ack.error } }
        : { status: event === 'offer:create' || (event === 'message:send' && Date.parse((ack.data as { createdAt: string }).createdAt) >= sentAt) ? 201 : 200, body: ack.data };
    });
    return new RoomCommand(event, res);
  }

  /** Closes the room socket, if one was opened. */
  async closeSocket(): Promise<void> {
    const s = await this.socket?.catch(() => null);
    s?.close();
    this.socket = null;
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface CommandResult { status: number; body: any }

/** A room command in flight: await it, or `.expect(status)` like supertest. */
export class RoomCommand implements PromiseLike<CommandResult> {
  constructor(
    private readonly event: string,
    private readonly res: Promise<CommandResult>,
  ) {}

  then<A = CommandResult, B = never>(ok?: ((r: CommandResult) => A | PromiseLike<A>) | null, fail?: ((e: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.res.then(ok, fail);
  }

  /** Fails unless the command answered `status`. */
  async expect(status: number): Promise<CommandResult> {
    const r = await this.res;
    if (r.status !== status) throw new Error(`${this.event}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}
