import type { SessionUser } from '../auth/auth.types';

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

/** An interest as one of its two parties sees it: the supplier does not learn an anonymous buyer. */
export function presentInterest(it: InterestLike, viewer: SessionUser, fromOrg: Named) {
  const viewerIsSupplier = idOf(it.supplierOrg) === viewer.orgId;
  const hideBuyer = !!it.anonymous && viewerIsSupplier;
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
