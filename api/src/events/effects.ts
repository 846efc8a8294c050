// One mapping from each stored domain event to what it causes outside the database: broadcasts to
// deal rooms, pushes to users and organisations, and stored notifications. A domain registers its
// events' effects once (`effects.register`), and whoever stored the event runs them
// (`effects.run`) — the deal flush for the events of a deal's outbox, so a late flush (recovery
// after a crash, or the next request) re-sends exactly what the first attempt would have.
//
// Other domains add their events by augmenting `EffectEvents` from their own folder:
//
//   declare module '../events/effects' {
//     interface EffectEvents { 'match.stored': { match: MatchLean; event: StoredEvent } }
//   }
//   effects.register('match.stored', ({ match }) => [notify(...), toOrg(...)]);
//   ... after the write: effects.run('match.stored', { match, event });

import type { Logger } from '../logger';
import type { NotificationInput } from '../notifications/notifications.service';
import type { ServerToClientEvents } from '../deals/deals.events';
import type { AppEvents, EventBus } from './bus';

/** The identity of a stored event: `id` makes what is built from it idempotent (a re-run notifies nobody twice). */
export interface StoredEvent {
  id: string;
  action: string;
  /** The user who caused it (null for the system). */
  actor: string | null;
  at: Date;
}

/**
 * Every event that has effects, by action, with what its effect needs to know. Each domain adds
 * its own by declaration merging (see the header); the deals module's are in `deals/deal.effects.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EffectEvents {}

type RoomEventName = Exclude<keyof ServerToClientEvents, 'typing' | 'read'>;

/** One consequence of a stored event. */
export type Effect =
  /** Broadcast to everyone in a deal's room. */
  | { to: 'deal'; dealId: string; event: RoomEventName; payload: unknown }
  /** Pushed to every socket of a user. */
  | { to: 'user'; userId: string; event: string; payload: unknown }
  /** Pushed to every member of an organisation. */
  | { to: 'org'; orgId: string; event: string; payload: unknown }
  /**
   * Stored notifications (then pushed), one per user, idempotent by `key` per user. Runs after the
   * broadcasts and after the command's answer: `users` may be a lookup, done then.
   */
  | { to: 'notify'; key: string; users: readonly string[] | (() => Promise<readonly string[]>); notification: NotificationInput };

/** A typed room broadcast. */
export const toRoom = <E extends RoomEventName>(dealId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): Effect => ({
  to: 'deal',
  dealId,
  event,
  payload,
});

/** Stores notifications for users (the notifications module's `notifyUsers`). */
export type NotificationSink = (userIds: readonly string[], input: NotificationInput, opts: { key: string }) => Promise<void>;

export interface EffectsDeps {
  bus: EventBus<AppEvents>;
  notify: NotificationSink;
  logger?: Logger;
}

export interface RunOptions {
  /** After every effect ran without a failure (notifications stored): e.g. clears the record that they are owed. */
  settled?: () => Promise<unknown>;
}

type EffectFn<I> = (input: I) => Effect[] | Promise<Effect[]>;

/**
 * Told of every stored event that is run (and of record changes that have no event of their own,
 * through `tell`): the indicators' rollup. Called synchronously, never awaited by the command; it
 * schedules its own work and must not throw.
 */
export type EventObserver = (action: string, input: unknown) => void;

/**
 * Stores what an event owes outside the process (the outgoing webhooks' deliveries) before `run`
 * resolves: the caller clears its record that the event is owed only after every recorder stored
 * its rows, so a crash in between re-runs the event and the recorder (idempotent by the event id).
 */
export type EventRecorder = (action: string, input: unknown) => Promise<void>;

/**
 * The registry and its runner. Broadcasts and pushes go out on the next turn of the event loop —
 * after the socket ack or HTTP answer of the command that stored the event — and notifications
 * after them; `run` resolves once the effects are planned, never waiting for a notification write.
 */
export class Effects {
  private readonly map = new Map<string, EffectFn<never>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly observers: EventObserver[] = [];
  private readonly recorders: EventRecorder[] = [];

  constructor(private readonly deps: EffectsDeps) {}

  /** Registers the effects of one event action (once per action). */
  register<K extends keyof EffectEvents & string>(action: K, effect: EffectFn<EffectEvents[K]>): this {
    if (this.map.has(action)) throw new Error(`effects for ${action} are already registered`);
    this.map.set(action, effect as EffectFn<never>);
    return this;
  }

  /** Adds an observer of every event run and every change told (see `EventObserver`). */
  observe(fn: EventObserver): this {
    this.observers.push(fn);
    return this;
  }

  /** Adds a recorder awaited by every `run` (see `EventRecorder`). */
  record(fn: EventRecorder): this {
    this.recorders.push(fn);
    return this;
  }

  /** Tells the observers of a stored event or a record change (a failing observer is logged, never thrown). */
  tell(action: string, input: unknown): void {
    for (const o of this.observers) {
      try {
        o(action, input);
      } catch (err) {
        this.deps.logger?.warn({ err, action }, 'event observer failed');
      }
    }
  }

  /** Whether an action has registered effects. */
  has(action: string): boolean {
    return this.map.has(action);
  }

  /**
   * Plans the effects of a stored event and dispatches them (see the class comment). Unregistered
   * actions have none. `opts.settled` runs once every effect has run without a failure — the place
   * to clear the stored record that the effects are owed (a failure leaves it for the recovery).
   */
  async run<K extends keyof EffectEvents & string>(action: K, input: EffectEvents[K], opts: RunOptions = {}): Promise<void> {
    const fn = this.map.get(action) as EffectFn<EffectEvents[K]> | undefined;
    this.tell(action, input);
    const planned = fn ? await fn(input) : [];
    let recorded = true;
    for (const r of this.recorders) {
      try {
        await r(action, input);
      } catch (err) {
        // Left owed: the caller's recovery runs the event (and this recorder) again.
        this.deps.logger?.warn({ err, action }, 'event recorder failed');
        recorded = false;
      }
    }
    this.dispatch(planned, recorded ? opts : {});
  }

  /** Sends already planned effects: broadcasts on the next turn, notifications after them, then `opts.settled`. */
  dispatch(effects: readonly Effect[], opts: RunOptions = {}): void {
    if (!effects.length && !opts.settled) return;
    const { settled } = opts;
    const done = new Promise<void>((resolve) => {
      setImmediate(() => {
        const { bus } = this.deps;
        const notices: Extract<Effect, { to: 'notify' }>[] = [];
        for (const e of effects) {
          if (e.to === 'deal') bus.emit('room:deal', { dealId: e.dealId, event: e.event, payload: e.payload });
          else if (e.to === 'user') bus.emit('push:user', { userId: e.userId, event: e.event, payload: e.payload });
          else if (e.to === 'org') bus.emit('push:org', { orgId: e.orgId, event: e.event, payload: e.payload });
          else notices.push(e);
        }
        void this.notifyAll(notices)
          .then(async (ok) => {
            if (ok && settled) await settled();
          })
          .catch((err: unknown) => this.deps.logger?.warn({ err }, 'effects: settling failed; the recovery runs them again'))
          .finally(resolve);
      });
    });
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  /** Resolves when every dispatched effect has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Stores the notifications; false when one failed. */
  private async notifyAll(notices: Extract<Effect, { to: 'notify' }>[]): Promise<boolean> {
    let ok = true;
    for (const n of notices) {
      try {
        const users = typeof n.users === 'function' ? await n.users() : n.users;
        await this.deps.notify(users, n.notification, { key: n.key });
      } catch (err) {
        // The event is stored and broadcast; a notification is not worth failing it for.
        this.deps.logger?.warn({ err, key: n.key }, 'notification effect failed');
        ok = false;
      }
    }
    return ok;
  }
}
