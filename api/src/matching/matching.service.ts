// Matches as people see them: a page of my organisation's, one by id, each presented with both
// listings (read in one batch per page).

import { trusted } from '../db';
import { notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { canSeeMatch, type BrokerScope } from './matching.policy';
import { presentMatch } from './matching.presenter';
import { findMatch, matchPage, type MatchLean } from './match.repository';
import { matchedListings, orgSummaries } from './listings';

/** Presents matches for a viewer (see `presentMatch`), reading their listings and organisations once. */
export async function presentMatches(matches: MatchLean[], viewer: SessionUser) {
  const [demands, achs] = await matchedListings(
    matches.map((m) => m.demand),
    matches.map((m) => m.achievement),
  );
  const dMap = new Map(demands.map((d) => [String(d._id), d]));
  const aMap = new Map(achs.map((a) => [String(a._id), a]));
  const orgs = await orgSummaries([...demands.map((d) => d.org), ...achs.map((a) => a.org)]);
  return matches.map((m) => presentMatch(m, viewer, { demand: dMap.get(String(m.demand)), achievement: aMap.get(String(m.achievement)), orgs }));
}

/** My organisation's matches, as buyer (side=demand) or supplier (side=supply); best first. */
export async function listMatches(
  user: SessionUser,
  q: { side: 'demand' | 'supply'; demandId?: string; achievementId?: string; status?: string; page: number; pageSize: number },
) {
  if (!user.orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const filter: Record<string, unknown> = q.side === 'demand' ? { demandOrg: user.orgId } : { supplierOrg: user.orgId };
  if (q.demandId) filter.demand = q.demandId;
  if (q.achievementId) filter.achievement = q.achievementId;
  if (q.status) filter.status = q.status;
  else filter.status = trusted({ $ne: 'dismissed' });
  const { items, total } = await matchPage(filter, q);
  return { items: await presentMatches(items, user), total, page: q.page, pageSize: q.pageSize };
}

/** One match, for its two sides, brokers of either side and platform admins. */
export async function getMatch(user: SessionUser, id: string, scope: BrokerScope | null = null) {
  const m = await findMatch(id);
  if (!m || !canSeeMatch(user, m, scope)) throw notFound('Match');
  return (await presentMatches([m], user))[0]!;
}
