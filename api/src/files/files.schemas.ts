import { z } from 'zod';
import { objectId } from '../common/schemas';
import { FILE_TARGETS } from './file.model';

export const AttachmentParams = z.strictObject({ kind: z.enum(FILE_TARGETS), id: objectId });
export type AttachmentParams = z.infer<typeof AttachmentParams>;

/** The uploaded file's name travels in the query; its bytes are the request body. */
export const UploadQuery = z.strictObject({ name: z.string().trim().min(1, 'is required').max(255, 'must be at most 255 characters') });
