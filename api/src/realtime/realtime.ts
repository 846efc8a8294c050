import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { PassportStatic } from 'passport';
import { Server, type ExtendedError, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { SessionUser } from '../auth/auth.types';
import { onSessionsEnded } from '../auth/session-events';
import { appBus, type AppEvents, type EventBus } from '../events/bus';
import type { DealServices } from '../deals/deals.module';
import { registerDealHandlers, dealRoom, type DealsNamespace } from '../deals/deals.socket';

export interface RealtimeDeps {
  config: Config;
  logger: Logger;
  /** From `createApp`: the same session and passport as HTTP, so the cookie authenticates sockets. */
  sessionMiddleware: RequestHandler;
  passport: PassportStatic;
  /** Where stored changes are announced (room broadcasts, pushes to users and organisations). */
  bus?: EventBus<AppEvents>;
  /** The deals domain, whose room commands the `/deals` namespace carries. */
  deals: DealServices;
}

export interface Realtime {
  io: Server;
  /** Closes every socket, the adapter's Redis connections and the HTTP server. */
  close: () => Promise<void>;
}

/** What every authenticated socket carries. */
export interface SocketData {
  user: SessionUser;
  /** The HTTP session the socket was opened with (room `session:<id>`, disconnected at logout). */
  sessionId?: string;
}

/**
 * Pushes an event to every socket of a user (room `user:<id>` on the main namespace), on every
 * API process when the Redis adapter links them. Call it after the write it announces.
 */
export function notifyUser(userId: string, event: string, payload: unknown, bus: EventBus<AppEvents> = appBus): void {
  bus.emit('push:user', { userId, event, payload });
}

/** Pushes an event to every member of an organisation (room `org:<id>`). */
export function notifyOrg(orgId: string, event: string, payload: unknown, bus: EventBus<AppEvents> = appBus): void {
  bus.emit('push:org', { orgId, event, payload });
}

type Next = (err?: unknown) => void;
type EngineMiddleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** Runs an Express middleware on the handshake only (not on every long-polling request). */
const onHandshake =
  (mw: RequestHandler): EngineMiddleware =>
  (req, res, next) => {
    const isHandshake = (req as IncomingMessage & { _query?: Record<string, string> })._query?.sid === undefined;
    if (!isHandshake) return next();
    (mw as unknown as EngineMiddleware)(req, res, next);
  };

function unauthenticated(): ExtendedError {
  const err = new Error('unauthenticated') as ExtendedError;
  err.data = { code: 'unauthenticated', message: 'Sign in first: the socket uses the session cookie' };
  return err;
}

/**
 * Browsers send an Origin; it must be this site (the Host it called, or PUBLIC_URL), so another
 * site cannot open a socket with the user's cookie. Outside production the configured web origin
 * (WEB_ORIGIN, the Vite dev server) is allowed too — that one origin, not any localhost port.
 * Non-browser clients send none.
 */
function originAllowed(req: IncomingMessage, config: Config): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === req.headers.host) return true;
  if (config.PUBLIC_URL && new URL(config.PUBLIC_URL).origin === url.origin) return true;
  return config.NODE_ENV !== 'production' && !!config.WEB_ORIGIN && new URL(config.WEB_ORIGIN).origin === url.origin;
}

/**
 * Attaches Socket.IO to the HTTP server: the session cookie authenticates each socket (no session,
 * no socket), every socket joins `user:<id>` and `org:<id>`, the `/deals` namespace carries the
 * negotiation rooms, and with REDIS_URL the Redis adapter links API processes.
 */
export async function createRealtime(httpServer: HttpServer, deps: RealtimeDeps): Promise<Realtime> {
  const { config, logger } = deps;
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 100_000,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    allowRequest: (req, cb) => cb(null, originAllowed(req, config)),
  });

  let redis: { close: () => Promise<unknown> } | null = null;
  if (config.REDIS_URL) {
    const pub = createClient({ url: config.REDIS_URL });
    const sub = pub.duplicate();
    pub.on('error', (err) => logger.error({ err }, 'redis (pub) error'));
    sub.on('error', (err) => logger.error({ err }, 'redis (sub) error'));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redis = { close: () => Promise.allSettled([pub.close(), sub.close()]) };
    logger.info('socket.io redis adapter connected');
  }

  io.engine.use(onHandshake(deps.sessionMiddleware));
  io.engine.use(onHandshake(deps.passport.initialize() as RequestHandler));
  io.engine.use(onHandshake(deps.passport.session() as RequestHandler));

  const authenticate = (socket: Socket, next: (err?: ExtendedError) => void) => {
    const user = (socket.request as IncomingMessage & { user?: SessionUser }).user;
    if (!user) return next(unauthenticated());
    socket.data.user = user;
    socket.data.sessionId = (socket.request as IncomingMessage & { sessionID?: string }).sessionID;
    next();
  };
  const joinPersonalRooms = (socket: Socket) => {
    const user = socket.data.user as SessionUser;
    const sid = socket.data.sessionId as string | undefined;
    void socket.join([`user:${user.id}`, ...(user.orgId ? [`org:${user.orgId}`] : []), ...(sid ? [`session:${sid}`] : [])]);
  };

  io.use(authenticate);
  io.on('connection', joinPersonalRooms);

  const deals = io.of('/deals') as DealsNamespace;
  deals.use(authenticate);
  deals.on('connection', (socket) => {
    joinPersonalRooms(socket as unknown as Socket);
    registerDealHandlers(deals, socket, { logger, deals: deps.deals });
  });

  const bus = deps.bus ?? appBus;
  type Emitter = { emit: (e: string, p: unknown) => void };
  const unsubscribe = [
    bus.on('room:deal', (e) => (deals.to(dealRoom(e.dealId)) as unknown as Emitter).emit(e.event, e.payload)),
    bus.on('push:user', (e) => (io.to(`user:${e.userId}`) as unknown as Emitter).emit(e.event, e.payload)),
    bus.on('push:org', (e) => (io.to(`org:${e.orgId}`) as unknown as Emitter).emit(e.event, e.payload)),
  ];
  // A socket follows its session: logout (or a user's standing changing) disconnects it at once,
  // on every process when the Redis adapter links them.
  const stopSessions = onSessionsEnded((e) => {
    const room = 'sessionId' in e ? `session:${e.sessionId}` : `user:${e.userId}`;
    const keep = 'userId' in e && e.exceptSessionId ? `session:${e.exceptSessionId}` : null;
    for (const nsp of [io, deals] as Pick<Server, 'in'>[]) (keep ? nsp.in(room).except(keep) : nsp.in(room)).disconnectSockets(true);
  });

  return {
    io,
    close: async () => {
      for (const off of unsubscribe) off();
      stopSessions();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
    },
  };
}
