import { Schema, model, type InferSchemaType } from 'mongoose';

export const EMAIL_KINDS = ['verify-email', 'registration-attempt', 'password-changed', 'org-verified', 'org-rejected', 'alert-digest'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

const bilingual = { zh: { type: String, default: '' }, en: { type: String, default: '' } };

/**
 * The outbox: every email the platform sends is stored first. `sentAt` stays null until a transport
 * (none yet) delivers it; in development and test `GET /api/dev/outbox` shows them.
 */
const emailMessageSchema = new Schema(
  {
    to: { type: String, required: true, lowercase: true, trim: true },
    kind: { type: String, enum: EMAIL_KINDS, required: true },
    subject: bilingual,
    body: bilingual,
    /** The action link the email carries (a verification link holds its token in plain text, as any sent email does). */
    link: { type: String, default: null },
    createdAt: { type: Date, default: () => new Date() },
    sentAt: { type: Date, default: null },
  },
  { versionKey: false },
);
emailMessageSchema.index({ to: 1, createdAt: -1 });
emailMessageSchema.index({ createdAt: -1 });

export type EmailMessageRecord = InferSchemaType<typeof emailMessageSchema>;
export const EmailMessage = model('EmailMessage', emailMessageSchema);
