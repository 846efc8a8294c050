// socket.io-client helpers for realtime tests: connect with a session cookie, emit with ack,
// collect broadcasts, wait for a condition.
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../src/deals/deals.events';

export type DealClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects to a namespace with the given cookie; resolves once connected, rejects with the connect error. */
export function connect<S extends Socket = Socket>(
  url: string,
  cookie: string | null,
  opts: { namespace?: string; headers?: Record<string, string>; reconnection?: boolean; auth?: Record<string, unknown> } = {},
): Promise<S> {
  const socket = io(`${url}${opts.namespace ?? ''}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    timeout: 5000,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) },
    ...(opts.auth ? { auth: opts.auth } : {}),
  }) as unknown as S;
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve(socket);
    };
    const onError = (err: Error) => {
      socket.off('connect', onConnect);
      socket.close();
      reject(err);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

/** Connects to the `/deals` namespace. */
export const connectDeals = (url: string, cookie: string | null, opts: { reconnection?: boolean } = {}) =>
  connect<DealClient>(url, cookie, { ...opts, namespace: '/deals' });

/** Emits an event and resolves with its ack. */
export async function call<T = unknown>(socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  return (await (socket.timeout(timeoutMs) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<T>> }).emitWithAck(event, payload)) as Ack<T>;
}

/** Emits an event and returns the ack's data, failing on an error ack. */
export async function ok<T = unknown>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const res = await call<T>(socket, event, payload);
  if (res.error) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res.data as T;
}

/** Collects every payload of `event` a socket receives from now on. */
export function collect<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (p: T) => seen.push(p));
  return seen;
}

/** Waits until `cond()` is true (polling), or fails after `timeoutMs` with `what`. */
export async function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Gives in-flight broadcasts a moment to arrive (for asserting that something did NOT arrive). */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
