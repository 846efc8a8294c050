import type { Socket } from 'socket.io-client';
import type { Notification } from '../api/types';

export interface NotificationHandlers {
  created(e: { notification: Notification; unread: number }): void;
  read(e: { unread: number }): void;
}

const listeners = new Set<NotificationHandlers>();
/** Other pushes to the user (e.g. `report:progress`), by event name. */
const pushHandlers = new Map<string, Set<(payload: unknown) => void>>();
let socket: Socket | null = null;

const wanted = () => listeners.size > 0 || [...pushHandlers.values()].some((s) => s.size > 0);

function bindPush(s: Socket, event: string): void {
  s.on(event, (payload: unknown) => pushHandlers.get(event)?.forEach((h) => h(payload)));
}
let loading: Promise<void> | null = null;

/** The namespace that carries a user's own events (room `user:<id>` on the server). */
export const USER_NAMESPACE = '/';

function connect(): void {
  // socket.io-client is loaded on demand so it never weighs on the home page's first load.
  loading ??= import('socket.io-client').then(({ io }) => {
    if (!wanted()) {
      loading = null;
      return;
    }
    socket = io(USER_NAMESPACE, { withCredentials: true });
    for (const event of pushHandlers.keys()) bindPush(socket, event);
    socket.on('notification:created', (e: { notification: Notification; unread: number }) => listeners.forEach((l) => l.created(e)));
    socket.on('notification:read', (e: { unread: number }) => listeners.forEach((l) => l.read(e)));
  });
}

/** Subscribes to the signed-in user's pushed notifications; returns an unsubscribe. */
export function onNotification(handlers: NotificationHandlers): () => void {
  listeners.add(handlers);
  if (!socket) connect();
  return () => {
    listeners.delete(handlers);
    release();
  };
}

function release(): void {
  if (!wanted() && socket) {
    socket.disconnect();
    socket = null;
    loading = null;
  }
}

/** Subscribes to one event pushed to the signed-in user's sockets; returns an unsubscribe. */
export function onUserPush<T>(event: string, handler: (payload: T) => void): () => void {
  let set = pushHandlers.get(event);
  if (!set) {
    pushHandlers.set(event, (set = new Set()));
    if (socket) bindPush(socket, event);
  }
  const h = handler as (payload: unknown) => void;
  set.add(h);
  if (!socket) connect();
  return () => {
    set.delete(h);
    release();
  };
}

/** Drops the user's socket (on log-out, so the next user gets a fresh authenticated one). */
export function resetRealtime(): void {
  socket?.disconnect();
  socket = null;
  loading = null;
}
