import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { AppError, badRequest, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { Achievement, NdaAcceptance } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Deal } from '../deals/deal.model';
import { Org } from '../orgs/org.model';
import { FileChunk, StoredFile, type FileTarget } from './file.model';
import { sniffFile } from './file-types';
import { assertCanAttach, assertCanRemove, canReadFiles, type LoadedTarget } from './files.policy';
import { presentFile } from './files.presenter';

/** Largest accepted file (the route's body limit is the same figure). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Files one target may carry. */
export const MAX_FILES_PER_TARGET = 20;
/** Bytes per stored chunk: well under any document size limit. */
const CHUNK_BYTES = 255 * 1024;

const oid = (id: string) => new Types.ObjectId(id);

/** Loads what the policy needs about a target (404 when it does not exist). */
async function loadTarget(viewer: SessionUser | null | undefined, kind: FileTarget, id: string): Promise<LoadedTarget> {
  switch (kind) {
    case 'achievement': {
      const a = await Achievement.findById(id).select('org status ndaVersion').lean();
      if (!a) throw notFound('Achievement');
      const ndaAccepted =
        !!viewer?.orgId && !!(await NdaAcceptance.exists({ achievement: a._id, org: oid(viewer.orgId), ndaVersion: a.ndaVersion ?? 1 }));
      return { kind, listing: { org: a.org, status: a.status }, ndaAccepted };
    }
    case 'demand': {
      const d = await Demand.findById(id).select('org status anonymous revealedTo').lean();
      if (!d) throw notFound('Demand');
      return { kind, listing: d };
    }
    case 'deal': {
      const d = await Deal.findById(id).select('supplierOrg buyerOrg brokerOrg').lean();
      if (!d) throw notFound('Deal');
      return { kind, deal: d };
    }
    case 'org-licence': {
      if (!(await Org.exists({ _id: oid(id) }))) throw notFound('Organisation');
      return { kind, orgId: id };
    }
  }
}

/** A file name safe to store and echo: no path, no control characters, bounded. */
function cleanName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base.slice(-120);
}

/**
 * Stores an uploaded file on a target the actor may attach to: checked for size and kind by its
 * bytes, written chunk by chunk, and listed (its metadata inserted) only once every chunk is stored.
 */
export async function uploadFile(actor: SessionUser, kind: FileTarget, targetId: string, rawName: string, bytes: Buffer) {
  const target = await loadTarget(actor, kind, targetId);
  assertCanAttach(actor, target);
  const name = cleanName(rawName);
  if (!name) throw badRequest('validation_failed', 'name: is required', 'name');
  if (bytes.length === 0) throw badRequest('empty_file', 'file: is empty', 'file');
  if (bytes.length > MAX_FILE_BYTES) throw new AppError(413, 'file_too_large', `file: must be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`, { field: 'file' });
  const sniffed = sniffFile(name, bytes.subarray(0, 16));
  if ('problem' in sniffed) throw new AppError(415, 'file_type_refused', `file: ${sniffed.problem}`, { field: 'file' });
  if ((await StoredFile.countDocuments({ target: kind, targetId: oid(targetId) })) >= MAX_FILES_PER_TARGET)
    throw new AppError(409, 'too_many_files', `file: at most ${MAX_FILES_PER_TARGET} files can be attached here`, { field: 'file' });

  const _id = new Types.ObjectId();
  const chunks = Math.ceil(bytes.length / CHUNK_BYTES);
  for (let n = 0; n < chunks; n++) {
    await FileChunk.create({ _id: `${String(_id)}:${n}`, file: _id, n, data: bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES) });
  }
  const file = await StoredFile.create({
    _id,
    name,
    type: sniffed.type,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    chunks,
    target: kind,
    targetId: oid(targetId),
    uploadedBy: oid(actor.id),
    org: actor.orgId ? oid(actor.orgId) : null,
  });
  return presentFile(file.toObject());
}

/** A target's files, oldest first; `locked` when the viewer may know they exist but not open them (NDA). */
export async function listFiles(viewer: SessionUser | null | undefined, kind: FileTarget, targetId: string) {
  const target = await loadTarget(viewer, kind, targetId);
  const readable = canReadFiles(viewer, target);
  const files = await StoredFile.find({ target: kind, targetId: oid(targetId) }).sort({ createdAt: 1, _id: 1 }).limit(MAX_FILES_PER_TARGET).lean();
  if (!readable) return { items: [], count: files.length, locked: true };
  return { items: files.map(presentFile), count: files.length, locked: false };
}

/** A file to download: its metadata and a stream of its bytes, for a viewer who may read its target. */
export async function openFile(viewer: SessionUser | null | undefined, fileId: string) {
  const file = Types.ObjectId.isValid(fileId) ? await StoredFile.findById(fileId).lean() : null;
  if (!file) throw notFound('File');
  const target = await loadTarget(viewer, file.target as FileTarget, String(file.targetId));
  if (!canReadFiles(viewer, target))
    throw new AppError(403, 'nda_required', "Accept this listing's NDA to download its attachments");
  const chunkIds = Array.from({ length: file.chunks }, (_, n) => `${fileId}:${n}`);
  async function* bytes() {
    for (const id of chunkIds) {
      const c = await FileChunk.findById(id).lean();
      if (!c) throw new Error(`file ${fileId} lost chunk ${id}`);
      // lean() gives the driver's Binary (its bytes in `buffer`), a Buffer on some paths.
      const data = c.data as unknown;
      yield Buffer.isBuffer(data) ? data : Buffer.from((data as { buffer: Uint8Array }).buffer);
    }
  }
  return { file: presentFile(file), stream: () => Readable.from(bytes()) };
}

/** Removes a file (its metadata first, so it stops being listed, then its bytes). */
export async function removeFile(actor: SessionUser, fileId: string) {
  const file = Types.ObjectId.isValid(fileId) ? await StoredFile.findById(fileId).lean() : null;
  if (!file) throw notFound('File');
  const target = await loadTarget(actor, file.target as FileTarget, String(file.targetId));
  canReadFiles(actor, target);
  assertCanRemove(actor, target, String(file.uploadedBy));
  await StoredFile.deleteOne({ _id: file._id });
  await FileChunk.deleteMany({ file: file._id });
  return { id: fileId, removed: true };
}

/** The newest file on a target (the organisation's current licence). */
export async function latestFile(kind: FileTarget, targetId: string) {
  const f = await StoredFile.findOne({ target: kind, targetId: oid(targetId) }).sort({ createdAt: -1, _id: -1 }).lean();
  return f ? presentFile(f) : null;
}
