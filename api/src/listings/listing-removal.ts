import type { Types } from 'mongoose';
import { FileChunk, StoredFile } from '../files/file.model';
import { listingsIndexed, type ListingKind } from '../search/outbox';
import { forgetCreationKeys } from './creation-key';

/**
 * What a deleted draft leaves behind, removed after the listing itself: its attachments (metadata
 * first, so they stop being listed, then their bytes), the creation keys that stand for it, and this
 * process's record that the search engine lags it (a draft was never searchable, so the engine holds
 * nothing of it; an indexer that read it dirty finds it gone and clears nothing).
 */
export async function removeDraftLeftovers(kind: ListingKind, id: Types.ObjectId): Promise<void> {
  const files = await StoredFile.find({ target: kind, targetId: id }).select({ _id: 1 }).lean();
  if (files.length) await StoredFile.deleteMany({ target: kind, targetId: id });
  // one indexed delete per file (FerretDB answers `$in` by reading the whole collection)
  for (const f of files) await FileChunk.deleteMany({ file: f._id });
  await forgetCreationKeys(id);
  listingsIndexed(kind, [String(id)]);
}
