import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A registration waiting for its address to be proven: one per email (`_id`), replaced by a newer
 * registration for the same address, removed by the verification that turns it into an account.
 * Only the token's hash is stored; the plain token is in the email alone.
 */
const pendingRegistrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    tokenHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    name: { type: String, required: true },
    locale: { type: String, enum: ['zh', 'en'], default: 'zh' },
    passwordHash: { type: String, required: true },
    /** A new organisation to create at verification… */
    org: {
      type: new Schema({ kind: String, name: { zh: String, en: String }, region: String, creditCode: String, contactPhone: String }, { _id: false }),
      default: null,
    },
    /** …or the invitation to consume then. */
    invitation: { type: Schema.Types.ObjectId, ref: 'Invitation', default: null },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);

export type PendingRegistrationRecord = InferSchemaType<typeof pendingRegistrationSchema>;
export const PendingRegistration = model('PendingRegistration', pendingRegistrationSchema);
