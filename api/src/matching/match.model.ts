import { Schema, model, type InferSchemaType } from 'mongoose';

import { DECLINE_REASONS, MATCH_STATUSES } from './matching.constants';

export { DECLINE_REASONS, MATCH_STATUSES };

const reasonSchema = new Schema(
  {
    kind: { type: String, required: true },
    weight: { type: Number, required: true },
    detail: { type: Schema.Types.Mixed, default: {} },
    text: { zh: { type: String, default: '' }, en: { type: String, default: '' } },
  },
  { _id: false },
);

const declineSchema = new Schema(
  {
    reason: { type: String, enum: DECLINE_REASONS, required: true },
    text: { type: String, default: '' },
    by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    side: { type: String, enum: ['buyer', 'supplier'], required: true },
    at: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

/**
 * A demand ↔ achievement match with its score and the reasons, as data and as sentences.
 * One per pair (unique index): re-running the matcher updates it in place.
 */
const matchSchema = new Schema(
  {
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', required: true },
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', required: true },
    demandOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    supplierOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    score: { type: Number, required: true, min: 0, max: 1 },
    reasons: { type: [reasonSchema], default: [] },
    summary: { zh: { type: String, default: '' }, en: { type: String, default: '' } },
    source: { type: String, enum: ['auto', 'broker'], default: 'auto' },
    brokerOrg: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    brokerUser: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    brokerNote: { type: String, default: '' },
    status: { type: String, enum: MATCH_STATUSES, default: 'suggested' },
    decline: { type: declineSchema, default: null },
    pinnedBy: { type: [Schema.Types.ObjectId], default: [] },
    hiddenBy: { type: [Schema.Types.ObjectId], default: [] },
    computedAt: { type: Date, default: () => new Date() },
    /**
     * True from the insert that creates an announced match until its `match.created` effects (both
     * sides' notifications) have run: a crash in between leaves it for the recovery. Absent otherwise.
     */
    announcePending: { type: Boolean, default: undefined },
  },
  { timestamps: true },
);
matchSchema.index({ demand: 1, achievement: 1 }, { unique: true });
matchSchema.index({ announcePending: 1 });
matchSchema.index({ demandOrg: 1, score: -1, _id: 1 });
matchSchema.index({ supplierOrg: 1, score: -1, _id: 1 });
matchSchema.index({ achievement: 1 });

export type MatchRecord = InferSchemaType<typeof matchSchema>;
export const Match = model('Match', matchSchema);

/**
 * Interest an enterprise shows in an achievement (from a match or directly). The supplier answers
 * or declines; the buyer can withdraw with a reason. Declines feed the listing's feedback.
 */
const interestSchema = new Schema(
  {
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', required: true },
    supplierOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    fromOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    fromUser: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', default: null },
    match: { type: Schema.Types.ObjectId, ref: 'Match', default: null },
    message: { type: String, default: '' },
    anonymous: { type: Boolean, default: false },
    status: { type: String, enum: ['open', 'answered', 'declined'], default: 'open' },
    answer: { type: String, default: '' },
    answeredAt: { type: Date, default: null },
    decline: { type: declineSchema, default: null },
  },
  { timestamps: true },
);
interestSchema.index({ achievement: 1, fromOrg: 1 }, { unique: true });
interestSchema.index({ supplierOrg: 1, createdAt: -1, _id: -1 });
interestSchema.index({ fromOrg: 1, createdAt: -1, _id: -1 });

export type InterestRecord = InferSchemaType<typeof interestSchema>;
export const Interest = model('Interest', interestSchema);

/**
 * Interest a supplier shows in a demand (from the demand's page or one of its matches), with one of
 * its own published achievements or none. The demand's organisation answers or declines; either
 * side may decline. The supplier does not learn an anonymous demand's organisation from it.
 */
const demandInterestSchema = new Schema(
  {
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', required: true },
    demandOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    fromOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    fromUser: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', default: null },
    message: { type: String, default: '' },
    status: { type: String, enum: ['open', 'answered', 'declined'], default: 'open' },
    answer: { type: String, default: '' },
    answeredAt: { type: Date, default: null },
    decline: { type: declineSchema, default: null },
  },
  { timestamps: true },
);
demandInterestSchema.index({ demand: 1, fromOrg: 1 }, { unique: true });
demandInterestSchema.index({ demandOrg: 1, createdAt: -1, _id: -1 });
demandInterestSchema.index({ fromOrg: 1, createdAt: -1, _id: -1 });

export type DemandInterestRecord = InferSchemaType<typeof demandInterestSchema>;
export const DemandInterest = model('DemandInterest', demandInterestSchema);
