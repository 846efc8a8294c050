import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * A user's alert: a saved search (`search`: the query and filters of the search page's URL) or a
 * follow (`follow`: fields and/or regions). New listings of `target` that match it, published after
 * it was made, notify the user in-app and in the daily digest.
 */
const alertSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The user's organisation when made: its own listings are not announced to it. */
    org: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    kind: { type: String, enum: ['search', 'follow'], required: true },
    name: { type: String, default: '' },
    target: { type: String, enum: ['achievements', 'demands'], required: true },
    q: { type: String, default: '' },
    field: { type: [String], default: [] },
    region: { type: [String], default: [] },
    mode: { type: [String], default: [] },
    ipType: { type: [String], default: [] },
    trlMin: { type: Number, default: null },
    trlMax: { type: Number, default: null },
    priceMin: { type: Number, default: null },
    priceMax: { type: Number, default: null },
  },
  { timestamps: true, versionKey: false },
);
alertSchema.index({ user: 1, createdAt: -1 });
alertSchema.index({ target: 1 });

export type AlertRecord = InferSchemaType<typeof alertSchema> & { _id: Types.ObjectId };
export const Alert = model('Alert', alertSchema, 'alerts');

/**
 * A new listing that matched one or more of a user's alerts: `_id` `<user>:<kind>:<listing>`, so a
 * listing is announced to a user once however many alerts match and however often it is sent.
 * `digest` names the daily digest that carried it (null until then).
 */
const alertHitSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    alerts: { type: [Schema.Types.ObjectId], default: [] },
    kind: { type: String, enum: ['achievement', 'demand'], required: true },
    listing: { type: Schema.Types.ObjectId, required: true },
    title: { zh: { type: String, default: '' }, en: { type: String, default: '' } },
    digested: { type: Boolean, default: false },
    digest: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
alertHitSchema.index({ digested: 1, at: 1 });
alertHitSchema.index({ user: 1, at: -1 });

export type AlertHitRecord = InferSchemaType<typeof alertHitSchema>;
export const AlertHit = model('AlertHit', alertHitSchema, 'alert_hits');

/** One user's digest of one day: `_id` `<user>@<day>`; its unique insert decides the one process that sends it. */
const alertDigestSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    day: { type: String, required: true },
    items: { type: Number, default: 0 },
    holder: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
alertDigestSchema.index({ user: 1, at: -1 });
export const AlertDigest = model('AlertDigest', alertDigestSchema, 'alert_digests');
