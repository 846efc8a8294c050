import type { Socket } from 'socket.io-client';
import type { Notification } from '../api/types';

type Listener = (n: Notification) => void;
const listeners = new Set<Listener>();
let socket: Socket | null = null;
let starting = false;

/** Subscribes to pushed notifications (connects the user's socket on first use); returns an unsubscribe. */
export function onNotification(fn: Listener): () => void {
  listeners.add(fn);
  if (!socket && !starting) {
    starting = true;
    // socket.io-client is loaded on demand so it never weighs on the home page.
    void import('socket.io-client').then(({ io }) => {
      socket = io('/notifications', { withCredentials: true, transports: ['websocket', 'polling'] });
      socket.on('notification:created', (n: Notification) => listeners.forEach((l) => l(n)));
    });
  }
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0 && socket) {
      socket.disconnect();
      socket = null;
      starting = false;
    }
  };
}
