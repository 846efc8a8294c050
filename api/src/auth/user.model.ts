import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { ROLES } from './auth.types';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true, select: false },
    name: { type: String, required: true },
    org: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    roles: { type: [String], enum: ROLES, default: ['member'] },
    locale: { type: String, enum: ['zh', 'en'], default: 'zh' },
    lastLoginAt: { type: Date, default: null },
    /** Raised by a password change: sessions keyed to an older epoch no longer sign anyone in. */
    sessionEpoch: { type: Number, default: 0 },
  },
  { timestamps: true },
);
userSchema.index({ org: 1 });

export type UserRecord = InferSchemaType<typeof userSchema>;
export type UserDoc = HydratedDocument<UserRecord>;
export const User = model('User', userSchema);
