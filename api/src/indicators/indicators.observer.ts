// Which records each stored event (or told change) touches, for the indicators' rollup: the
// observer the composition root adds to the effects registry (events/effects.ts).

import type { EventObserver } from '../events/effects';
import type { IndicatorsService, IndicatorsTouch } from './indicators.service';

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The records an event touches (none for events that change no figure). */
export function touchesOf(action: string, input: unknown): IndicatorsTouch[] {
  const i = (input ?? {}) as Record<string, unknown>;
  // Every deal event (deal.*, offer.*, contract.*) and the payment events recorded in the deal.
  const deal = i.deal as { _id?: unknown; achievement?: unknown } | undefined;
  if (deal?._id && deal.achievement) return [{ kind: 'deal', deal: str(deal._id), achievement: str(deal.achievement) }];
  switch (action) {
    case 'match.created': {
      const m = i.match as { id?: string } | undefined;
      return m?.id ? [{ kind: 'match', ids: [m.id] }] : [];
    }
    case 'match.stored':
      return [{ kind: 'match', ids: ((i.ids as unknown[]) ?? []).map(str) }];
    case 'interest.created':
      return i.interestId ? [{ kind: 'interest', id: str(i.interestId) }] : [];
    case 'listing.written':
      return i.kind === 'achievement' ? [{ kind: 'achievement', id: str(i.id) }] : i.kind === 'demand' ? [{ kind: 'demand', id: str(i.id) }] : [];
    default:
      return [];
  }
}

/** The observer: each touched record's facts computed again in the background. */
export const indicatorsObserver =
  (indicators: IndicatorsService): EventObserver =>
  (action, input) => {
    for (const t of touchesOf(action, input)) indicators.schedule(t);
  };
