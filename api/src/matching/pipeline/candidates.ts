// Step 1 of the matcher — candidates: what the search engine proposes for a listing (text plus
// hard filters), not yet re-scored, with the listing's own organisation left out.

import type { AchievementDoc, DemandDoc, QueryOptions, SearchEngine, SearchHit } from '@techbridge/search';
import { achievementCandidates, demandCandidates } from '../ranking';
import { toAchievementDoc, toDemandDoc } from '../scorer';
import { achievementOrgs, type AchievementRow, type DemandRow, type OrgSummary } from '../listings';

export type AchievementHit = SearchHit<AchievementDoc>;
export type DemandHit = SearchHit<DemandDoc>;

/** A demand's candidate achievements. */
export interface DemandCandidates {
  demand: DemandRow;
  /** The demand as the scorer sees it. */
  doc: DemandDoc;
  /** The engine's hits, other organisations' only. */
  hits: AchievementHit[];
  /** How many hits the engine gave (the rank keeps up to this many). */
  fetched: number;
}

/** An achievement's candidate demands (the engine's hits, before the live check reads their rows). */
export interface AchievementCandidates {
  achievement: AchievementRow;
  doc: AchievementDoc;
  hits: DemandHit[];
}

const HEX_ID = /^[0-9a-f]{24}$/i;

/**
 * The engine's documents are not trusted for ids: a hit whose organisation id is not an ObjectId
 * (an index written by an older or foreign process) gets it from the database, or is dropped when
 * the achievement is gone — one bad document never fails the whole run.
 */
async function withStoredOrgIds<H extends { id: string; doc: { orgId?: string } }>(hits: H[]): Promise<H[]> {
  const bad = hits.filter((h) => !HEX_ID.test(String(h.doc.orgId)));
  if (!bad.length) return hits;
  const orgOf = await achievementOrgs([...new Set(bad.map((h) => h.id))].filter((id) => HEX_ID.test(id)));
  return hits.flatMap((h) => {
    if (HEX_ID.test(String(h.doc.orgId))) return [h];
    const org = orgOf.get(h.id);
    return org ? [{ ...h, doc: { ...h.doc, orgId: org } }] : [];
  });
}

/**
 * Candidates for each demand, one engine query after the other; `orgs` holds the demands'
 * organisations. `unconstrained`: without the hard filters (near misses).
 */
export async function candidatesForDemands(
  engine: SearchEngine,
  demands: readonly DemandRow[],
  orgs: Map<string, OrgSummary>,
  options: QueryOptions = {},
): Promise<DemandCandidates[]> {
  const out: DemandCandidates[] = [];
  for (const demand of demands) {
    const doc = toDemandDoc(demand, orgs.get(String(demand.org))?.kind ?? 'enterprise');
    const hits = await withStoredOrgIds(await achievementCandidates(engine, doc, options));
    out.push({ demand, doc, hits: hits.filter((h) => h.doc.orgId !== String(demand.org)), fetched: hits.length });
  }
  return out;
}

/** Candidates for one achievement; `orgs` holds its organisation. */
export async function candidatesForAchievement(engine: SearchEngine, achievement: AchievementRow, orgs: Map<string, OrgSummary>): Promise<AchievementCandidates> {
  const doc = toAchievementDoc(achievement, orgs.get(String(achievement.org))?.kind ?? 'university');
  return { achievement, doc, hits: await demandCandidates(engine, doc) };
}
