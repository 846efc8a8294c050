import { Schema, model, type InferSchemaType } from 'mongoose';
import { WebhookEventName } from './webhooks.schemas';

/** The events a partner may subscribe to (the zod enum's, shared with web/). */
export const WEBHOOK_EVENTS = WebhookEventName.options;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * An organisation's endpoint subscribed to events. `secret` signs each delivery (HMAC-SHA256); it
 * is shown once when created and never presented again (it must stay readable here to sign).
 */
const subscriptionSchema = new Schema(
  {
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    url: { type: String, required: true },
    description: { type: String, default: '' },
    events: { type: [String], enum: WEBHOOK_EVENTS, default: [] },
    secret: { type: String, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, versionKey: false },
);
subscriptionSchema.index({ org: 1, createdAt: -1 });
subscriptionSchema.index({ active: 1 });

export type WebhookSubscriptionRecord = InferSchemaType<typeof subscriptionSchema> & { _id: import('mongoose').Types.ObjectId };
export const WebhookSubscription = model('WebhookSubscription', subscriptionSchema, 'webhook_subscriptions');

/** One attempt to deliver: when, the answer (status, first bytes of the body) or the error, how long. */
const attemptSchema = new Schema(
  {
    n: { type: Number, required: true },
    at: { type: Date, required: true },
    statusCode: { type: Number, default: null },
    responseBody: { type: String, default: '' },
    error: { type: String, default: null },
    durationMs: { type: Number, required: true },
    redelivery: { type: Boolean, default: false },
  },
  { _id: false },
);

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event owed to one subscription. `_id` is `<subscription>:<event id>`, so recording the same
 * event twice (a re-run after a crash) stores one row. The body is serialised once, at recording:
 * every attempt and redelivery sends the same bytes, signed afresh with its own timestamp.
 * Attempt n is claimed by the unique insert of `<_id>#<n>` in `webhook_claims`, so on FerretDB and
 * MongoDB alike one process makes it.
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    subscription: { type: Schema.Types.ObjectId, ref: 'WebhookSubscription', required: true },
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    event: { type: String, enum: WEBHOOK_EVENTS, required: true },
    eventId: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, default: 'pending' },
    /** When the retry window began (recording, or the last redelivery request). */
    windowStart: { type: Date, required: true },
    nextAttemptAt: { type: Date, default: null },
    attempts: { type: [attemptSchema], default: [] },
    /** Set by a redelivery request: the next attempt is logged as a redelivery. */
    redeliver: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
deliverySchema.index({ subscription: 1, createdAt: -1 });

export type WebhookDeliveryRecord = InferSchemaType<typeof deliverySchema>;
export type WebhookAttempt = WebhookDeliveryRecord['attempts'][number];
export const WebhookDelivery = model('WebhookDelivery', deliverySchema, 'webhook_deliveries');

/** The claims of attempts: `_id` `<delivery>#<n>`; the unique `_id` decides who makes attempt n. */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
claimSchema.index({ at: 1 });
export const WebhookClaim = model('WebhookClaim', claimSchema, 'webhook_claims');
