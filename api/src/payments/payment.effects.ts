// What a stored payment event causes (run by the deal flush, like every deal event): its room
// message to everyone in the room, and a notification to the side it concerns, keyed by the event.

import type { Types } from 'mongoose';
import { findByField } from '../store/store';
import { User } from '../auth/user.model';
import { toRoom, type Effect, type Effects } from '../events/effects';
import type { DealEventInput } from '../deals/deal.effects';
import type { DealLean } from '../deals/deal.model';
import { presentMessage } from '../deals/deals.presenter';
import type { PaymentAction, PaymentEventData } from './settlement';

declare module '../events/effects' {
  interface EffectEvents {
    'payment.succeeded': DealEventInput;
    'payment.failed': DealEventInput;
    'payment.refunded': DealEventInput;
    'payment.review': DealEventInput;
    'royalty.reported': DealEventInput;
  }
}

export const PAYMENT_ACTIONS: readonly PaymentAction[] = ['payment.succeeded', 'payment.failed', 'payment.refunded', 'payment.review', 'royalty.reported'];

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Who hears of each event, and what they read. */
const NOTICE: Record<PaymentAction, { to: (d: DealLean) => (Types.ObjectId | null | undefined)[]; title: { zh: string; en: string }; body: (e: PaymentEventData) => { zh: string; en: string } }> = {
  'payment.succeeded': {
    to: (d) => [d.supplierOrg, d.brokerOrg],
    title: { zh: '收到付款', en: 'Payment received' },
    body: (e) => ({ zh: `「${e.label.zh}」已付款 ¥${yuan(e.amount)}`, en: `"${e.label.en}" paid: CNY ${yuan(e.amount)}` }),
  },
  'payment.failed': {
    to: (d) => [d.buyerOrg],
    title: { zh: '付款未成功', en: 'Payment failed' },
    body: (e) => ({ zh: `「${e.label.zh}」付款未成功：${e.reason ?? ''}`, en: `"${e.label.en}" was not paid: ${e.reason ?? ''}` }),
  },
  'payment.refunded': {
    to: (d) => [d.buyerOrg, d.brokerOrg],
    title: { zh: '已退款', en: 'Refunded' },
    body: (e) => ({ zh: `「${e.label.zh}」退款 ¥${yuan(e.amount)}`, en: `"${e.label.en}" refunded: CNY ${yuan(e.amount)}` }),
  },
  'payment.review': {
    to: (d) => [d.supplierOrg, d.buyerOrg],
    title: { zh: '付款待核查', en: 'Payment held for review' },
    body: (e) => ({ zh: `「${e.label.zh}」的付款金额与应付不符，待平台核查`, en: `The payment for "${e.label.en}" does not match what is due; the platform reviews it` }),
  },
  'royalty.reported': {
    to: (d) => [d.supplierOrg, d.brokerOrg],
    title: { zh: '新的提成报告', en: 'New royalty report' },
    body: (e) => ({ zh: `${e.period ?? ''} 提成费 ¥${yuan(e.amount)}`, en: `Royalty for ${e.period ?? ''}: CNY ${yuan(e.amount)}` }),
  },
};

function paymentEffects({ event: e, deal, message }: DealEventInput): Effect[] {
  const dealId = String(deal._id);
  const data = e.data as PaymentEventData;
  const notice = NOTICE[e.action as PaymentAction];
  const orgs = notice.to(deal).filter((o): o is Types.ObjectId => !!o);
  return [
    toRoom(dealId, 'message:created', presentMessage(message)),
    {
      to: 'notify',
      key: e.id,
      users: async () => (orgs.length ? (await findByField<{ _id: unknown }>(User as never, 'org', orgs, { projection: { _id: 1 } })).map((m) => String(m._id)) : []),
      notification: { kind: 'payment.update', title: notice.title, body: notice.body(data), link: `/deals/${dealId}`, data: { dealId, itemKey: data.itemKey } },
    },
  ];
}

/** Registers the payment events' effects (the composition root calls it once). */
export function registerPaymentEffects(effects: Effects): void {
  for (const action of PAYMENT_ACTIONS) effects.register(action, paymentEffects);
}
