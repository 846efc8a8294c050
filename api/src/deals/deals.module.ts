import type { Effects } from '../events/effects';
import { DealChanges } from './deal-changes';
import { registerDealEffects } from './deal.effects';
import { DealsService } from './deals.service';
import { OffersService } from './offers.service';
import { RoomService, RoomStates } from './room.service';

/** The deals domain's services, built once by the composition root. */
export interface DealServices {
  /** The deal changes runner (writes, outbox flush, boot-time recovery). */
  changes: DealChanges;
  deals: DealsService;
  offers: OffersService;
  room: RoomService;
}

/**
 * Builds the deals domain on the given effects registry (its events' effects are registered
 * there). `shared`: other API processes change deals too (REDIS_URL), so cached room states expire.
 */
export function createDealServices(deps: { effects: Effects; shared: boolean }): DealServices {
  registerDealEffects(deps.effects);
  const states = new RoomStates({ shared: deps.shared });
  const changes = new DealChanges({ effects: deps.effects, onDeal: (d) => states.remember(d) });
  return {
    changes,
    deals: new DealsService({ changes }),
    offers: new OffersService({ changes }),
    room: new RoomService({ changes, states, effects: deps.effects }),
  };
}
