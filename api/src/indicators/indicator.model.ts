import { Schema, model } from 'mongoose';

// The stored rollup. Facts: what each record contributes (one per record, `<kind>:<id>`, guarded
// by `v` so one writer wins each change); cells: the sums of the facts' contributions; meta: the
// rollup's version, bumped by every change, so each process knows when its cached cells are stale.

const factSchema = new Schema(
  {
    _id: { type: String, required: true },
    zone: { type: Schema.Types.Mixed, default: [] },
    timed: { type: Schema.Types.Mixed, default: [] },
    agency: { type: Schema.Types.Mixed, default: [] },
    agencyTimed: { type: Schema.Types.Mixed, default: [] },
    v: { type: Number, default: 1 },
  },
  { versionKey: false, minimize: false, collection: 'indicator_facts' },
);
export const IndicatorFact = model('IndicatorFact', factSchema);

const zoneCellSchema = new Schema(
  {
    _id: { type: String, required: true },
    month: String,
    field: String,
    province: String,
    city: String,
    mode: String,
    orgKind: String,
    m: { type: Schema.Types.Mixed, default: {} },
    t: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false, collection: 'indicator_cells' },
);
export const IndicatorCell = model('IndicatorCell', zoneCellSchema);

const agencyCellSchema = new Schema(
  {
    _id: { type: String, required: true },
    month: String,
    agency: String,
    broker: String,
    m: { type: Schema.Types.Mixed, default: {} },
    t: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false, collection: 'indicator_agency_cells' },
);
export const IndicatorAgencyCell = model('IndicatorAgencyCell', agencyCellSchema);

const metaSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** A fresh id per rebuild: cached cells of another build are stale whatever the version. */
    build: { type: String, default: '' },
    version: { type: Number, default: 0 },
    builtAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'indicator_meta' },
);
export const IndicatorMeta = model('IndicatorMeta', metaSchema);
