/**
 * The write side of the search outbox. Listing writes set `indexDirty` and bump `version` in the
 * same single-document update (so the record cannot be lost between two writes), then call
 * `listingWritten()` so a running indexer drains right away instead of at its next interval.
 */
import { EventEmitter } from 'node:events';

export type ListingKind = 'achievement' | 'demand';

const emitter = new EventEmitter();
emitter.setMaxListeners(100);

/** Tells running indexers that a listing changed. Never throws, never waits. */
export function listingWritten(kind: ListingKind): void {
  emitter.emit('written', kind);
}

/** Subscribes to listing writes; returns the unsubscribe function. */
export function onListingWritten(fn: (kind: ListingKind) => void): () => void {
  emitter.on('written', fn);
  return () => emitter.off('written', fn);
}

/** The fields every listing write sets so the indexer picks the document up. */
export const MARK_DIRTY = { indexDirty: true } as const;
