import { Schema, model, type InferSchemaType } from 'mongoose';

const invitationSchema = new Schema(
  {
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    tokenHash: { type: String, required: true, unique: true },
    email: { type: String, default: null },
    role: { type: String, enum: ['member', 'org-admin'], default: 'member' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    usedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Set when an org admin revokes it; a revoked invitation registers no one. */
    revokedAt: { type: Date, default: null },
    revokedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
invitationSchema.index({ org: 1, createdAt: -1 });

export type InvitationRecord = InferSchemaType<typeof invitationSchema>;
export const Invitation = model('Invitation', invitationSchema);
