import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { ORG_KINDS } from '../auth/auth.schemas';

const bilingual = { zh: { type: String, default: '' }, en: { type: String, default: '' } };

const orgSchema = new Schema(
  {
    kind: { type: String, enum: ORG_KINDS, required: true },
    name: bilingual,
    region: { type: String, required: true },
    /** The city within the region, by name (the indicators group by it; empty when not given). */
    city: bilingual,
    verified: { type: Boolean, default: false },
    verifiedAt: { type: Date, default: null },
    verifiedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    description: bilingual,
    payoutAccountRef: { type: String, default: null },
    /** 统一社会信用代码 (GB 32100, checked on input): printed on contracts and their registration data. */
    creditCode: { type: String, default: null },
  },
  { timestamps: true },
);
orgSchema.index({ verified: 1, kind: 1 });

export type OrgRecord = InferSchemaType<typeof orgSchema>;
export type OrgDoc = HydratedDocument<OrgRecord>;
export const Org = model('Organization', orgSchema);
