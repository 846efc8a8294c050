// The process's typed event bus: stored changes are announced here, and the realtime layer (when
// attached) delivers them to sockets. Built once by the composition root (`compose.ts`) and passed
// to whoever publishes or listens — no module keeps a listener of its own.

/** What travels on the bus: one payload type per event name. */
export interface AppEvents {
  /** A broadcast to everyone in a deal's room (the `/deals` namespace). */
  'room:deal': { dealId: string; event: string; payload: unknown };
  /** A push to every socket of a user (room `user:<id>` on the main namespace). */
  'push:user': { userId: string; event: string; payload: unknown };
  /** A push to every member of an organisation (room `org:<id>`). */
  'push:org': { orgId: string; event: string; payload: unknown };
}

type Handler<T> = (payload: T) => void;

/** A small typed publish/subscribe: handlers run synchronously, in subscription order; one that throws does not stop the others. */
export class EventBus<M extends object = AppEvents> {
  private readonly handlers = new Map<keyof M, Set<Handler<never>>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof M>(event: K, handler: Handler<M[K]>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler<never>);
    return () => void set.delete(handler as Handler<never>);
  }

  /** Delivers to every subscriber of `event` now. */
  emit<K extends keyof M>(event: K, payload: M[K]): void {
    for (const h of this.handlers.get(event) ?? []) {
      try {
        (h as Handler<M[K]>)(payload);
      } catch {
        // A broken listener must not stop the delivery to the others (nor fail the write).
      }
    }
  }

  /** How many handlers listen to `event` (tests). */
  listeners(event: keyof M): number {
    return this.handlers.get(event)?.size ?? 0;
  }
}

/**
 * The process's bus. The composition root hands it to the services it builds and to the realtime
 * layer; modules that are not built there yet (plain-function services such as `notifyUsers`)
 * publish on it directly.
 */
export const appBus = new EventBus<AppEvents>();
