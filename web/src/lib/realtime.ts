import type { Socket } from 'socket.io-client';
import type { Notification } from '../api/types';

export interface NotificationHandlers {
  created(e: { notification: Notification; unread: number }): void;
  read(e: { unread: number }): void;
}

const listeners = new Set<NotificationHandlers>();
let socket: Socket | null = null;
let loading: Promise<void> | null = null;

/** The namespace that carries a user's own events (room `user:<id>` on the server). */
export const USER_NAMESPACE = '/';

function connect(): void {
  // socket.io-client is loaded on demand so it never weighs on the home page's first load.
  loading ??= import('socket.io-client').then(({ io }) => {
    if (!listeners.size) {
      loading = null;
      return;
    }
    socket = io(USER_NAMESPACE, { withCredentials: true });
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
    if (!listeners.size && socket) {
      socket.disconnect();
      socket = null;
      loading = null;
    }
  };
}

/** Drops the user's socket (on log-out, so the next user gets a fresh authenticated one). */
export function resetRealtime(): void {
  socket?.disconnect();
  socket = null;
  loading = null;
}
