// From a signed contract to payment items: `onContracted` (the contracts service's hook once both
// sides signed) issues the contract's schedule as items and moves the deal contracted → paying, or
// → completed when the contract schedules no money. The same run at boot finishes what a crash
// between signing and issuing left.

import type { Logger } from '../logger';
import { Deal, type DealLean } from '../deals/deal.model';
import type { DealChanges, NewEvent } from '../deals/deal-changes';
import type { OfferTerms } from '../deals/deals.schemas';
import { paymentSchedule, type ScheduledPayment } from '../contracts/schedule';
import { feesFor, type FeePolicy } from './fees';
import { issueItems } from './payment-items';

/** The signed contract of a deal as payments need it: the terms it states and its hash. */
export interface SignedContract {
  hash: string | null;
  terms: OfferTerms;
  /** The payment schedule the contract states (derived from `terms` when absent). */
  schedule?: ScheduledPayment[];
}

/** The deal's agreed terms (the offer version both sides accepted), or null. */
export function agreedTerms(deal: Pick<DealLean, 'offers' | 'agreedOfferVersion'>): OfferTerms | null {
  const offer = deal.offers.find((o) => o.version === deal.agreedOfferVersion);
  return offer ? (offer.terms as OfferTerms) : null;
}

/** Thrown inside a plan when the deal moved on meanwhile: nothing to do. */
class AlreadyMoved extends Error {}

export class PaymentIssuing {
  constructor(
    private readonly deps: {
      changes: DealChanges;
      fees: FeePolicy;
      logger: Logger;
      /** The deal's signed contract (the contracts domain); by default the agreed offer, no hash. */
      contractOf?: (dealId: string) => Promise<SignedContract | null>;
    },
  ) {}

  /** Issues the signed contract's payment items and moves the deal on (idempotent). */
  async onContracted(dealId: string): Promise<void> {
    const deal = await Deal.findById(dealId).lean<DealLean>();
    if (!deal || deal.status !== 'contracted') return;
    const contract = (await this.deps.contractOf?.(dealId)) ?? null;
    const terms = contract?.terms ?? agreedTerms(deal);
    if (!terms) {
      this.deps.logger.error({ dealId }, 'contracted deal without agreed terms: no payment items issued');
      return;
    }
    const schedule = contract?.schedule ?? paymentSchedule(terms);
    const brokered = !!deal.brokerOrg;
    await issueItems(
      deal._id,
      contract?.hash ?? null,
      schedule.map((p) => ({ ...p, fees: feesFor(p.amount, this.deps.fees, brokered) })),
    );
    const to = schedule.length ? 'paying' : 'completed';
    try {
      await this.deps.changes.changeBySystem(dealId, (d) => {
        if (d.status !== 'contracted') throw new AlreadyMoved();
        const event: NewEvent = { kind: 'system', action: 'deal.transitioned', from: 'contracted', to, data: { action: 'deal.transitioned', from: 'contracted', to, items: schedule.length } };
        return { set: { status: to, ...(to === 'completed' ? { liveKey: `closed:${dealId}` } : {}) }, guard: { status: 'contracted' }, events: [event] };
      });
    } catch (err) {
      if (!(err instanceof AlreadyMoved)) throw err;
    }
  }

  /** Issues the items of every deal a crash left `contracted` (run at boot); the number of deals. */
  async recover(): Promise<number> {
    const stuck = await Deal.find({ status: 'contracted' }, { _id: 1 }).lean();
    for (const d of stuck) {
      await this.onContracted(String(d._id)).catch((err: unknown) => this.deps.logger.error({ err, dealId: String(d._id) }, 'issuing payment items failed'));
    }
    return stuck.length;
  }
}
