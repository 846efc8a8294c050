import { Schema, model, type InferSchemaType } from 'mongoose';

/** An agency's portfolio: the organisations its brokers look after. One per agency. */
const portfolioSchema = new Schema(
  {
    agency: { type: Schema.Types.ObjectId, ref: 'Organization', required: true, unique: true },
    orgs: { type: [Schema.Types.ObjectId], ref: 'Organization', default: [] },
  },
  { timestamps: true },
);
export type PortfolioRecord = InferSchemaType<typeof portfolioSchema>;
export const Portfolio = model('Portfolio', portfolioSchema);

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
