// Step 3 of the matcher — live check: the index can lag the database, so only candidates still
// live there are matched. Demands take their best ranked achievements that are not known to be
// gone, the next best replacing one that is; an achievement's candidate demands are read from the
// database (open ones only) — there the check comes before the rank, which scores from those rows.

import { listingsIndexed, onListingWritten, pendingListings } from '../../search/outbox';
import type { Ranked } from '../ranking';
import { achievementStates, dirtyUnpublishedAchievements, openDemandsByIds, unpublishedAmong } from '../listings';
import type { AchievementCandidates, AchievementHit } from './candidates';
import type { DemandRanking, LiveDemand } from './rank';

/**
 * Where the matcher learns which candidates the index still holds as published although they no
 * longer are: `database` asks the achievements collection once per run (right for any number of API
 * processes; an indexed query on MongoDB, a collection scan on FerretDB); `process` asks this
 * process's outbox (api/src/search/outbox.ts) and the database only about the candidates listed
 * there — right when this process's indexer is the only one feeding its engine, i.e. with the
 * embedded engine. Given to the matcher when it is built.
 */
export type LivenessSource = 'process' | 'database';

/** A demand's chosen achievements: live as far as the check knows, best first. */
export interface DemandChoice {
  demand: DemandRanking['demand'];
  chosen: Ranked<AchievementHit>[];
}

/** Above this many unpublished achievements, liveness is asked about the chosen candidates instead. */
const UNPUBLISHED_LIMIT = 50_000;

/**
 * Ids of the achievements the engine may still hold as published although the database does not
 * (null when there are too many to list): not published, and not yet confirmed by the indexer. By
 * the outbox contract every status change sets `indexDirty` in the same write and the flag is
 * cleared only after the engine has the new status, so a clean unpublished listing is already out
 * of the engine's published set. Asking for the dirty ones only keeps the answer a handful of ids
 * — not every listing under negotiation — which matters on FerretDB, where any filter but `_id`
 * is a collection scan whose cost grows with the rows it returns (bench:match, docking).
 */
async function unpublishedAchievements(): Promise<Set<string> | null> {
  const ids = await dirtyUnpublishedAchievements(UNPUBLISHED_LIMIT);
  return ids.length > UNPUBLISHED_LIMIT ? null : new Set(ids);
}

/**
 * The database's word on `ids` (listed as pending by the outbox): those not published are gone;
 * those whose flag is clear are no longer pending.
 */
async function checkPending(ids: string[]): Promise<Set<string>> {
  const rows = await achievementStates(ids);
  const found = new Map(rows.map((r) => [String(r._id), r]));
  listingsIndexed('achievement', rows.filter((r) => !r.indexDirty).map((r) => String(r._id)));
  return new Set(ids.filter((id) => found.get(id)?.status !== 'published'));
}

/**
 * One run's live check of candidate achievements. Started before the engine queries — it watches
 * this process's listing writes from then on, and the database's list of unpublished achievements
 * is read meanwhile (on FerretDB a collection scan, which then overlaps the engine's CPU work) —
 * and `stop`ped when the run ends.
 */
export class AchievementLiveCheck {
  /** An achievement this process writes during the run may have been seen before the write. */
  private written = false;
  private readonly stopWatching: () => void;
  private readonly fromProcess: boolean;
  private readonly unpublished: Promise<Set<string> | null>;

  constructor(liveness: LivenessSource) {
    this.stopWatching = onListingWritten((kind) => {
      if (kind === 'achievement') this.written = true;
    });
    this.fromProcess = liveness === 'process' && pendingListings('achievement') !== null;
    this.unpublished = this.fromProcess ? Promise.resolve(new Set<string>()) : unpublishedAchievements();
    this.unpublished.catch(() => undefined);
  }

  /**
   * Each demand's best `limit` candidates not known to be gone. Known from the outbox (process
   * liveness) or from the database's list of pending unpublished achievements; when this process
   * changed an achievement meanwhile (or the list was too long to read), the chosen ones are asked
   * about by id, one query per round.
   */
  async choose(rankings: readonly DemandRanking[], limit: number): Promise<DemandChoice[]> {
    const runs = rankings.map((r) => ({ demand: r.demand, ranked: r.ranked, next: 0, chosen: [] as Ranked<AchievementHit>[] }));
    const gone = new Set<string>(await this.unpublished);
    const fill = (): string[] => {
      const added: string[] = [];
      for (const r of runs) {
        r.chosen = r.chosen.filter((x) => !gone.has(x.item.id));
        while (r.chosen.length < limit && r.next < r.ranked.length) {
          const x = r.ranked[r.next++]!;
          if (gone.has(x.item.id)) continue;
          r.chosen.push(x);
          added.push(x.item.id);
        }
      }
      return added;
    };
    let unchecked = fill();
    if (this.fromProcess) {
      // Only chosen candidates the outbox lists (written lately, or not yet indexed) are asked
      // about, by id; the next best replace those that are gone. Asked after the engine work, so a
      // listing written meanwhile is listed.
      const checked = new Set<string>();
      for (;;) {
        const listed = pendingListings('achievement') ?? new Set<string>();
        const chosen = runs.flatMap((r) => r.chosen.map((x) => x.item.id));
        const ask = [...new Set(chosen)].filter((id) => listed.has(id) && !checked.has(id));
        if (!ask.length) break;
        for (const id of ask) checked.add(id);
        for (const id of await checkPending(ask)) gone.add(id);
        fill();
      }
    } else if (this.written || !(await this.unpublished)) {
      const checked = new Set<string>();
      while (unchecked.length) {
        const ids = [...new Set(unchecked)].filter((id) => !checked.has(id));
        for (const id of ids) checked.add(id);
        const found = await unpublishedAmong(ids);
        if (!found.length) break;
        for (const id of found) gone.add(id);
        unchecked = fill();
      }
    }
    return runs.map((r) => ({ demand: r.demand, chosen: r.chosen }));
  }

  /** Ends the watch of this process's writes. */
  stop(): void {
    this.stopWatching();
  }
}

/** An achievement's candidate demands that are open in the database and not its own organisation's, with their rows. */
export async function liveDemands(c: AchievementCandidates): Promise<LiveDemand[]> {
  const rows = new Map((await openDemandsByIds(c.hits.map((h) => h.id))).map((d) => [String(d._id), d]));
  return c.hits.flatMap((hit) => {
    const demand = rows.get(hit.id);
    return demand && String(demand.org) !== String(c.achievement.org) ? [{ demand, hit }] : [];
  });
}
