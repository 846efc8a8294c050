import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A Stripe event received through the webhook, keyed by its id: the unique `_id` insert decides
 * that each event is recorded once, however often Stripe (or an attacker replaying it) sends it.
 * `processedAt` is set only after its effects are stored: an event recorded by a process that died
 * before processing it is processed when it is delivered again.
 */
const webhookEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    livemode: { type: Boolean, default: false },
    receivedAt: { type: Date, default: () => new Date() },
    processedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
export type WebhookEventRecord = InferSchemaType<typeof webhookEventSchema>;
export const WebhookEvent = model('WebhookEvent', webhookEventSchema);
