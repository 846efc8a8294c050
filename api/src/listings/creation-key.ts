/**
 * Idempotent creation of listings: an editor session sends one client-generated key with every
 * attempt to create its listing (`Idempotency-Key`), and a retried create — after a network failure,
 * a double click, a publish that was refused — answers with the listing the first attempt made
 * instead of a second draft.
 *
 * The key is claimed by a unique insert (`_id` = kind + organisation + key), the one write that
 * decides a race on FerretDB as on MongoDB (DESIGN.md §3: guarded updates are not atomic on
 * FerretDB, unique indexes are). The listing is written first and claimed after, so whoever reads a
 * claim finds its listing already stored: a concurrent retry that loses the claim removes its own
 * fresh draft (nobody has heard of it yet) and answers with the winner's.
 */
import { Schema, Types, model } from 'mongoose';
import { z } from 'zod';
import { badRequest } from '../errors';
import type { ListingKind } from '../search/outbox';

const creationKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['achievement', 'demand'], required: true },
    org: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    listing: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
// the drafts' cleanup reads the claims of one listing
creationKeySchema.index({ listing: 1 });

export const CreationKey = model('ListingCreationKey', creationKeySchema, 'listing_creation_keys');

/** What a key may look like: a UUID or any 8–100 letters, digits, "-" and "_". */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be 8–100 letters, digits, "-" or "_"');

/** The request's `Idempotency-Key` header, validated; undefined when it sent none. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const r = IdempotencyKey.safeParse(Array.isArray(header) ? header[0] : header);
  if (!r.success) throw badRequest('validation_failed', `Idempotency-Key: ${r.error.issues[0]!.message}`, 'Idempotency-Key');
  return r.data;
}

const isDuplicate = (err: unknown) => (err as { code?: number } | null)?.code === 11000;
const claimId = (kind: ListingKind, org: string, key: string) => `${kind}:${org}:${key}`;

/**
 * Creates a listing once per (kind, organisation, key). `insert` stores the listing and returns its
 * id; `discard` removes a listing that lost the claim. Returns the id of the listing the key stands
 * for and whether this call made it.
 */
export async function createOnce(
  kind: ListingKind,
  org: string,
  key: string | undefined,
  insert: () => Promise<Types.ObjectId>,
  discard: (id: Types.ObjectId) => Promise<void>,
): Promise<{ id: Types.ObjectId; created: boolean }> {
  const _id = claimId(kind, org, key ?? '');
  if (key) {
    const earlier = await CreationKey.findById(_id).lean();
    if (earlier) return { id: earlier.listing, created: false };
  }
  const id = await insert();
  if (!key) return { id, created: true };
  try {
    await CreationKey.create({ _id, kind, org: new Types.ObjectId(org), key, listing: id });
    return { id, created: true };
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const winner = await CreationKey.findById(_id).lean();
    await discard(id);
    if (!winner) throw err;
    return { id: winner.listing, created: false };
  }
}

/** Forgets the keys that created a listing (it was deleted). */
export async function forgetCreationKeys(listing: Types.ObjectId): Promise<void> {
  await CreationKey.deleteMany({ listing });
}
