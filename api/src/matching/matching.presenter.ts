import { Types } from 'mongoose';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import type { MatchLean } from './match.repository';
import type { AchievementRow, DemandRow, OrgSummary } from './listings';
import { sideOf } from './matching.policy';

type Named = { id: string; name: { zh?: string | null; en?: string | null } | null | undefined } | null;

interface InterestLike {
  _id: unknown;
  achievement: unknown;
  supplierOrg: unknown;
  fromOrg: unknown;
  demand?: unknown;
  match?: unknown;
  message?: string | null;
  anonymous?: boolean | null;
  status: string;
  answer?: string | null;
  answeredAt?: Date | null;
  decline?: { reason: string; text?: string | null; side: string; at?: Date | null } | null;
  createdAt?: Date;
}

const idOf = (v: unknown): string => {
  if (v && typeof v === 'object' && '_id' in v) return String((v as { _id: unknown })._id);
  return String(v);
};

/**
 * An interest as one of its two parties sees it (`achievement`, `fromOrg` and `demand` filled in by
 * `withAchievementAndOrg`): the supplier does not learn an anonymous buyer until it is revealed.
 */
export function presentInterest(it: InterestLike, viewer: SessionUser, fromOrg: Named) {
  const viewerIsSupplier = idOf(it.supplierOrg) === viewer.orgId;
  // An interest from an anonymous demand hides the buyer from the supplier until the demand is
  // revealed to it (`demand` filled in with its anonymity, read now rather than when it was sent).
  const d = it.demand && typeof it.demand === 'object' && !(it.demand instanceof Types.ObjectId) ? (it.demand as { anonymous?: boolean | null; revealedTo?: unknown[] | null }) : null;
  const revealed = !!d && (!d.anonymous || (d.revealedTo ?? []).some((o) => String(o) === idOf(it.supplierOrg)));
  const hideBuyer = !!it.anonymous && viewerIsSupplier && !revealed;
  const ach = it.achievement as { _id?: unknown; title?: { zh?: string; en?: string } } | null;
  return {
    id: String(it._id),
    achievementId: idOf(it.achievement),
    achievementTitle: ach && typeof ach === 'object' && 'title' in ach ? { zh: ach.title?.zh ?? '', en: ach.title?.en ?? '' } : null,
    supplierOrgId: idOf(it.supplierOrg),
    fromOrg: hideBuyer ? null : fromOrg ? { id: fromOrg.id, name: { zh: fromOrg.name?.zh ?? '', en: fromOrg.name?.en ?? '' } } : { id: idOf(it.fromOrg), name: null },
    anonymous: !!it.anonymous,
    demandId: it.demand && !hideBuyer ? idOf(it.demand) : null,
    matchId: it.match ? idOf(it.match) : null,
    message: it.message ?? '',
    status: it.status,
    answer: it.answer ?? '',
    answeredAt: it.answeredAt ?? null,
    decline: it.decline ? { reason: it.decline.reason, text: it.decline.text ?? '', side: it.decline.side, at: it.decline.at ?? null } : null,
    createdAt: it.createdAt ?? null,
  };
}

/** What a match shows beside itself: both listings (when still there) and the organisations by id. */
export interface MatchContext {
  demand: DemandRow | undefined;
  achievement: AchievementRow | undefined;
  orgs: ReadonlyMap<string, OrgSummary>;
}

/**
 * A match as a viewer sees it: both listings' public summaries; the buyer's organisation is hidden
 * from others while its demand is anonymous (unless revealed to the viewer's org).
 */
export function presentMatch(m: MatchLean, viewer: SessionUser, ctx: MatchContext) {
  const { demand: d, achievement: a } = ctx;
  const nameOf = (org: unknown) => ctx.orgs.get(String(org))?.name ?? null;
  const agency = viewer.orgId;
  const buyerVisible =
    !!d && (!d.anonymous || String(d.org) === viewer.orgId || (d.revealedTo ?? []).some((o) => String(o) === viewer.orgId) || isPlatformAdmin(viewer));
  const buyerOrg = d && buyerVisible ? { id: String(d.org), name: nameOf(d.org) } : null;
  return {
    id: String(m._id),
    score: m.score,
    reasons: (m.reasons ?? []).map((r) => ({ kind: r.kind, weight: r.weight, detail: r.detail ?? {}, text: { zh: r.text?.zh ?? '', en: r.text?.en ?? '' } })),
    summary: { zh: m.summary?.zh ?? '', en: m.summary?.en ?? '' },
    source: m.source,
    brokerNote: m.brokerNote ?? '',
    status: m.status,
    decline: m.decline ? { reason: m.decline.reason, text: m.decline.text ?? '', side: m.decline.side } : null,
    pinned: !!agency && (m.pinnedBy ?? []).some((o) => String(o) === agency),
    side: sideOf(viewer, m),
    demand: d
      ? {
          id: String(d._id),
          title: { zh: d.title?.zh ?? '', en: d.title?.en ?? '' },
          field: d.field,
          budgetMin: d.budgetMin ?? null,
          budgetMax: d.budgetMax ?? null,
          minTrl: d.minTrl ?? null,
          modes: d.modes ?? [],
          region: d.region,
          anonymous: !!d.anonymous,
          status: d.status,
          org: buyerOrg,
        }
      : null,
    achievement: a
      ? {
          id: String(a._id),
          title: { zh: a.title?.zh ?? '', en: a.title?.en ?? '' },
          summary: { zh: a.summary?.zh ?? '', en: a.summary?.en ?? '' },
          field: a.field,
          trl: a.trl,
          modes: (a.modes ?? []).map((x) => ({ mode: x.mode, askingPrice: x.askingPrice ?? null })),
          region: a.region,
          status: a.status,
          org: { id: String(a.org), name: nameOf(a.org) },
        }
      : null,
    computedAt: m.computedAt,
    createdAt: m.createdAt,
  };
}

interface DemandInterestLike {
  _id: unknown;
  demand: unknown;
  demandOrg: unknown;
  fromOrg: unknown;
  achievement?: unknown;
  message?: string | null;
  status: string;
  answer?: string | null;
  answeredAt?: Date | null;
  decline?: { reason: string; text?: string | null; side: string; at?: Date | null } | null;
  createdAt?: Date;
}

type Populated = { _id?: unknown; title?: { zh?: string | null; en?: string | null }; name?: { zh?: string | null; en?: string | null }; anonymous?: boolean | null; revealedTo?: unknown[] | null } | null;
const bi = (t: { zh?: string | null; en?: string | null } | undefined) => (t ? { zh: t.zh ?? '', en: t.en ?? '' } : null);
// a filled-in reference (an object read from its collection), not a bare id
const populated = (v: unknown): Populated => (v && typeof v === 'object' && !(v instanceof Types.ObjectId) ? (v as Populated) : null);

/**
 * A supplier's interest in a demand as one of its two parties sees it (rows with `demand`,
 * `achievement`, `fromOrg` and `demandOrg` filled in): the supplier sees the demand's organisation
 * only while the demand is not anonymous or was revealed to it.
 */
export function presentDemandInterest(it: DemandInterestLike, viewer: SessionUser) {
  const side = idOf(it.demandOrg) === viewer.orgId ? 'demand' : 'supplier';
  const d = populated(it.demand);
  const ach = populated(it.achievement);
  const from = populated(it.fromOrg);
  const owner = populated(it.demandOrg);
  const ownerVisible = side === 'demand' || (!!d && (!d.anonymous || (d.revealedTo ?? []).some((o) => String(o) === idOf(it.fromOrg))));
  return {
    id: String(it._id),
    side,
    demandId: idOf(it.demand),
    demandTitle: bi(d?.title),
    demandOrg: ownerVisible ? { id: idOf(it.demandOrg), name: bi(owner?.name ?? undefined) } : null,
    anonymous: !!d?.anonymous,
    fromOrg: { id: idOf(it.fromOrg), name: bi(from?.name ?? undefined) },
    achievement: it.achievement ? { id: idOf(it.achievement), title: bi(ach?.title) } : null,
    message: it.message ?? '',
    status: it.status,
    answer: it.answer ?? '',
    answeredAt: it.answeredAt ?? null,
    decline: it.decline ? { reason: it.decline.reason, text: it.decline.text ?? '', side: it.decline.side, at: it.decline.at ?? null } : null,
    createdAt: it.createdAt ?? null,
  };
}
