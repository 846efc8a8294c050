import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A Stripe event the test-mode checkout built (stripe-mock sends no webhooks), stored before it is
 * delivered to the webhook route and marked once the route answered 2xx: an API killed in between
 * delivers it at its next boot, as Stripe would retry it.
 */
const simulatedEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    /** The event's JSON exactly as signed and sent. */
    payload: { type: String, required: true },
    deliveredAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);
simulatedEventSchema.index({ deliveredAt: 1 });

export type SimulatedEventRecord = InferSchemaType<typeof simulatedEventSchema>;
export const SimulatedEvent = model('SimulatedEvent', simulatedEventSchema);
