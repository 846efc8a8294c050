// The Match collection's one gateway: every write of a Match — the matcher's, a decline, an
// interest, a broker's pin or recommendation — goes through here, and other domains ask here
// instead of querying the collection.

import { Types } from 'mongoose';
import { trusted } from '../db';
import { countWhere, deleteByIds, findByField, findPage } from '../store/store';
import { Match, type MatchRecord } from './match.model';
import { MIN_SCORE } from './ranking';

export type MatchLean = MatchRecord & { _id: Types.ObjectId };

/** What the matcher's writer needs to know of a stored match. */
export interface ExistingMatch {
  _id: Types.ObjectId;
  demand: Types.ObjectId;
  achievement: Types.ObjectId;
  source: string;
  status: string;
}

export const pairKey = (demand: unknown, achievement: unknown) => `${String(demand)}:${String(achievement)}`;

/** The stored matches among `demands` × `achievements` (all of the demands' when not given; one query), by pair key. */
export async function existingMatches(demands: readonly unknown[], achievements?: readonly unknown[]): Promise<Map<string, ExistingMatch>> {
  const oids = (ids: readonly unknown[]) => [...new Set(ids.map(String))].map((i) => new Types.ObjectId(i));
  const wanted = achievements ? new Set(achievements.map(String)) : null;
  const rows = await findByField<ExistingMatch>(Match as never, 'demand', oids(demands), { projection: { _id: 1, demand: 1, achievement: 1, source: 1, status: 1 } });
  return new Map(rows.filter((m) => !wanted || wanted.has(String(m.achievement))).map((m) => [pairKey(m.demand, m.achievement), m]));
}

/** Inserts new matches, unordered; returns the indexes that were already there (E11000: another run stored the pair meanwhile). */
export async function insertNew(docs: Record<string, unknown>[]): Promise<Set<number>> {
  const taken = new Set<number>();
  for (let i = 0; i < docs.length; i += 1000) {
    try {
      await Match.insertMany(docs.slice(i, i + 1000), { ordered: false });
    } catch (err) {
      const failed = (err as { writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[] }).writeErrors;
      if (!failed?.length || failed.some((w) => (w.code ?? w.err?.code) !== 11000)) throw err;
      for (const w of failed) taken.add(i + (w.index ?? w.err?.index ?? -1));
    }
  }
  return taken;
}

/**
 * A fresh score for a stored match, in one write guarded by the source read with the pair: auto
 * matches take the fresh reasons, broker-made ones keep the broker's reason first. Neither touches
 * what people set (status, decline), so a re-score cannot drop a decline. A broker who took the
 * pair over meanwhile makes the guard miss; the scores are then written alone. False when the
 * match is gone.
 */
export async function rescore(m: ExistingMatch, fields: Record<string, unknown>, reasons: unknown[]): Promise<boolean> {
  const withReasons = m.source === 'auto' ? { reasons } : {};
  let res = await Match.updateOne({ _id: m._id, source: m.source as 'auto' | 'broker' }, { $set: { ...fields, ...withReasons } });
  if (!res.matchedCount) res = await Match.updateOne({ _id: m._id }, { $set: fields });
  return res.matchedCount > 0;
}

/** Clears a match's owed announcement (its effects ran); a no-op when already cleared. */
export async function markAnnounced(id: string | Types.ObjectId): Promise<void> {
  await Match.updateOne({ _id: new Types.ObjectId(String(id)), announcePending: true }, { $unset: { announcePending: 1 } }, { timestamps: false });
}

/** Matches whose announcement is still owed (oldest first, at most `limit`). */
export function announcementsOwed(limit: number): Promise<MatchLean[]> {
  return Match.find({ announcePending: true }).sort({ _id: 1 }).limit(limit).lean() as Promise<MatchLean[]>;
}

/** Removes auto suggestions nobody acted on (the guard keeps any that changed meanwhile). */
export async function deleteUntouchedSuggestions(ids: Types.ObjectId[]): Promise<void> {
  if (ids.length) await deleteByIds(Match as never, ids, { source: 'auto', status: 'suggested' });
}

/** One match by id (null for a malformed id). */
export async function findMatch(id: string | Types.ObjectId): Promise<MatchLean | null> {
  return Types.ObjectId.isValid(id) ? ((await Match.findById(id).lean()) as MatchLean | null) : null;
}

/**
 * What of the stored matches people see: the matcher's suggestions at MIN_SCORE or above (older
 * ones stored under a lower bar stay hidden), every match someone acted on, and brokers' own.
 */
const SHOWN = () => ({
  $or: [{ source: 'broker' }, { status: trusted({ $in: ['interested', 'converted'] }) }, { score: trusted({ $gte: MIN_SCORE }) }],
});

/** A page of the shown matches (best first) that match the filter, and how many there are. */
export async function matchPage(where: Record<string, unknown>, page: { page: number; pageSize: number }): Promise<{ items: MatchLean[]; total: number }> {
  const filter = { $and: [where, SHOWN()] };
  const [items, total] = await Promise.all([
    findPage<MatchLean>(Match as never, filter, { sort: { score: -1, _id: 1 }, skip: (page.page - 1) * page.pageSize, limit: page.pageSize }),
    countWhere(Match as never, filter),
  ]);
  return { items, total };
}

/** Status and decline of every match of one listing (its feedback). */
export function matchesOfListing(kind: 'achievement' | 'demand', id: Types.ObjectId) {
  return Match.find(kind === 'achievement' ? { achievement: id } : { demand: id }, { status: 1, decline: 1 }).lean();
}

/** The organisations on the other side of a listing's `interested` matches (the demands' for an achievement, the suppliers' for a demand). */
export async function interestedCounterparts(kind: 'achievement' | 'demand', id: string | Types.ObjectId): Promise<string[]> {
  const _id = new Types.ObjectId(String(id));
  const rows = await Match.find(kind === 'achievement' ? { achievement: _id, status: 'interested' } : { demand: _id, status: 'interested' }, { demandOrg: 1, supplierOrg: 1 }).lean();
  return [...new Set(rows.map((m) => String(kind === 'achievement' ? m.demandOrg : m.supplierOrg)))];
}

/** The stored match of a pair, if any, with who made it. */
export function findPair(demand: Types.ObjectId, achievement: Types.ObjectId) {
  return Match.findOne({ demand, achievement }, { source: 1, brokerOrg: 1 }).lean();
}

export interface Decline {
  reason: string;
  text?: string;
  by: string;
  side: 'buyer' | 'supplier';
}

/** Dismisses a suggested or interested match with its decline; null when it is in neither state. */
export async function dismissMatch(id: Types.ObjectId, decline: Decline): Promise<MatchLean | null> {
  return (await Match.findOneAndUpdate(
    { _id: id, status: trusted({ $in: ['suggested', 'interested'] }) },
    { $set: { status: 'dismissed', decline: { ...decline, at: new Date() } } },
    { returnDocument: 'after' },
  ).lean()) as MatchLean | null;
}

/** A suggested match its buyer showed interest in becomes `interested` (others are left as they are). */
export async function markInterested(id: Types.ObjectId): Promise<void> {
  await Match.updateOne({ _id: id, status: 'suggested' }, { $set: { status: 'interested' } });
}

/** Pins, unpins or hides a match for one agency (other agencies' marks are untouched). */
export async function setAgencyMark(id: Types.ObjectId, agency: Types.ObjectId, action: 'pin' | 'unpin' | 'dismiss'): Promise<MatchLean | null> {
  const update =
    action === 'pin' ? { $addToSet: { pinnedBy: agency } } : action === 'unpin' ? { $pull: { pinnedBy: agency } } : { $addToSet: { hiddenBy: agency }, $pull: { pinnedBy: agency } };
  return (await Match.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean()) as MatchLean | null;
}

export interface BrokerMatchInput {
  demand: Types.ObjectId;
  achievement: Types.ObjectId;
  demandOrg: Types.ObjectId;
  supplierOrg: Types.ObjectId;
  agency: string;
  broker: string;
  note: string;
  score: number;
  reasons: unknown[];
  summary: { zh: string; en: string };
}

/**
 * Stores a broker's recommendation of a pair (a new match, or the pair's match taken over).
 * Guarded by the attribution it was checked against: a concurrent claim by another agency makes
 * the filter miss, the upsert's insert then hits the unique (demand, achievement) index — answered
 * as `'taken'`.
 */
export async function upsertBrokerMatch(input: BrokerMatchInput): Promise<MatchLean | 'taken'> {
  try {
    return (await Match.findOneAndUpdate(
      { demand: input.demand, achievement: input.achievement, brokerOrg: trusted({ $in: [null, new Types.ObjectId(input.agency)] }) },
      {
        $set: {
          demandOrg: input.demandOrg,
          supplierOrg: input.supplierOrg,
          score: input.score,
          reasons: input.reasons,
          summary: input.summary,
          source: 'broker',
          brokerOrg: input.agency,
          brokerUser: input.broker,
          brokerNote: input.note,
          computedAt: new Date(),
        },
        $setOnInsert: { status: 'suggested' },
      },
      { upsert: true, returnDocument: 'after' },
    ).lean()) as MatchLean;
  } catch (err) {
    if ((err as { code?: number })?.code === 11000) return 'taken';
    throw err;
  }
}
