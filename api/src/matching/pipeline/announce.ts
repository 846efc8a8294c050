// Step 5 of the matcher — announce: each new match is a stored event (`match.created`, its id
// taken from the match's), whose effects — the notifications of both sides — the effects registry
// (events/effects.ts) runs after the caller's answer, stored once per user however often it runs.

import { Types } from 'mongoose';
import type { Effect, Effects, StoredEvent } from '../../events/effects';
import { orgMemberIds, title, type DemandRow } from '../listings';
import type { StoredMatch } from './store';

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

/** Runs the effects of the matches created for one demand; resolves without waiting for them. */
export async function announce(effects: Effects, created: readonly StoredMatch[], demand: Pick<DemandRow, 'org' | 'title'>): Promise<void> {
  for (const match of created) {
    const event: StoredEvent = { id: `match.created:${match.id}`, action: 'match.created', actor: null, at: new Date() };
    await effects.run('match.created', { event, match, demand });
  }
}
