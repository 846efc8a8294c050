import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const PAYMENT_KINDS = ['deposit', 'upfront', 'installment', 'milestone', 'cash', 'royalty'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/**
 * pending → processing (a PaymentIntent is open) → paid | failed (the buyer may try again: failed →
 * processing); paid → partially_refunded → refunded.
 */
export const PAYMENT_STATUSES = ['pending', 'processing', 'paid', 'failed', 'partially_refunded', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Statuses from which the buyer may start (or restart) paying. */
export const PAYABLE: readonly PaymentStatus[] = ['pending', 'processing', 'failed'];
/** Statuses of an item whose money was received. */
export const RECEIVED: readonly PaymentStatus[] = ['paid', 'partially_refunded', 'refunded'];

const feesSchema = new Schema(
  {
    platformFeeBps: { type: Number, required: true },
    platformFee: { type: Number, required: true },
    brokerCommissionBps: { type: Number, required: true },
    brokerCommission: { type: Number, required: true },
    supplierNet: { type: Number, required: true },
  },
  { _id: false },
);

const refundSchema = new Schema(
  {
    id: { type: String, required: true },
    amount: { type: Number, required: true },
    reason: { type: String, default: '' },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const reviewSchema = new Schema(
  {
    reason: { type: String, required: true },
    eventId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One payment the buyer owes on a deal: issued from the signed contract's schedule (one per
 * `key`, unique per deal, so issuing twice issues nothing more) or from a royalty report. Every
 * update is guarded by `version` (a compare-and-set through the store's write gate on FerretDB).
 */
const paymentItemSchema = new Schema(
  {
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', required: true },
    /** The sha-256 of the signed contract the item comes from (null until contracts record one). */
    contractHash: { type: String, default: null },
    key: { type: String, required: true },
    kind: { type: String, enum: PAYMENT_KINDS, required: true },
    label: { zh: { type: String, default: '' }, en: { type: String, default: '' } },
    /** Integer fen. */
    amount: { type: Number, required: true },
    currency: { type: String, enum: ['cny'], default: 'cny' },
    /** `YYYY-MM-DD`; null: due on signing. */
    due: { type: String, default: null },
    fees: { type: feesSchema, required: true },
    status: { type: String, enum: PAYMENT_STATUSES, default: 'pending' },
    /** Paying attempts started; each has its own idempotency key with Stripe. */
    attempt: { type: Number, default: 0 },
    /** The current attempt's PaymentIntent, and every one this item had. */
    intentId: { type: String, default: null },
    intentIds: { type: [String], default: [] },
    checkoutSessionId: { type: String, default: null },
    method: { type: String, default: null },
    paidAt: { type: Date, default: null },
    failureReason: { type: String, default: '' },
    /** Set when Stripe reported a payment that does not match the item: never paid, a person looks. */
    review: { type: reviewSchema, default: null },
    /** The charge's refunded total as Stripe last reported it (absolute: reorder-safe). */
    refundedAmount: { type: Number, default: 0 },
    refunds: { type: [refundSchema], default: [] },
    /** The Stripe events applied to this item, and those already announced in the deal's room. */
    appliedEvents: { type: [String], default: [] },
    announcedEvents: { type: [String], default: [] },
    royaltyReport: { type: Schema.Types.ObjectId, ref: 'RoyaltyReport', default: null },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, minimize: false },
);
paymentItemSchema.index({ deal: 1, key: 1 }, { unique: true });
paymentItemSchema.index({ intentIds: 1 });
paymentItemSchema.index({ status: 1, due: 1 });

export type PaymentItemRecord = InferSchemaType<typeof paymentItemSchema>;
export type PaymentItemLean = PaymentItemRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const PaymentItem = model('PaymentItem', paymentItemSchema);
