import { Schema, model, type InferSchemaType } from 'mongoose';

/** What a stored file is attached to: a listing, a deal's room, or an organisation's business licence. */
export const FILE_TARGETS = ['achievement', 'demand', 'deal', 'org-licence'] as const;
export type FileTarget = (typeof FILE_TARGETS)[number];

/**
 * A stored file's metadata. Its bytes are in `FileChunk`s (FerretDB has no GridFS); the metadata is
 * inserted only after every chunk is stored, so a file that is listed can always be read whole.
 */
const storedFileSchema = new Schema(
  {
    name: { type: String, required: true },
    /** The MIME type decided from the file's leading bytes (never the one the browser sent). */
    type: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    chunks: { type: Number, required: true },
    target: { type: String, enum: FILE_TARGETS, required: true },
    targetId: { type: Schema.Types.ObjectId, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    org: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
storedFileSchema.index({ target: 1, targetId: 1, createdAt: 1 });

/** One piece of a file's bytes: `_id` is `<file id>:<n>`. */
const fileChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    file: { type: Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false },
);
fileChunkSchema.index({ file: 1, n: 1 });

export type StoredFileRecord = InferSchemaType<typeof storedFileSchema>;
export const StoredFile = model('StoredFile', storedFileSchema, 'files');
export const FileChunk = model('FileChunk', fileChunkSchema, 'filechunks');
