// Sessions ending (logout) or a user's standing changing: the realtime layer listens and
// disconnects the sockets that were opened with them, so a socket never outlives its session.

export type SessionsEnded = { sessionId: string } | { userId: string; exceptSessionId?: string };
type Listener = (e: SessionsEnded) => void;
const listeners = new Set<Listener>();

/** Subscribes (the realtime layer); returns the unsubscribe. */
export function onSessionsEnded(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A session ended (logout): its sockets are disconnected at once. */
export function sessionEnded(sessionId: string): void {
  for (const fn of listeners) fn({ sessionId });
}

/**
 * A user's password or roles changed: every socket of the user is disconnected and must reconnect
 * (a password change keeps the sockets of the session that made it: `exceptSessionId`).
 */
export function userSessionsChanged(userId: string, exceptSessionId?: string): void {
  for (const fn of listeners) fn({ userId, exceptSessionId });
}
