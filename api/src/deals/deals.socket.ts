import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, badRequest, errorBody, fromZod, toAppError, unauthorized } from '../errors';
import { socketLang } from '../i18n/lang';
import type { Logger } from '../logger';
import type { SessionUser } from '../auth/auth.types';
import { findSessionUser } from '../auth/auth.service';
import {
  JoinEvent,
  LeaveEvent,
  OfferActionEvent,
  OfferCreateEvent,
  ReadEvent,
  SendMessageEvent,
  TransitionEvent,
  TypingEvent,
  type OfferAction,
} from './deals.schemas';
import type { DealServices } from './deals.module';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './deals.events';

interface SocketData {
  user: SessionUser;
}
export type DealsNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DealSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The Socket.IO room of a deal. */
export const dealRoom = (dealId: string) => `deal:${dealId}`;

const FLOOD_WINDOW_MS = 3000;
const FLOOD_LIMIT = 60;
const recentEvents = new Map<string, number[]>();

/**
 * The flood limit, per user across all their sockets (a fresh socket gets no fresh allowance): at
 * most FLOOD_LIMIT events in any FLOOD_WINDOW_MS (20 a second sustained). A sliding window of
 * accepted events rather than a refilling bucket, so a burst gets exactly FLOOD_LIMIT through.
 * Counted when the event arrives, before any await, so concurrent events cannot overshoot.
 */
export function allowEvent(userId: string, now = Date.now()): boolean {
  let times = recentEvents.get(userId);
  if (!times) recentEvents.set(userId, (times = []));
  while (times.length && now - times[0]! >= FLOOD_WINDOW_MS) times.shift();
  if (times.length >= FLOOD_LIMIT) return false;
  times.push(now);
  if (recentEvents.size > 20_000) {
    for (const [id, t] of recentEvents) if (!t.length || now - t[t.length - 1]! >= FLOOD_WINDOW_MS) recentEvents.delete(id);
  }
  return true;
}

/**
 * The `/deals` namespace handlers: the room commands (messages, offers, transitions — they have no
 * REST twin). Each event is validated with its zod schema, calls the service (which checks who may
 * act), and is acknowledged `{data}` or `{error}` once the write is stored; the stored events'
 * broadcasts then reach the deal's room (see `deal.effects.ts`).
 */
export function registerDealHandlers(_nsp: DealsNamespace, socket: DealSocket, deps: { logger: Logger; deals: DealServices }): void {
  const { room, offers, deals } = deps.deals;
  const known = new Set<string>();
  function on<S extends z.ZodType, R>(event: keyof ClientToServerEvents, schema: S, run: (input: z.output<S>, user: SessionUser) => Promise<R>) {
    known.add(event);
    (socket as unknown as { on: (e: string, h: (...args: unknown[]) => void) => void }).on(event, async (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = (typeof last === 'function' ? last : () => undefined) as (res: Ack<R>) => void;
      const payload = typeof args[0] === 'function' ? undefined : args[0];
      try {
        if (!allowEvent(socket.data.user.id)) throw new AppError(429, 'rate_limited', 'Too many events; slow down');
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) throw fromZod(parsed.error, 'event', payload ?? {});
        ack({ data: await run(parsed.data, socket.data.user) });
      } catch (err) {
        const appErr = toAppError(err);
        if (appErr.status >= 500) deps.logger.error({ err, event, user: socket.data.user?.id }, 'socket event failed');
        ack({ error: { ...errorBody(appErr, socketLang(socket)).error, status: appErr.status } });
      }
    });
  }

  const joined = (dealId: string) => {
    if (!socket.rooms.has(dealRoom(dealId))) throw new AppError(409, 'not_joined', 'Join the deal first (deal:join)');
  };

  on('deal:join', JoinEvent, async (p) => {
    // Reload the user: a role or organisation change since the handshake applies from here on.
    const fresh = await findSessionUser(socket.data.user.id);
    if (!fresh) throw unauthorized('Your account no longer exists');
    socket.data.user = fresh;
    // The room is joined before the backlog is read, so nothing stored in between is missed
    // (a message may then arrive both ways; clients drop seqs they have).
    return room.join(fresh, p.dealId, p.lastSeq, () => socket.join(dealRoom(p.dealId)));
  });

  on('deal:leave', LeaveEvent, async (p) => {
    await socket.leave(dealRoom(p.dealId));
    return { dealId: p.dealId };
  });

  on('message:send', SendMessageEvent, async (p, user) => {
    const { message } = await room.postMessage(user, p.dealId, { clientMsgId: p.clientMsgId, text: p.text });
    return message;
  });

  on('offer:create', OfferCreateEvent, (p, user) =>
    offers.create(user, p.dealId, { replacesVersion: p.replacesVersion, terms: p.terms, ...(p.note !== undefined ? { note: p.note } : {}) }),
  );

  for (const action of ['accept', 'reject', 'withdraw'] as const satisfies readonly OfferAction[]) {
    on(`offer:${action}`, OfferActionEvent, (p, user) =>
      offers.act(user, p.dealId, p.version, action, p.reason !== undefined ? { reason: p.reason } : {}),
    );
  }

  on('deal:transition', TransitionEvent, (p, user) =>
    deals.transition(user, p.dealId, { to: p.to, ...(p.reason !== undefined ? { reason: p.reason } : {}) }),
  );

  on('typing', TypingEvent, async (p, user) => {
    joined(p.dealId);
    socket.to(dealRoom(p.dealId)).emit('typing', { dealId: p.dealId, userId: user.id, name: user.name, typing: p.typing });
    return { ok: true as const };
  });

  on('read', ReadEvent, async (p, user) => {
    joined(p.dealId);
    socket.to(dealRoom(p.dealId)).emit('read', { dealId: p.dealId, userId: user.id, name: user.name, seq: p.seq });
    return { ok: true as const };
  });

  // An event this namespace does not know is answered, not left to time out.
  socket.onAny((event: string, ...args: unknown[]) => {
    if (known.has(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function')
      ack({ error: { ...errorBody(badRequest('unknown_event', `event: ${event.slice(0, 64)} is not an event of /deals`, 'event'), socketLang(socket)).error, status: 400 } });
  });
}
