/**
 * Search documents built from the models: public listing data only. `details` (confidential) and
 * `ndaTerms` are never read here; an anonymous demand carries no organisation id.
 */
import { englishGloss, type AchievementDoc, type DealMode, type DemandDoc, type FieldCode, type IpType, type OrgKind, type RegionCode } from '@techbridge/search';
import { SEARCHABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.policy';
import { lowestAskingPrice, type AchievementLike } from '../achievements/achievements.presenter';
import { SEARCHABLE_DEMAND_STATUSES } from '../demands/demands.policy';
import type { DemandLike } from '../demands/demands.presenter';

/** An anonymous demand's document: `orgId` is absent, so neither filters nor hits can reveal it. */
export type PublicDemandDoc = Omit<DemandDoc, 'orgId'> & { orgId?: string };

interface OrgInfo {
  _id?: unknown;
  kind?: string | null;
}
const orgOf = (org: unknown): OrgInfo => (org && typeof org === 'object' && 'kind' in org ? (org as OrgInfo) : { _id: org });
const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : undefined);
const text = (t: { zh?: string | null; en?: string | null } | null | undefined) => ({ zh: t?.zh ?? '', en: t?.en ?? '' });

/** Whether the listing belongs in the index at all (others are deleted from it). */
export const achievementSearchable = (status: string) => (SEARCHABLE_ACHIEVEMENT_STATUSES as readonly string[]).includes(status);
export const demandSearchable = (status: string) => (SEARCHABLE_DEMAND_STATUSES as readonly string[]).includes(status);

/** The indexed form of an achievement (its `org` populated with `kind`). */
export function toAchievementDoc(a: AchievementLike): AchievementDoc {
  const org = orgOf(a.org);
  const price = lowestAskingPrice(a.modes);
  const doc: AchievementDoc = {
    id: String(a._id),
    orgId: String(org._id ?? a.org),
    orgKind: (org.kind ?? 'university') as OrgKind,
    title: text(a.title),
    summary: text(a.summary),
    keywords: [...(a.keywords ?? [])],
    field: a.field as FieldCode,
    region: a.region as RegionCode,
    trl: a.trl,
    ipType: a.ipType as IpType,
    patents: (a.patents ?? []).map((p) => ({ number: p.number, title: p.title ?? '' })),
    modes: (a.modes ?? []).map((m) => m.mode as DealMode),
    status: a.status as AchievementDoc['status'],
  };
  if (price !== null) doc.askingPrice = price;
  const published = ms(a.publishedAt);
  if (published !== undefined) doc.publishedAt = published;
  const gloss = englishGloss({ title: doc.title, body: doc.summary, keywords: doc.keywords });
  if (gloss) doc.gloss = gloss;
  return doc;
}

/** The indexed form of a demand; anonymous ones carry the organisation's kind but not its id. */
export function toDemandDoc(d: DemandLike): PublicDemandDoc {
  const org = orgOf(d.org);
  const doc: PublicDemandDoc = {
    id: String(d._id),
    orgKind: (org.kind ?? 'enterprise') as OrgKind,
    title: text(d.title),
    description: text(d.description),
    keywords: [...(d.keywords ?? [])],
    field: d.field as FieldCode,
    region: d.region as RegionCode,
    modes: (d.modes ?? []) as DealMode[],
    status: d.status as DemandDoc['status'],
  };
  if (!d.anonymous) doc.orgId = String(org._id ?? d.org);
  if (d.budgetMin != null) doc.budgetMin = d.budgetMin;
  if (d.budgetMax != null) doc.budgetMax = d.budgetMax;
  // No minimum means any TRL qualifies: indexed as 1 so `minTrl ≤ n` filters keep it.
  doc.minTrl = d.minTrl ?? 1;
  const deadline = ms(d.deadline);
  if (deadline !== undefined) doc.deadline = deadline;
  const published = ms(d.publishedAt);
  if (published !== undefined) doc.publishedAt = published;
  const gloss = englishGloss({ title: doc.title, body: doc.description, keywords: doc.keywords });
  if (gloss) doc.gloss = gloss;
  return doc;
}
