// Step 4 of the matcher — store: the chosen pairs become Matches (through the Match collection's
// gateway, `match.repository.ts`), in few round trips whatever their number.

import { Types } from 'mongoose';
import type { Scored } from '../scorer';
import { orgName, orgSummaries, type DemandRow } from '../listings';
import { deleteUntouchedSuggestions, existingMatches, insertNew, pairKey, rescore, type ExistingMatch } from '../match.repository';

/** A scored demand/achievement pair to store. */
export interface Pair {
  demand: DemandRow;
  ach: { id: string; org: string; title: string };
  scored: Scored;
}

/** A stored match as the matcher reports it. */
export interface StoredMatch {
  id: string;
  achievementId: Types.ObjectId;
  achievementTitle: string;
  demandId: Types.ObjectId;
  supplierOrgId: string;
  supplierName: string;
  score: number;
  summary: { zh: string; en: string };
  /** True only for pairs this call inserted. */
  created: boolean;
}

/** The demands' stored matches, read before the engine work so the read overlaps it. */
export const storedMatchesOf = (demands: readonly DemandRow[]) => existingMatches(demands.map((d) => d._id));

/**
 * Stores scored pairs as Matches: one read of the pairs already stored (unless `existing` is
 * given), one unordered insert per 1,000 new pairs, and for pairs already stored an update by
 * `_id` — a fresh score, and fresh reasons unless a broker made the match. Queries by `_id` are the
 * only ones FerretDB's SQLite backend pushes down, so nothing here scans the collection per pair.
 * With `replace`, `existing` holds every stored match of the run's demands, and the auto
 * suggestions nobody acted on that this run no longer proposes are dropped. With `announce`, each
 * new match records in its own insert that its announcement is owed (`announcePending`), cleared
 * once the announce step's effects have run — so a crash in between leaves it to the recovery.
 */
export async function storeMatches(
  pairs: readonly Pair[],
  opts: { existing?: Map<string, ExistingMatch>; replace?: boolean; announce?: boolean } = {},
): Promise<StoredMatch[]> {
  const stored = await upsert(pairs, opts.existing, !!opts.announce);
  if (opts.replace && opts.existing) {
    const kept = new Set(stored.map((m) => pairKey(m.demandId, m.achievementId)));
    const stale = [...opts.existing.values()].filter((m) => m.source === 'auto' && m.status === 'suggested' && !kept.has(pairKey(m.demand, m.achievement)));
    await deleteUntouchedSuggestions(stale.map((m) => m._id));
  }
  return stored;
}

async function upsert(pairs: readonly Pair[], known: Map<string, ExistingMatch> | undefined, announce: boolean): Promise<StoredMatch[]> {
  if (!pairs.length) return [];
  const key = (p: Pair) => pairKey(p.demand._id, p.ach.id);
  const existing = known ?? (await existingMatches(pairs.map((p) => p.demand._id), pairs.map((p) => p.ach.id)));
  const now = new Date();
  const fields = (p: Pair) => ({
    demandOrg: p.demand.org,
    supplierOrg: new Types.ObjectId(p.ach.org),
    score: p.scored.score,
    summary: p.scored.summary,
    computedAt: now,
  });
  const ids = new Map<string, Types.ObjectId>();
  const created = new Set<string>();
  const fresh = pairs.filter((p) => !existing.has(key(p)));
  const docs = fresh.map((p) => ({
    _id: new Types.ObjectId(),
    demand: p.demand._id,
    achievement: new Types.ObjectId(p.ach.id),
    ...fields(p),
    status: 'suggested',
    source: 'auto',
    reasons: p.scored.reasons,
    ...(announce ? { announcePending: true } : {}),
  }));
  const taken = await insertNew(docs);
  fresh.forEach((p, i) => {
    if (taken.has(i)) return;
    ids.set(key(p), docs[i]!._id);
    created.add(key(p));
  });
  const lost = fresh.filter((_, i) => taken.has(i));
  const raced = lost.length ? await existingMatches(lost.map((p) => p.demand._id), lost.map((p) => p.ach.id)) : new Map<string, ExistingMatch>();
  await Promise.all(
    pairs.map(async (p) => {
      const m = existing.get(key(p)) ?? raced.get(key(p));
      if (m && (await rescore(m, fields(p), p.scored.reasons))) ids.set(key(p), m._id);
    }),
  );
  const names = await orgSummaries(pairs.map((p) => p.ach.org));
  return pairs.flatMap((p) => {
    const id = ids.get(key(p));
    if (!id) return [];
    return [
      {
        id: String(id),
        achievementId: new Types.ObjectId(p.ach.id),
        achievementTitle: p.ach.title,
        demandId: p.demand._id,
        supplierOrgId: p.ach.org,
        supplierName: orgName(names.get(p.ach.org)),
        score: p.scored.score,
        summary: p.scored.summary,
        created: created.has(key(p)),
      },
    ];
  });
}
