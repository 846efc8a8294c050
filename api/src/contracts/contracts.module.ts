import type { EventBus, AppEvents } from '../events/bus';
import type { Logger } from '../logger';
import type { DealChanges } from '../deals/deal-changes';
import { ContractsService } from './contracts.service';
import type { OnContracted } from './contract.signing';

export type { OnContracted };

/** The contracts domain, built once by the composition root. */
export interface ContractServices {
  contracts: ContractsService;
  /** Stops reacting to agreed deals and waits for the generations under way. */
  stop: () => Promise<void>;
}

/**
 * Builds the contracts domain on the deals' change runner. A deal's contract is generated when
 * the deal's `agreed` transition is broadcast (after it is stored, also on a late flush at boot),
 * on its first read, and by the boot-time recovery — the unique index on the deal makes it once.
 */
export function createContractServices(deps: { changes: DealChanges; bus: EventBus<AppEvents>; logger?: Logger; onContracted?: OnContracted }): ContractServices {
  const contracts = new ContractsService(deps);
  const inFlight = new Set<Promise<unknown>>();
  const off = deps.bus.on('room:deal', ({ dealId, event, payload }) => {
    if (event !== 'deal:transitioned' || (payload as { to?: string }).to !== 'agreed') return;
    const p = contracts
      .generateFor(dealId)
      .catch((err) => deps.logger?.warn({ err, dealId }, 'contract generation failed; it is generated on first read'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  });
  return {
    contracts,
    stop: async () => {
      off();
      await Promise.all([...inFlight]);
    },
  };
}
