import { Schema } from 'mongoose';

/**
 * An owner's status change of a listing that others hear about (`listing.events.ts`), recorded in
 * the status write itself: `pendingEvent` holds it and `eventPending` (indexed) flags it until its
 * effects have run. Both are absent otherwise.
 */
export const listingEventSchema = new Schema(
  {
    id: { type: String, required: true },
    action: { type: String, required: true },
    actor: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** The fields a listing model adds for its recorded event. */
export const listingEventFields = {
  pendingEvent: { type: listingEventSchema, default: undefined },
  eventPending: { type: Boolean, default: undefined },
} as const;
