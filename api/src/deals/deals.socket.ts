import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, errorBody, fromZod, toAppError, unauthorized } from '../errors';
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
import { actOnOffer, createOffer, joinDeal, postMessage, transitionDeal } from './deals.service';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './deals.events';

interface SocketData {
  user: SessionUser;
}
export type DealsNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DealSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The Socket.IO room of a deal. */
export const dealRoom = (dealId: string) => `deal:${dealId}`;

/** A small token bucket per socket: bursts are fine, a flood is refused. */
function tokenBucket(capacity: number, perSecond: number) {
  let tokens = capacity;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * The `/deals` namespace handlers. Each event is validated with the same zod schema as REST, calls
 * the same service, and is acknowledged `{data}` or `{error}` once the write is stored; the
 * service's announcements then reach the deal's room (see `deals.bus.ts`).
 */
export function registerDealHandlers(_nsp: DealsNamespace, socket: DealSocket, deps: { logger: Logger }): void {
  const allow = tokenBucket(60, 20);

  function on<S extends z.ZodType, R>(event: keyof ClientToServerEvents, schema: S, run: (input: z.output<S>, user: SessionUser) => Promise<R>) {
    (socket as unknown as { on: (e: string, h: (...args: unknown[]) => void) => void }).on(event, async (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = (typeof last === 'function' ? last : () => undefined) as (res: Ack<R>) => void;
      const payload = typeof args[0] === 'function' ? undefined : args[0];
      try {
        if (!allow()) throw new AppError(429, 'rate_limited', 'Too many events; slow down');
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) throw fromZod(parsed.error, 'event');
        ack({ data: await run(parsed.data, socket.data.user) });
      } catch (err) {
        const appErr = toAppError(err);
        if (appErr.status >= 500) deps.logger.error({ err, event, user: socket.data.user?.id }, 'socket event failed');
        ack({ error: errorBody(appErr).error });
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
    return joinDeal(fresh, p.dealId, p.lastSeq, () => socket.join(dealRoom(p.dealId)));
  });

  on('deal:leave', LeaveEvent, async (p) => {
    await socket.leave(dealRoom(p.dealId));
    return { dealId: p.dealId };
  });

  on('message:send', SendMessageEvent, async (p, user) => {
    const { message } = await postMessage(user, p.dealId, { clientMsgId: p.clientMsgId, text: p.text });
    return message;
  });

  on('offer:create', OfferCreateEvent, (p, user) =>
    createOffer(user, p.dealId, { replacesVersion: p.replacesVersion, terms: p.terms, ...(p.note !== undefined ? { note: p.note } : {}) }),
  );

  for (const action of ['accept', 'reject', 'withdraw'] as const satisfies readonly OfferAction[]) {
    on(`offer:${action}`, OfferActionEvent, (p, user) =>
      actOnOffer(user, p.dealId, p.version, action, p.reason !== undefined ? { reason: p.reason } : {}),
    );
  }

  on('deal:transition', TransitionEvent, (p, user) =>
    transitionDeal(user, p.dealId, { to: p.to, ...(p.reason !== undefined ? { reason: p.reason } : {}) }),
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
}
