import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const SIDES = ['supplier', 'buyer'] as const;

/**
 * A signature on one revision of a contract: who (an org admin of the side), when, from where,
 * and the hash they were shown. `eventId` is the id of the deal event (`contract.signed`) that
 * announces it — derived from the signature, so recording that event again after a crash stores
 * it once; `recorded` says the deal event was written.
 */
const signatureSchema = new Schema(
  {
    side: { type: String, enum: SIDES, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    userName: { type: String, default: '' },
    org: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    hash: { type: String, required: true },
    revision: { type: Number, required: true },
    at: { type: Date, required: true },
    ip: { type: String, default: '' },
    userAgent: { type: String, default: '' },
    eventId: { type: String, required: true },
    recorded: { type: Boolean, default: false },
  },
  { _id: false },
);

/** What the parties may still change before signing (a change makes a new revision). */
const particularsSchema = new Schema(
  {
    dispute: {
      type: new Schema(
        { method: { type: String, enum: ['arbitration', 'court'], required: true }, venue: { type: String, required: true } },
        { _id: false },
      ),
      required: true,
    },
    confidentialityYears: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * The contract of an agreed deal: one per deal (unique index), generated from the agreed offer.
 * `content` is the canonical content (a pure function of the deal, the agreed offer, the parties,
 * the achievement and the particulars) and `hash` its sha-256. Every write is guarded by
 * `{_id, version}` (compare-and-set on FerretDB through the store's write gate).
 */
const contractSchema = new Schema(
  {
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', required: true },
    mode: { type: String, required: true },
    category: { type: String, required: true },
    offerVersion: { type: Number, required: true },
    revision: { type: Number, default: 1 },
    particulars: { type: particularsSchema, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    hash: { type: String, required: true },
    signatures: { type: [signatureSchema], default: [] },
    /** `draft` until both sides signed the current revision, then `signed` (and `signedAt`). */
    status: { type: String, enum: ['draft', 'signed'], default: 'draft' },
    signedAt: { type: Date, default: null },
    /** True while a signature's deal event is not yet written (what the boot-time reconciliation asks for). */
    unrecorded: { type: Boolean, default: false },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, minimize: false },
);
contractSchema.index({ deal: 1 }, { unique: true });
contractSchema.index({ status: 1, signedAt: 1 });
contractSchema.index({ unrecorded: 1 });

export type ContractRecord = InferSchemaType<typeof contractSchema>;
export type ContractLean = Omit<ContractRecord, 'signatures'> & { _id: Types.ObjectId; signatures: SignatureRecord[]; createdAt: Date; updatedAt: Date };
/** A stored signature (plain, as `.lean()` reads it). */
export interface SignatureRecord {
  side: 'supplier' | 'buyer';
  user: Types.ObjectId;
  userName: string;
  org: Types.ObjectId;
  hash: string;
  revision: number;
  at: Date;
  ip: string;
  userAgent: string;
  eventId: string;
  recorded: boolean;
}
export type Particulars = ContractRecord['particulars'];
export const Contract = model('Contract', contractSchema);
