import { appBus } from '../events/bus';
import type { MessageView, ServerToClientEvents } from './deals.events';

// Interim: the service's announcements go onto the process bus (`events/bus.ts`) on the next turn
// of the event loop, so a socket's ack (or a REST response) is sent before the broadcast.

type RoomEvent = Exclude<keyof ServerToClientEvents, 'typing' | 'read'>;

/** Announces a stored message. */
export function publishMessage(m: MessageView): void {
  setImmediate(() => appBus.emit('room:deal', { dealId: m.dealId, event: 'message:created', payload: m }));
}

/** Announces a stored deal change (`offer:created`, `deal:transitioned`, …). */
export function publishRoomEvent<E extends RoomEvent>(dealId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
  setImmediate(() => appBus.emit('room:deal', { dealId, event, payload }));
}
