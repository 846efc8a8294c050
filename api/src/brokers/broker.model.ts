import { Schema, model, type InferSchemaType } from 'mongoose';

export const PORTFOLIO_LINK_STATUSES = ['pending', 'active', 'declined', 'revoked', 'withdrawn'] as const;
export type PortfolioLinkStatus = (typeof PORTFOLIO_LINK_STATUSES)[number];

/**
 * One organisation in one agency's portfolio, by consent: the agency's broker invites (`pending`),
 * the organisation's admin accepts (`active`) or declines; either side ends it (`revoked`, or
 * `withdrawn` while still pending). One per (agency, org): asking again reopens it.
 */
const portfolioLinkSchema = new Schema(
  {
    agency: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    status: { type: String, enum: PORTFOLIO_LINK_STATUSES, default: 'pending' },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    invitedAt: { type: Date, default: () => new Date() },
    answeredBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    answeredAt: { type: Date, default: null },
  },
  { timestamps: true },
);
portfolioLinkSchema.index({ agency: 1, org: 1 }, { unique: true });
portfolioLinkSchema.index({ org: 1, status: 1 });
portfolioLinkSchema.index({ agency: 1, status: 1 });
export type PortfolioLinkRecord = InferSchemaType<typeof portfolioLinkSchema>;
export const PortfolioLink = model('PortfolioLink', portfolioLinkSchema);

const dockingRowSchema = new Schema(
  {
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', required: true },
    demandTitle: { type: String, default: '' },
    achievement: { type: Schema.Types.ObjectId, ref: 'Achievement', default: null },
    achievementTitle: { type: String, default: '' },
    supplierName: { type: String, default: '' },
    score: { type: Number, default: 0 },
    reasonsZh: { type: String, default: '' },
    reasonsEn: { type: String, default: '' },
  },
  { _id: false },
);

/** One batch docking (批量对接) run and its report rows. */
const dockingRunSchema = new Schema(
  {
    agency: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    criteria: { type: Schema.Types.Mixed, default: {} },
    demandCount: { type: Number, default: 0 },
    matchCount: { type: Number, default: 0 },
    durationMs: { type: Number, default: 0 },
    rows: { type: [dockingRowSchema], default: [] },
  },
  { timestamps: true },
);
dockingRunSchema.index({ agency: 1, createdAt: -1 });
export type DockingRunRecord = InferSchemaType<typeof dockingRunSchema>;
export const DockingRun = model('DockingRun', dockingRunSchema);
