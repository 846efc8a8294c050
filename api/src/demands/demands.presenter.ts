import { presentOrgRef } from '../achievements/achievements.presenter';
import type { DealMode } from '../deals/deals.schemas';
import type { DemandStatus } from './demands.state';

interface Text {
  zh?: string | null;
  en?: string | null;
}
const bi = (t: Text | null | undefined) => ({ zh: t?.zh ?? '', en: t?.en ?? '' });

export interface DemandLike {
  _id: unknown;
  org: unknown;
  title?: Text | null;
  description?: Text | null;
  field: string;
  keywords?: string[] | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: Date | null;
  modes?: string[] | null;
  minTrl?: number | null;
  region: string;
  anonymous?: boolean | null;
  revealedTo?: unknown[] | null;
  status: string;
  version?: number | null;
  publishedAt?: Date | null;
  closedAt?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface DemandView {
  owner: boolean;
  /** The viewer may know which organisation posted it (not anonymous, owner, or revealed to). */
  showOrg: boolean;
}

/**
 * What of a demand leaves the server. For an anonymous demand the viewer may not identify, `org`
 * is null — no id, no name, no region of the organisation.
 */
export function presentDemand(d: DemandLike, view: DemandView) {
  return {
    id: String(d._id),
    org: view.showOrg ? presentOrgRef(d.org) : null,
    anonymous: !!d.anonymous,
    ...(view.owner ? { revealedTo: (d.revealedTo ?? []).map((o) => String((o as { _id?: unknown })?._id ?? o)) } : {}),
    title: bi(d.title),
    description: bi(d.description),
    field: d.field,
    keywords: [...(d.keywords ?? [])],
    budgetMin: d.budgetMin ?? null,
    budgetMax: d.budgetMax ?? null,
    deadline: d.deadline ?? null,
    modes: [...(d.modes ?? [])] as DealMode[],
    minTrl: d.minTrl ?? null,
    region: d.region,
    status: d.status as DemandStatus,
    version: d.version ?? 1,
    access: { owner: view.owner },
    publishedAt: d.publishedAt ?? null,
    closedAt: d.closedAt ?? null,
    createdAt: d.createdAt ?? null,
    updatedAt: d.updatedAt ?? null,
  };
}
export type PresentedDemand = ReturnType<typeof presentDemand>;
