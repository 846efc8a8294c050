// Step 5 of the matcher — announce: each new match is a stored event (`match.created`, its id
// taken from the match's), whose effects — the notifications of both sides — the effects registry
// (events/effects.ts) runs after the caller's answer, stored once per user however often it runs.
// The store step recorded in each new match's insert that its announcement is owed
// (`announcePending`); it is cleared once the effects have run, and `recoverAnnouncements` (run by
// the background workers' holder) re-runs the effects of matches a crash left owed.

import { Types } from 'mongoose';
import type { Effect, Effects, StoredEvent } from '../../events/effects';
import { announcementsOwed, markAnnounced, type MatchLean } from '../match.repository';
import { matchedListings, orgName, orgMemberIds, orgSummaries, title, type DemandRow } from '../listings';
import type { StoredMatch } from './store';
import { MIN_SCORE, worthShowing } from '../ranking';

/** What a new match's effects are built from. */
export interface MatchCreated {
  event: StoredEvent;
  match: StoredMatch;
  demand: Pick<DemandRow, 'org' | 'title'>;
}

declare module '../../events/effects' {
  interface EffectEvents {
    'match.created': MatchCreated;
  }
}

/** The demand's members hear of the achievement; the supplier's members of the demand, with the score. */
function matchCreatedEffects({ event, match: m, demand }: MatchCreated): Effect[] {
  const pct = Math.round(m.score * 100);
  const link = `/matches/${m.id}`;
  const data = { matchId: m.id, score: m.score };
  return [
    {
      to: 'notify',
      key: `${event.id}:buyer`,
      users: () => orgMemberIds(demand.org),
      notification: { kind: 'match.new', title: { zh: `新匹配：${m.achievementTitle}`, en: `New match: ${m.achievementTitle}` }, body: m.summary, link, data },
    },
    {
      to: 'notify',
      key: `${event.id}:supplier`,
      users: () => orgMemberIds(new Types.ObjectId(m.supplierOrgId)),
      notification: {
        kind: 'match.new',
        title: { zh: `您的成果匹配到需求（${pct}%）`, en: `Your achievement matches a demand (${pct}%)` },
        body: { zh: `${title(demand.title)} — ${m.summary.zh}`, en: `${demand.title?.en || title(demand.title)} — ${m.summary.en}` },
        link,
        data,
      },
    },
  ];
}

/** Registers the matcher's events on the registry (once per registry). */
export function registerMatchEffects(effects: Effects): void {
  if (!effects.has('match.created')) effects.register('match.created', matchCreatedEffects);
}

const matchCreated = (matchId: string, at: Date): StoredEvent => ({ id: `match.created:${matchId}`, action: 'match.created', actor: null, at });

/**
 * Runs the effects of the matches created for one demand; resolves without waiting for them. Each
 * match's owed announcement is cleared once its notifications are stored (at once for one under
 * the bar, which nobody is told of).
 */
export async function announce(effects: Effects, created: readonly StoredMatch[], demand: Pick<DemandRow, 'org' | 'title'>): Promise<void> {
  for (const match of created) {
    // the ranking keeps nothing under the bar; a match a caller stored otherwise is not announced
    if (match.score < MIN_SCORE) {
      await markAnnounced(match.id);
      continue;
    }
    await effects.run('match.created', { event: matchCreated(match.id, new Date()), match, demand }, { settled: () => markAnnounced(match.id) });
  }
}

/**
 * Re-runs the `match.created` effects of matches whose announcement is still owed (a crash came
 * between storing and announcing them) and at least `minAgeMs` old — younger ones are most likely
 * being announced right now. Notifications are keyed by the event, so a match announced twice
 * notifies nobody twice. A match whose demand or achievement is gone is cleared unannounced.
 * Resolves once the effects are planned (`effects.idle()` waits for them); the number of matches.
 */
export async function recoverAnnouncements(effects: Effects, opts: { minAgeMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = Date.now() - (opts.minAgeMs ?? 0);
  const owed = (await announcementsOwed(opts.limit ?? 500)).filter((m) => (m.createdAt?.getTime() ?? 0) <= cutoff);
  if (!owed.length) return 0;
  const [[demands, achievements], orgs] = await Promise.all([
    matchedListings(owed.map((m) => m.demand), owed.map((m) => m.achievement)),
    orgSummaries(owed.map((m) => m.supplierOrg)),
  ]);
  const demandById = new Map(demands.map((d) => [String(d._id), d]));
  const achievementById = new Map(achievements.map((a) => [String(a._id), a]));
  for (const m of owed) {
    const demand = demandById.get(String(m.demand));
    const ach = achievementById.get(String(m.achievement));
    if (!demand || !ach || !worthShowing(m)) {
      await markAnnounced(m._id);
      continue;
    }
    const match = storedMatchOf(m, title(ach.title), orgName(orgs.get(String(m.supplierOrg))));
    await effects.run('match.created', { event: matchCreated(match.id, m.createdAt ?? new Date()), match, demand }, { settled: () => markAnnounced(m._id) });
  }
  return owed.length;
}

/** A stored Match as the announce step knows it. */
function storedMatchOf(m: MatchLean, achievementTitle: string, supplierName: string): StoredMatch {
  return {
    id: String(m._id),
    achievementId: m.achievement,
    achievementTitle,
    demandId: m.demand,
    supplierOrgId: String(m.supplierOrg),
    supplierName,
    score: m.score,
    summary: { zh: m.summary?.zh ?? '', en: m.summary?.en ?? '' },
    created: true,
  };
}
