import type { SearchEngine } from '@techbridge/search';
import { appBus } from '../events/bus';
import { Effects } from '../events/effects';
import { notifyUsers } from '../notifications/notifications.service';
import { createMatcher, livenessFor, type LivenessSource, type Matcher } from './matcher';
import { InterestsService } from './interests.service';

/** The matching domain's services, built once by the composition root. */
export interface MatchingServices {
  /** The matcher pipeline (candidates → rank → live check → store → announce). */
  matcher: Matcher;
  interests: InterestsService;
}

/**
 * Builds the matching domain on the given effects registry (its match and interest events'
 * effects are registered there). `liveness`: see `LivenessSource` — `livenessFor(search)` for an
 * engine this process alone feeds.
 */
export function createMatchingServices(deps: { search: SearchEngine; liveness: LivenessSource; effects: Effects }): MatchingServices {
  return {
    matcher: createMatcher(deps),
    interests: new InterestsService({ effects: deps.effects }),
  };
}

/**
 * The matching domain outside the composition root's graph — liveness from the engine's kind,
 * effects on a registry of its own over the process's event bus. Only `MatchQueue`'s default
 * runner uses it (every caller in server.ts and the tests passes the composed matcher's
 * `matchListing`); it goes when that default does.
 */
export function standaloneMatching(search: SearchEngine): MatchingServices {
  const effects = new Effects({ bus: appBus, notify: (users, input, o) => notifyUsers(users, input, o) });
  return createMatchingServices({ search, liveness: livenessFor(search), effects });
}
