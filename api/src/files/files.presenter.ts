import type { StoredFileRecord } from './file.model';

/** A stored file as its readers see it (never the uploader's identity: a demand may be anonymous). */
export function presentFile(f: StoredFileRecord & { _id: unknown }) {
  return {
    id: String(f._id),
    name: f.name,
    type: f.type,
    size: f.size,
    createdAt: f.createdAt,
    url: `/api/files/${String(f._id)}`,
  };
}
