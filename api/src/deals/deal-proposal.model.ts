import { Schema, model, type InferSchemaType } from 'mongoose';
import { DEAL_MODE_CODES } from '@techbridge/search/taxonomy';

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * A broker's proposal to open a deal for an enterprise. Nothing reaches a room until the
 * enterprise's admin accepts; then the deal is opened with the broker's agency taking part.
 */
const dealProposalSchema = new Schema(
  {
    agency: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    agencyName: { zh: { type: String, default: '' }, en: { type: String, default: '' } },
    proposedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    buyerOrg: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', required: true },
    achievementTitle: { zh: { type: String, default: '' }, en: { type: String, default: '' } },
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', default: null },
    match: { type: Schema.Types.ObjectId, ref: 'Match', default: null },
    mode: { type: String, enum: DEAL_MODE_CODES, required: true },
    status: { type: String, enum: PROPOSAL_STATUSES, default: 'pending' },
    answeredBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    answeredAt: { type: Date, default: null },
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', default: null },
  },
  { timestamps: true },
);
dealProposalSchema.index({ buyerOrg: 1, createdAt: -1 });
dealProposalSchema.index({ agency: 1, createdAt: -1 });
export type DealProposalRecord = InferSchemaType<typeof dealProposalSchema>;
export const DealProposal = model('DealProposal', dealProposalSchema);
