// Near misses, on the demand owner's request: achievements on the demand's subject that break one of
// its hard constraints (minimum TRL, deal modes, maximum budget), shown apart from its matches and
// marked with what they break. Computed on each request; never stored, never notified.

import { notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import type { Matcher } from './matcher';
import { findDemand, orgSummaries } from './listings';

export const NEAR_MISS_LIMIT = 10;

/** The near misses of one of my organisation's demands (a platform admin may read any). */
export async function listNearMisses(matcher: Matcher, user: SessionUser, demandId: string) {
  const demand = await findDemand(demandId);
  if (!demand || (String(demand.org) !== user.orgId && !isPlatformAdmin(user))) throw notFound('Demand');
  const misses = await matcher.nearMisses(demand, NEAR_MISS_LIMIT);
  const orgs = await orgSummaries(misses.map((m) => m.item.doc.orgId));
  return {
    demandId: String(demand._id),
    items: misses.map(({ item, scored, breaks }) => ({
      achievement: {
        id: item.id,
        title: item.doc.title,
        field: item.doc.field,
        trl: item.doc.trl,
        modes: item.doc.modes,
        askingPrice: item.doc.askingPrice ?? null,
        org: { id: item.doc.orgId, name: { zh: orgs.get(item.doc.orgId)?.name.zh ?? '', en: orgs.get(item.doc.orgId)?.name.en ?? '' } },
      },
      score: scored.score,
      reasons: scored.reasons.map((r) => ({ kind: r.kind, weight: r.weight, text: r.text })),
      summary: scored.summary,
      breaks,
    })),
  };
}
