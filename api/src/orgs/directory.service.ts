import { Types } from 'mongoose';
import { trusted } from '../db';
import type { SessionUser } from '../auth/auth.types';
import { countWhere, findPage, populateRefs } from '../store/store';
import { Achievement } from '../achievements/achievement.model';
import { presentAchievement } from '../achievements/achievements.presenter';
import { isOwner, PUBLIC_ACHIEVEMENT_STATUSES } from '../achievements/achievements.policy';
import { Demand } from '../demands/demand.model';
import { PUBLIC_DEMAND_STATUSES } from '../demands/demands.policy';
import { demandView } from '../demands/demands.service';
import { Org } from './org.model';
import { getOrg } from './orgs.service';
import { presentOrgCard } from './orgs.presenter';
import type { DirectoryQuery } from './orgs.schemas';

type OrgRow = Parameters<typeof presentOrgCard>[0];
type AchievementRow = Parameters<typeof presentAchievement>[0];
type DemandRow = Parameters<typeof demandView>[1];

const ORG_FIELDS = 'name kind region verified';
const withOrgs = <R extends object>(rows: R[]) => populateRefs(rows, 'org', Org as never, ORG_FIELDS);

/** A user's words as a case-insensitive literal pattern (never as a regular expression of theirs). */
const literal = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

/** The public directory: organisations by name, kind and region, verified ones first, then newest. */
export async function listDirectory(q: DirectoryQuery) {
  const filter: Record<string, unknown> = {};
  if (q.kind) filter.kind = q.kind;
  if (q.region) filter.region = q.region;
  if (q.verified) filter.verified = true;
  if (q.q) filter.$or = [{ 'name.zh': trusted({ $regex: literal(q.q) }) }, { 'name.en': trusted({ $regex: literal(q.q) }) }];
  const [items, total] = await Promise.all([
    findPage<OrgRow>(Org as never, filter, { sort: { verified: -1, createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(Org as never, filter),
  ]);
  return { items: items.map(presentOrgCard), total, page: q.page, pageSize: q.pageSize };
}

/** An organisation's public profile. */
export async function orgProfile(id: string) {
  return presentOrgCard((await getOrg(id)) as OrgRow);
}

/** An organisation's public achievements (published, in negotiation, transacted), newest first. */
export async function orgAchievements(viewer: SessionUser | null | undefined, orgId: string, q: { page: number; pageSize: number }) {
  await getOrg(orgId);
  const filter = { org: new Types.ObjectId(orgId), status: trusted({ $in: [...PUBLIC_ACHIEVEMENT_STATUSES] }) };
  const [items, total] = await Promise.all([
    findPage<AchievementRow>(Achievement as never, filter, {
      sort: { updatedAt: -1, _id: -1 },
      skip: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
      projection: { details: 0 },
    }).then(withOrgs),
    countWhere(Achievement as never, filter),
  ]);
  return {
    items: items.map((a) => presentAchievement(a, { owner: isOwner(viewer, a), ndaAccepted: false, showDetails: false })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** An organisation's public demands, anonymous ones left out (they do not name it), newest first. */
export async function orgDemands(viewer: SessionUser | null | undefined, orgId: string, q: { page: number; pageSize: number }) {
  await getOrg(orgId);
  const filter = { org: new Types.ObjectId(orgId), anonymous: false, status: trusted({ $in: [...PUBLIC_DEMAND_STATUSES] }) };
  const [items, total] = await Promise.all([
    findPage<DemandRow>(Demand as never, filter, { sort: { updatedAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }).then(withOrgs),
    countWhere(Demand as never, filter),
  ]);
  return { items: items.map((d) => demandView(viewer, d)), total, page: q.page, pageSize: q.pageSize };
}
