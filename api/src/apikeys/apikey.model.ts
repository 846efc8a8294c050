import { Schema, model, type InferSchemaType } from 'mongoose';
import { API_KEY_SCOPES } from './apikeys.schemas';

/**
 * An organisation's API key. The key itself (`tbk_<prefix>_<secret>`) is shown once, at creation;
 * what is stored is its `prefix` (the lookup id, unique) and the sha-256 of the whole key. A
 * revoked key is refused from the next request on (every request reads its document).
 */
const apiKeySchema = new Schema(
  {
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    name: { type: String, required: true },
    prefix: { type: String, required: true, unique: true },
    hash: { type: String, required: true },
    scopes: { type: [String], enum: API_KEY_SCOPES, default: [] },
    /** Written at most once a minute per key (apikeys.auth.ts). */
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
apiKeySchema.index({ org: 1, createdAt: -1 });

export type ApiKeyRecord = InferSchemaType<typeof apiKeySchema>;
export const ApiKey = model('ApiKey', apiKeySchema);
