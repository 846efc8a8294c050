// Step 2 of the matcher — rank: every candidate re-scored (`scorer.ts`), cut at the bar and
// ordered best first (`ranking.ts`, the code bench:match and seed's evaluation measure). Pure: no
// database, no engine.

import type { AchievementDoc } from '@techbridge/search';
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
  const ranked = rank(live, (x) => scoreCandidate(toDemandDoc(x.demand, 'enterprise'), achievement, relative(x.hit.score)), limit);
  return ranked.map((x) => ({ demand: x.item.demand, scored: x.scored }));
}
