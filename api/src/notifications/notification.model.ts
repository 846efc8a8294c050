import { Schema, model, type InferSchemaType } from 'mongoose';

const bilingual = { zh: { type: String, default: '' }, en: { type: String, default: '' } };

export const NOTIFICATION_KINDS = [
  'match.new',
  'interest.new',
  'interest.answered',
  'interest.declined',
  'demand-interest.new',
  'demand-interest.answered',
  'demand-interest.declined',
  'deal.invited',
  'deal.offer',
  'deal.status',
  'org.verified',
  'org.rejected',
  'portfolio.invited',
  'portfolio.answered',
  'deal.proposed',
  'deal.proposal.answered',
  'payment.update',
  'payment.reminder',
  'contract.signed',
  'contract.revised',
  'listing.withdrawn',
  'listing.closed',
  'alert.match',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A stored notification for one user; `readAt` null while unread. */
const notificationSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    title: bilingual,
    body: bilingual,
    link: { type: String, default: null },
    data: { type: Schema.Types.Mixed, default: {} },
    readAt: { type: Date, default: null },
  },
  { timestamps: true },
);
notificationSchema.index({ user: 1, readAt: 1, createdAt: -1 });
notificationSchema.index({ user: 1, createdAt: -1, _id: -1 });

export type NotificationRecord = InferSchemaType<typeof notificationSchema>;
export const Notification = model('Notification', notificationSchema);
