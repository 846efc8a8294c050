// Step 2 of the matcher — rank: every candidate re-scored (`scorer.ts`), cut at the bar and
// ordered best first (`ranking.ts`, the code bench:match and seed's evaluation measure). Pure: no
// database, no engine.

import { constraintBreaks, type AchievementDoc } from '@techbridge/search';
import { rank, rankAchievements, relativeTo, type Ranked } from '../ranking';
import { scoreCandidate, toDemandDoc, type Scored } from '../scorer';
import type { DemandRow } from '../listings';
import type { AchievementHit, DemandCandidates, DemandHit } from './candidates';

/** A demand's candidates that pass the bar, best first (all of them: the live check takes the best live ones). */
export interface DemandRanking {
  demand: DemandRow;
  ranked: Ranked<AchievementHit>[];
}

/** Ranks a demand's candidates. */
export function rankForDemand(c: DemandCandidates): DemandRanking {
  return { demand: c.demand, ranked: rankAchievements(c.doc, c.hits, c.fetched) };
}

/** A live candidate demand for an achievement: its row (the database's) and the engine's hit. */
export interface LiveDemand {
  demand: DemandRow;
  hit: DemandHit;
}

/** The best demands for an achievement, at most `limit`, with their scores. */
export function rankForAchievement(achievement: AchievementDoc, live: readonly LiveDemand[], limit?: number): { demand: DemandRow; scored: Scored }[] {
  const relative = relativeTo(live.map((x) => x.hit));
  const docs = new Map(live.map((x) => [x, toDemandDoc(x.demand, 'enterprise')]));
  // The stored demand's constraints, not the (possibly older) index's: it may have been edited since.
  const within = live.filter((x) => constraintBreaks(docs.get(x)!, achievement).length === 0);
  const ranked = rank(within, (x) => scoreCandidate(docs.get(x)!, achievement, relative(x.hit.score)), limit);
  return ranked.map((x) => ({ demand: x.item.demand, scored: x.scored }));
}
