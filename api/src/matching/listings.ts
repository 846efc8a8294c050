// What the matching domain reads of other domains' collections — listings and organisations — in
// one place. Reads only: the matcher never writes a listing or an organisation.

import { Types } from 'mongoose';
import { trusted } from '../db';
import { findByIds, populateRefs } from '../store/store';
import { Org } from '../orgs/org.model';
import { User } from '../auth/user.model';
import { Achievement } from '../achievements/achievement.model';
import { DEALABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { Demand } from '../demands/demand.model';

export type Id = Types.ObjectId | string;
export const findDemand = (id: Id) => Demand.findById(id).lean();
export const findAchievement = (id: Id) => Achievement.findById(id).lean();
export type DemandRow = NonNullable<Awaited<ReturnType<typeof findDemand>>>;
export type AchievementRow = NonNullable<Awaited<ReturnType<typeof findAchievement>>>;

type Text = { zh?: string | null; en?: string | null };
export interface OrgSummary {
  kind: string;
  name: Text;
}

const oids = (ids: readonly unknown[]) => ids.map((i) => new Types.ObjectId(String(i)));

/** A bilingual title as one string (Chinese first). */
export const title = (t: Text | null | undefined) => t?.zh || t?.en || '';
/** An organisation's name as one string (Chinese first). */
export const orgName = (o: { name?: Text | null } | null | undefined) => o?.name?.zh || o?.name?.en || '';

/** Kinds and names of organisations, by id (one read). */
export async function orgSummaries(ids: readonly unknown[]): Promise<Map<string, OrgSummary>> {
  const orgs = await findByIds<{ _id: Types.ObjectId; kind: string; name?: Text }>(Org as never, oids(ids), { projection: { kind: 1, name: 1 } });
  return new Map(orgs.map((o) => [String(o._id), { kind: o.kind, name: o.name ?? {} }]));
}

/** The open demands among `ids` (one read). */
export function openDemandsByIds(ids: readonly string[]): Promise<DemandRow[]> {
  return findByIds<DemandRow>(Demand as never, oids(ids), { filter: { status: 'open' } });
}

/** Each open demand's id, for a cursor over all of them. */
export function openDemandIds(): AsyncIterable<{ _id: Types.ObjectId }> {
  return Demand.find({ status: 'open' }, { _id: 1 }).lean().cursor();
}

/** The owning organisation of each achievement among `ids` that exists. */
export async function achievementOrgs(ids: readonly string[]): Promise<Map<string, string>> {
  const rows = ids.length ? await findByIds<{ _id: Types.ObjectId; org: Types.ObjectId }>(Achievement as never, oids(ids), { projection: { org: 1 } }) : [];
  return new Map(rows.map((r) => [String(r._id), String(r.org)]));
}

/** Status and index flag of the achievements among `ids`. */
export function achievementStates(ids: readonly string[]): Promise<{ _id: Types.ObjectId; status: string; indexDirty?: boolean }[]> {
  return findByIds(Achievement as never, oids(ids), { projection: { status: 1, indexDirty: 1 } });
}

/** The achievements among `ids` that are not published (ids only). */
export async function unpublishedAmong(ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await findByIds<{ _id: Types.ObjectId }>(Achievement as never, oids(ids), {
    filter: { status: trusted({ $ne: 'published' }) },
    projection: { _id: 1 },
  });
  return rows.map((a) => String(a._id));
}

/** Ids of unpublished achievements whose index entry is not yet confirmed, at most `limit` + 1 of them. */
export async function dirtyUnpublishedAchievements(limit: number): Promise<string[]> {
  const rows = await Achievement.find({ indexDirty: true, status: trusted({ $ne: 'published' }) }, { _id: 1 }).limit(limit + 1).lean();
  return rows.map((a) => String(a._id));
}

/** The demands and achievements a page of matches refers to, with the fields a match shows. */
export function matchedListings(demandIds: readonly unknown[], achievementIds: readonly unknown[]): Promise<[DemandRow[], AchievementRow[]]> {
  return Promise.all([
    findByIds<DemandRow>(Demand as never, demandIds as Types.ObjectId[], {
      projection: { title: 1, field: 1, budgetMin: 1, budgetMax: 1, minTrl: 1, modes: 1, region: 1, anonymous: 1, revealedTo: 1, status: 1, org: 1 },
    }),
    findByIds<AchievementRow>(Achievement as never, achievementIds as Types.ObjectId[], {
      projection: { title: 1, summary: 1, field: 1, trl: 1, modes: 1, region: 1, status: 1, org: 1 },
    }),
  ]);
}

/** Ids of every member of an organisation (the audience of org-level notifications). */
export async function orgMemberIds(orgId: string | Types.ObjectId): Promise<string[]> {
  const users = await User.find({ org: orgId }, { _id: 1 }).lean();
  return users.map((u) => String(u._id));
}

/** The organisation that owns a listing (null when there is no such listing). */
export async function listingOrg(kind: 'achievement' | 'demand', id: string): Promise<string | null> {
  const row = kind === 'demand' ? await Demand.findById(id, { org: 1 }).lean() : await Achievement.findById(id, { org: 1 }).lean();
  return row ? String(row.org) : null;
}

/** An achievement others may show interest in (published or under negotiation), if `id` is one. */
export function interestableAchievement(id: string) {
  const oid = Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
  return Achievement.findOne({ _id: oid, status: trusted({ $in: DEALABLE_ACHIEVEMENT_STATUSES }) }).lean();
}

/** Whether a demand is anonymous, and to which organisations it was revealed. */
export const demandAnonymity = (id: Id) => Demand.findById(id, { anonymous: 1, revealedTo: 1 }).lean();

/** An organisation's name. */
export const orgNameOf = (id: Id) => Org.findById(id, { name: 1 }).lean();

/**
 * Fills interest rows' `achievement` with its title, `fromOrg` with its name and kind and `demand`
 * with its anonymity (one read each).
 */
export async function withAchievementAndOrg<T extends object>(rows: T[]): Promise<T[]> {
  await populateRefs(rows, 'achievement', Achievement as never, 'title');
  await populateRefs(rows, 'demand', Demand as never, 'anonymous revealedTo');
  return populateRefs(rows, 'fromOrg', Org as never, 'name kind');
}
