import type { Types } from 'mongoose';
import type { OrgKind } from '../auth/auth.schemas';
import type { LicenseExclusivity, PatentStatus } from './achievements.schemas';
import type { AchievementStatus } from './achievements.state';

interface Text {
  zh?: string | null;
  en?: string | null;
}
const bi = (t: Text | null | undefined) => ({ zh: t?.zh ?? '', en: t?.en ?? '' });

/** What a listing shows of its organisation (populated or just an id). */
export interface OrgRef {
  _id: Types.ObjectId | string;
  kind?: string;
  name?: Text | null;
  region?: string;
  verified?: boolean;
}

/** Public summary of an organisation attached to a listing. */
export function presentOrgRef(org: unknown) {
  if (!org || typeof org !== 'object' || !('name' in org)) return { id: String((org as OrgRef | null)?._id ?? org) };
  const o = org as OrgRef;
  return { id: String(o._id), kind: (o.kind ?? null) as OrgKind | null, name: bi(o.name), region: o.region ?? null, verified: !!o.verified };
}

export interface AchievementLike {
  _id: unknown;
  org: unknown;
  title?: Text | null;
  summary?: Text | null;
  details?: Text | null;
  ndaTerms?: Text | null;
  ndaVersion?: number | null;
  field: string;
  keywords?: string[] | null;
  trl: number;
  ipType: string;
  patents?: { number: string; title?: string | null; status: string; expiry?: Date | null }[] | null;
  modes?: {
    mode: string;
    askingPrice?: number | null;
    minRoyaltyRate?: number | null;
    exclusivity?: string[] | null;
    equity?: { valuation?: number | null; maxSharePct?: number | null } | null;
  }[] | null;
  region: string;
  status: string;
  version?: number | null;
  publishedAt?: Date | null;
  withdrawnAt?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface AchievementView {
  /** Confidential details are included (the presenter's caller checked owner/NDA). */
  showDetails: boolean;
  /** The viewer belongs to the owning organisation. */
  owner: boolean;
  /** The viewer's organisation accepted the current NDA version. */
  ndaAccepted: boolean;
}

const presentModes = (modes: AchievementLike['modes']) =>
  (modes ?? []).map((m) => {
    if (m.mode === 'license')
      return {
        mode: 'license' as const,
        askingPrice: m.askingPrice ?? null,
        minRoyaltyRate: m.minRoyaltyRate ?? null,
        exclusivity: (m.exclusivity?.length ? [...m.exclusivity] : ['non-exclusive']) as LicenseExclusivity[],
      };
    if (m.mode === 'transfer') return { mode: 'transfer' as const, askingPrice: m.askingPrice ?? null };
    return {
      mode: 'equity' as const,
      equity: m.equity ? { valuation: m.equity.valuation ?? 0, maxSharePct: m.equity.maxSharePct ?? 0 } : null,
    };
  });

/** The lowest asking price over the modes that state one (fen), or null when all are negotiable. */
export function lowestAskingPrice(modes: AchievementLike['modes']): number | null {
  const prices = (modes ?? []).map((m) => m.askingPrice).filter((p): p is number => typeof p === 'number');
  return prices.length ? Math.min(...prices) : null;
}

/**
 * The one place that decides what of an achievement leaves the server. `details` is present only
 * when `view.showDetails`; everything else is public.
 */
export function presentAchievement(a: AchievementLike, view: AchievementView = { showDetails: false, owner: false, ndaAccepted: false }) {
  return {
    id: String(a._id),
    org: presentOrgRef(a.org),
    title: bi(a.title),
    summary: bi(a.summary),
    ...(view.showDetails ? { details: bi(a.details) } : {}),
    field: a.field,
    keywords: [...(a.keywords ?? [])],
    trl: a.trl,
    ipType: a.ipType,
    patents: (a.patents ?? []).map((p) => ({ number: p.number, title: p.title ?? '', status: p.status as PatentStatus, expiry: p.expiry ?? null })),
    modes: presentModes(a.modes),
    askingPrice: lowestAskingPrice(a.modes),
    region: a.region,
    status: a.status as AchievementStatus,
    version: a.version ?? 1,
    nda: { version: a.ndaVersion ?? 1, terms: bi(a.ndaTerms), accepted: view.ndaAccepted },
    access: { owner: view.owner, details: view.showDetails },
    publishedAt: a.publishedAt ?? null,
    createdAt: a.createdAt ?? null,
    updatedAt: a.updatedAt ?? null,
  };
}
export type PresentedAchievement = ReturnType<typeof presentAchievement>;
