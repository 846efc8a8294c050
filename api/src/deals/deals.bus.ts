import { EventEmitter } from 'node:events';
import type { MessageView, ServerToClientEvents } from './deals.events';

// The service announces stored changes here; the realtime layer (if attached) broadcasts them.
// Announcements run on the next turn of the event loop, so a socket's ack (or a REST response)
// is sent before the broadcast, and always after the write.

type RoomEvent = Exclude<keyof ServerToClientEvents, 'typing' | 'read'>;

export interface DealBusListener {
  /** A stored change for everyone in the deal's room. */
  room: (dealId: string, event: RoomEvent, payload: unknown) => void;
}

const emitter = new EventEmitter();
emitter.setMaxListeners(100);

/** Subscribes to stored deal changes; returns the unsubscribe function. */
export function onDealBus(listener: DealBusListener): () => void {
  emitter.on('room', listener.room);
  return () => {
    emitter.off('room', listener.room);
  };
}

/** Announces a stored message. */
export function publishMessage(m: MessageView): void {
  setImmediate(() => emitter.emit('room', m.dealId, 'message:created', m));
}

/** Announces a stored deal change (`offer:created`, `deal:transitioned`, …). */
export function publishRoomEvent<E extends RoomEvent>(dealId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
  setImmediate(() => emitter.emit('room', dealId, event, payload));
}
