import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * A licensee's royalty report for one period (`YYYY-Qn`): its sales, the agreed rate and the amount
 * due, which becomes the `royalty-<period>` payment item. One report per deal and period.
 */
const royaltyReportSchema = new Schema(
  {
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', required: true },
    period: { type: String, required: true },
    /** Integer fen. */
    sales: { type: Number, required: true },
    /** The agreed royalty rate, in basis points (3.5% = 350). */
    rateBps: { type: Number, required: true },
    /** Integer fen: sales × rate, rounded half up to the fen. */
    amount: { type: Number, required: true },
    note: { type: String, default: '' },
    filedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    filedByName: { type: String, default: '' },
    /** The payment item it issued (none for a report of zero). */
    itemKey: { type: String, default: null },
  },
  { timestamps: true },
);
royaltyReportSchema.index({ deal: 1, period: 1 }, { unique: true });

export type RoyaltyReportRecord = InferSchemaType<typeof royaltyReportSchema>;
export type RoyaltyReportLean = RoyaltyReportRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const RoyaltyReport = model('RoyaltyReport', royaltyReportSchema);
