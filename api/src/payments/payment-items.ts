// The only code that reads and writes payment items: issuing (a unique insert per deal and key) and
// version-guarded updates (compare-and-set; on FerretDB through the store's write gate).

import { Types } from 'mongoose';
import { conflict, notFound } from '../errors';
import { PaymentItem, type PaymentItemLean, type PaymentKind } from './payment-item.model';
import type { Fees } from './fees';

const MAX_ATTEMPTS = 8;
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

export interface NewItem {
  key: string;
  kind: PaymentKind;
  label: { zh: string; en: string };
  amount: number;
  due: string | null;
  fees: Fees;
  royaltyReport?: Types.ObjectId | null;
}

/** Inserts the items a deal does not have yet (by key); the number inserted. Safe to run again. */
export async function issueItems(dealId: Types.ObjectId | string, contractHash: string | null, items: readonly NewItem[]): Promise<number> {
  let inserted = 0;
  for (const i of items) {
    const { amount: _amount, ...fees } = i.fees;
    try {
      await PaymentItem.create({ deal: dealId, contractHash, key: i.key, kind: i.kind, label: i.label, amount: i.amount, due: i.due, fees, royaltyReport: i.royaltyReport ?? null });
      inserted++;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }
  return inserted;
}

/** The deal's items in the order they were issued. */
export function itemsOf(dealId: Types.ObjectId | string): Promise<PaymentItemLean[]> {
  return PaymentItem.find({ deal: dealId }).sort({ createdAt: 1, _id: 1 }).lean<PaymentItemLean[]>();
}

/** One item of the deal (404 when the deal has no such item). */
export async function itemOf(dealId: string, itemId: string): Promise<PaymentItemLean> {
  const item = await PaymentItem.findOne({ _id: itemId, deal: dealId }).lean<PaymentItemLean>();
  if (!item) throw notFound('Payment item');
  return item;
}

/** The deal's item with `key`, or null. */
export const itemByKey = (dealId: Types.ObjectId | string, key: string) => PaymentItem.findOne({ deal: dealId, key }).lean<PaymentItemLean>();

/** The item a PaymentIntent was created for (by its id), or null. */
export const itemByIntent = (intentId: string) => PaymentItem.findOne({ intentIds: intentId }).lean<PaymentItemLean>();

/** An item by id, or null. */
export const itemById = (itemId: string) => (Types.ObjectId.isValid(itemId) ? PaymentItem.findById(itemId).lean<PaymentItemLean>() : Promise.resolve(null));

/** What `decide` wants done to the item: an update document, or null for nothing. */
export type ItemUpdate = { $set?: Record<string, unknown>; $push?: Record<string, unknown>; $addToSet?: Record<string, unknown> } | null;

/**
 * Changes an item by compare-and-set: read, decide from what was read, update guarded by the
 * version read; a concurrent change makes the guard miss and `decide` runs again on the new state.
 * Resolves to the item after the change, or as it is when `decide` wants nothing done.
 */
export async function updateItem(itemId: Types.ObjectId | string, decide: (item: PaymentItemLean) => ItemUpdate): Promise<{ item: PaymentItemLean; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const item = await PaymentItem.findById(itemId).lean<PaymentItemLean>();
    if (!item) throw notFound('Payment item');
    const update = decide(item);
    if (!update) return { item, changed: false };
    const updated = await PaymentItem.findOneAndUpdate({ _id: item._id, version: item.version }, { ...update, $inc: { version: 1 } }, { returnDocument: 'after' }).lean<PaymentItemLean>();
    if (updated) return { item: updated, changed: true };
  }
  throw conflict('payment_busy', 'The payment kept changing while this was applied; reload and try again');
}
