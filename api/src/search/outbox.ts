/**
 * The write side of the search outbox. Listing writes set `indexDirty` and bump `version` in the
 * same single-document update (so the record cannot be lost between two writes), then call
 * `listingWritten()` so a running indexer drains right away instead of at its next interval.
 */
import { EventEmitter } from 'node:events';

export type ListingKind = 'achievement' | 'demand';

const emitter = new EventEmitter();
emitter.setMaxListeners(100);

// What this process knows of listings the engine may not reflect yet: every listing it wrote, and
// every dirty one its indexer read, until the indexer has confirmed them. With one writer process
// (the embedded FerretDB deployment) that is everything once the indexer has completed a pass, so
// the matcher asks the database only about candidates listed here instead of scanning the whole
// collection (FerretDB's SQLite backend scans for every filter). A listing can stay listed after it
// was indexed (its write's notice arrived after the indexer read it); whoever asks the database
// about it then calls `listingsIndexed` to drop it.
const pending: Record<ListingKind, Set<string>> = { achievement: new Set(), demand: new Set() };
let pendingComplete = false;

/**
 * Tells running indexers that listings changed (call it after the write), and records them as
 * pending until indexed. Never throws, never waits.
 */
export function listingWritten(kind: ListingKind, ids: string | readonly string[] = []): void {
  for (const id of typeof ids === 'string' ? [ids] : ids) pending[kind].add(id);
  emitter.emit('written', kind);
}

/** Dirty listings an indexer read (written by another process or before this one started). */
export function listingsSeenDirty(kind: ListingKind, ids: readonly string[]): void {
  for (const id of ids) pending[kind].add(id);
}

/** The engine has these listings as the database does (their flags were cleared, or found clear). */
export function listingsIndexed(kind: ListingKind, ids: readonly string[]): void {
  for (const id of ids) pending[kind].delete(id);
}

/** Called when an indexer completed a full pass: every dirty listing has been read at least once. */
export function markPendingComplete(): void {
  pendingComplete = true;
}

/**
 * The listings of `kind` whose latest write the engine may not have yet, or null when this process
 * cannot know (its indexer has not completed a pass).
 */
export function pendingListings(kind: ListingKind): ReadonlySet<string> | null {
  return pendingComplete ? new Set(pending[kind]) : null;
}

/** Subscribes to listing writes; returns the unsubscribe function. */
export function onListingWritten(fn: (kind: ListingKind) => void): () => void {
  emitter.on('written', fn);
  return () => emitter.off('written', fn);
}

/** The fields every listing write sets so the indexer picks the document up. */
export const MARK_DIRTY = { indexDirty: true } as const;
