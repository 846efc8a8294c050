import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { DEAL_MODE_CODES, FIELD_CODES, REGION_CODES } from '@techbridge/search/taxonomy';

const bilingual = { zh: { type: String, default: '' }, en: { type: String, default: '' } };

import { DEMAND_STATUSES } from './demands.state';
import { listingEventFields } from '../listings/listing-event.model';

export { DEMAND_STATUSES, type DemandStatus } from './demands.state';

/**
 * A technical demand (技术需求). When `anonymous`, presenters hide the organisation from everyone
 * outside it except the organisations listed in `revealedTo`. Same outbox fields as Achievement.
 */
const demandSchema = new Schema(
  {
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    title: bilingual,
    description: bilingual,
    field: { type: String, enum: FIELD_CODES, required: true },
    keywords: { type: [String], default: [] },
    /** Budget range in fen. */
    budgetMin: { type: Number, default: null },
    budgetMax: { type: Number, default: null },
    deadline: { type: Date, default: null },
    modes: { type: [String], enum: DEAL_MODE_CODES, default: [] },
    minTrl: { type: Number, min: 1, max: 9, default: null },
    region: { type: String, enum: REGION_CODES, required: true },
    anonymous: { type: Boolean, default: false },
    revealedTo: { type: [Schema.Types.ObjectId], ref: 'Organization', default: [] },
    status: { type: String, enum: DEMAND_STATUSES, default: 'draft' },
    publishedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    withdrawnAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
    indexDirty: { type: Boolean, default: true },
    indexedVersion: { type: Number, default: 0 },
    /** A withdrawal or closing others hear of, recorded in the status write until its effects ran (listings/listing.events.ts). */
    ...listingEventFields,
  },
  { timestamps: true },
);
demandSchema.index({ org: 1, status: 1 });
demandSchema.index({ eventPending: 1 });
demandSchema.index({ org: 1, updatedAt: -1, _id: -1 });
demandSchema.index({ indexDirty: 1 });
// The incremental feed (feed/): pages in (updatedAt, _id) order after a cursor.
demandSchema.index({ updatedAt: 1, _id: 1 });

export type DemandRecord = InferSchemaType<typeof demandSchema>;
export type DemandDoc = HydratedDocument<DemandRecord>;
export const Demand = model('Demand', demandSchema);
