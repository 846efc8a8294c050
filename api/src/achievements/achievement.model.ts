import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { DEAL_MODE_CODES, FIELD_CODES, IP_TYPE_CODES, REGION_CODES } from '@techbridge/search/taxonomy';

const bilingual = { zh: { type: String, default: '' }, en: { type: String, default: '' } };

import { ACHIEVEMENT_STATUSES } from './achievements.state';
import { listingEventFields } from '../listings/listing-event.model';

export { ACHIEVEMENT_STATUSES, type AchievementStatus } from './achievements.state';

const patentSchema = new Schema(
  {
    number: { type: String, required: true },
    title: { type: String, default: '' },
    status: { type: String, enum: ['pending', 'granted', 'expired'], required: true },
    expiry: { type: Date, default: null },
  },
  { _id: false },
);

const modeTermsSchema = new Schema(
  {
    mode: { type: String, enum: DEAL_MODE_CODES, required: true },
    /** Asking price in fen (license upfront fee or transfer price). */
    askingPrice: { type: Number, default: null },
    /** Minimum royalty rate in percent (license). */
    minRoyaltyRate: { type: Number, default: null },
    /** Equity: the IP's valuation in fen and the largest share offered, in percent. */
    equity: {
      type: new Schema({ valuation: Number, maxSharePct: Number }, { _id: false }),
      default: null,
    },
    exclusivity: { type: [String], default: undefined },
  },
  { _id: false },
);

/**
 * An achievement (科技成果). `details` is confidential: only presenters that checked the viewer's
 * NDA acceptance may read it, and it never reaches the search index.
 *
 * Search sync (the outbox): every write bumps `version` and sets `indexDirty`; the indexer pushes
 * dirty documents to the engine and clears the flag with an update guarded by the version it sent.
 */
const achievementSchema = new Schema(
  {
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    title: bilingual,
    summary: bilingual,
    details: bilingual,
    ndaVersion: { type: Number, default: 1 },
    /** The NDA's own wording; empty = the platform's standard NDA. Changing it bumps ndaVersion. */
    ndaTerms: bilingual,
    field: { type: String, enum: FIELD_CODES, required: true },
    keywords: { type: [String], default: [] },
    trl: { type: Number, min: 1, max: 9, required: true },
    ipType: { type: String, enum: IP_TYPE_CODES, required: true },
    patents: { type: [patentSchema], default: [] },
    modes: { type: [modeTermsSchema], default: [] },
    region: { type: String, enum: REGION_CODES, required: true },
    status: { type: String, enum: ACHIEVEMENT_STATUSES, default: 'draft' },
    publishedAt: { type: Date, default: null },
    withdrawnAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
    indexDirty: { type: Boolean, default: true },
    indexedVersion: { type: Number, default: 0 },
    /** A withdrawal others hear of, recorded in the status write until its effects ran (listings/listing.events.ts). */
    ...listingEventFields,
  },
  { timestamps: true },
);
achievementSchema.index({ org: 1, status: 1 });
achievementSchema.index({ eventPending: 1 });
// An organisation's listings, newest first (the owner's list pages by it).
achievementSchema.index({ org: 1, updatedAt: -1, _id: -1 });
achievementSchema.index({ indexDirty: 1 });
achievementSchema.index({ status: 1, field: 1 });
// The incremental feed (feed/): pages in (updatedAt, _id) order after a cursor.
achievementSchema.index({ updatedAt: 1, _id: 1 });

export type AchievementRecord = InferSchemaType<typeof achievementSchema>;
export type AchievementDoc = HydratedDocument<AchievementRecord>;
export const Achievement = model('Achievement', achievementSchema);

/** An organisation's acceptance of a listing's NDA (who, when, which version). */
const ndaAcceptanceSchema = new Schema(
  {
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', required: true },
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    ndaVersion: { type: Number, required: true },
    acceptedAt: { type: Date, default: () => new Date() },
  },
  { timestamps: false },
);
ndaAcceptanceSchema.index({ achievement: 1, org: 1, ndaVersion: 1 }, { unique: true });

export const NdaAcceptance = model('NdaAcceptance', ndaAcceptanceSchema);
