import type { SearchEngine } from '@techbridge/search';
import type { Effects } from '../events/effects';
import { createMatcher, type LivenessSource, type Matcher } from './matcher';
import { InterestsService } from './interests.service';
import { DemandInterestsService } from './demand-interests.service';

/** The matching domain's services, built once by the composition root. */
export interface MatchingServices {
  /** The matcher pipeline (candidates → rank → live check → store → announce). */
  matcher: Matcher;
  interests: InterestsService;
  /** Suppliers' interest in demands. */
  demandInterests: DemandInterestsService;
  /** The effects registry the domain's events run through (its observers hear of broker-made matches too). */
  effects: Effects;
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
    demandInterests: new DemandInterestsService({ effects: deps.effects }),
    effects: deps.effects,
  };
}
