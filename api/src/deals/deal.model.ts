import { Schema, model, type InferSchemaType, type HydratedDocument, type Types } from 'mongoose';
import { DEAL_MODE_CODES } from '@techbridge/search/taxonomy';
import { DEAL_STATUSES } from './deals.schemas';

const bilingual = { zh: { type: String, default: '' }, en: { type: String, default: '' } };
const SIDES = ['supplier', 'buyer', 'broker'] as const;
export const OFFER_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn', 'superseded'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const acceptanceSchema = new Schema(
  {
    side: { type: String, enum: SIDES, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    userName: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One offer version. Offers live inside the deal so that a counter-offer, an acceptance or an
 * agreement is a single atomic document update (no transactions on FerretDB).
 */
const offerSchema = new Schema(
  {
    version: { type: Number, required: true },
    replacesVersion: { type: Number, required: true },
    mode: { type: String, enum: DEAL_MODE_CODES, required: true },
    terms: { type: Schema.Types.Mixed, required: true },
    note: { type: String, default: '' },
    side: { type: String, enum: SIDES, required: true },
    author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    authorName: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    status: { type: String, enum: OFFER_STATUSES, default: 'open' },
    /** Who closed it (rejected / withdrawn) and why. */
    closedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    closedAt: { type: Date, default: null },
    closeReason: { type: String, default: '' },
    acceptances: { type: [acceptanceSchema], default: [] },
  },
  { _id: false, minimize: false },
);

/**
 * An event recorded in the same write as the change it describes (the outbox). A flush turns it
 * into a room message and an audit event, both idempotent by `id`, then clears it; a crash in
 * between leaves it here for the next flush.
 */
const pendingEventSchema = new Schema(
  {
    id: { type: String, required: true },
    kind: { type: String, enum: ['offer', 'system'], required: true },
    action: { type: String, required: true },
    actor: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    actorName: { type: String, default: '' },
    side: { type: String, enum: [...SIDES, null], default: null },
    from: { type: String, default: null },
    to: { type: String, default: null },
    data: { type: Schema.Types.Mixed, default: null },
    at: { type: Date, required: true },
  },
  { _id: false, minimize: false },
);

/**
 * A deal: one buyer organisation negotiating one achievement in one mode, optionally with a
 * broker. Participants are the members of `participantOrgs`. Every change bumps `version`, and
 * every write is guarded by the version it was computed from.
 */
const dealSchema = new Schema(
  {
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', required: true },
    achievementTitle: bilingual,
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', default: null },
    match: { type: Schema.Types.ObjectId, ref: 'Match', default: null },
    supplierOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    supplierName: bilingual,
    buyerOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    buyerName: bilingual,
    brokerOrg: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    brokerName: bilingual,
    participantOrgs: { type: [Schema.Types.ObjectId], ref: 'Organization', required: true },
    mode: { type: String, enum: DEAL_MODE_CODES, required: true },
    status: { type: String, enum: DEAL_STATUSES, default: 'open' },
    openedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    cancelReason: { type: String, default: '' },
    /**
     * `achievement:buyer:mode` while the deal is live, `closed:<id>` afterwards: a unique index on
     * it allows one live deal per buyer, achievement and mode without a partial index.
     */
    liveKey: { type: String, required: true },
    offers: { type: [offerSchema], default: [] },
    currentOfferVersion: { type: Number, default: 0 },
    agreedOfferVersion: { type: Number, default: null },
    pending: { type: [pendingEventSchema], default: [] },
    /** True while `pending` holds events: what the boot-time recovery asks for, by index. */
    hasPending: { type: Boolean, default: false },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, minimize: false },
);
dealSchema.index({ liveKey: 1 }, { unique: true });
dealSchema.index({ hasPending: 1 });
dealSchema.index({ participantOrgs: 1, updatedAt: -1 });
dealSchema.index({ achievement: 1, status: 1 });

export type DealRecord = InferSchemaType<typeof dealSchema>;
export type DealLean = DealRecord & { _id: Types.ObjectId };
export type OfferRecord = DealRecord['offers'][number];
export type PendingEvent = DealRecord['pending'][number];
export type DealDoc = HydratedDocument<DealRecord>;
export const Deal = model('Deal', dealSchema);
