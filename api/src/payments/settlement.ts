// A payment's consequence for its deal: the payment event in the deal's room (through the deal
// changes runner: message, audit, broadcast, the other side notified) and, once every scheduled
// item is paid, paying → completed in the same write. Once per Stripe event and item: the item
// remembers which events it announced, so a redelivered event announces nothing twice.

import type { DealChanges, NewEvent } from '../deals/deal-changes';
import type { DealLean } from '../deals/deal.model';
import { itemsOf, updateItem } from './payment-items';
import type { PaymentItemLean } from './payment-item.model';

export type PaymentAction = 'payment.succeeded' | 'payment.failed' | 'payment.refunded' | 'payment.review' | 'royalty.reported';

/** What a payment event's room message carries. */
export interface PaymentEventData {
  action: PaymentAction;
  from: null;
  to: null;
  itemKey: string;
  label: { zh: string; en: string };
  amount: number;
  reason?: string;
  period?: string;
}

/** The event data for an item. */
export const paymentEvent = (action: PaymentAction, item: Pick<PaymentItemLean, 'key' | 'label' | 'amount'>, extra: { reason?: string; amount?: number; period?: string } = {}): NewEvent => ({
  kind: 'system',
  action,
  data: {
    action,
    from: null,
    to: null,
    itemKey: item.key,
    label: { zh: item.label?.zh ?? '', en: item.label?.en ?? '' },
    amount: extra.amount ?? item.amount,
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.period ? { period: extra.period } : {}),
  } satisfies PaymentEventData,
});

/** Whether every item the contract scheduled (royalties aside) has been paid. */
export const allScheduledPaid = (items: readonly Pick<PaymentItemLean, 'kind' | 'paidAt'>[]) =>
  items.filter((i) => i.kind !== 'royalty').every((i) => !!i.paidAt);

export class Settlement {
  constructor(private readonly deps: { changes: DealChanges }) {}

  /**
   * Records `event` in the item's deal unless the item already announced `stripeEventId`, completing
   * the deal when this was the last scheduled payment.
   */
  async announce(item: PaymentItemLean, stripeEventId: string, event: NewEvent): Promise<void> {
    if (item.announcedEvents?.includes(stripeEventId)) return;
    const dealId = String(item.deal);
    // The deal event's id comes from the Stripe event's: recorded again, it stores nothing twice.
    const announced: NewEvent = { ...event, id: `stripe:${stripeEventId}:${String(item._id)}` };
    const complete = allScheduledPaid(await itemsOf(dealId));
    await this.deps.changes.changeBySystem(dealId, (d: DealLean) => {
      const events = [announced];
      if (!complete || d.status !== 'paying') return { set: {}, events };
      events.push({ kind: 'system', action: 'deal.transitioned', from: 'paying', to: 'completed', data: { action: 'deal.transitioned', from: 'paying', to: 'completed' } });
      return { set: { status: 'completed', liveKey: `closed:${dealId}` }, guard: { status: 'paying' }, events };
    });
    await updateItem(item._id, (i) => (i.announcedEvents?.includes(stripeEventId) ? null : { $push: { announcedEvents: stripeEventId } }));
  }
}
