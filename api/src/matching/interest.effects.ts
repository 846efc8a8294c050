// What each stored interest event causes outside the database: the notifications of the other
// side, run by the effects registry (events/effects.ts) after the caller's answer and stored once
// per user however often they run (keyed by the event id).

import type { Effect, Effects, StoredEvent } from '../events/effects';
import { orgMemberIds } from './listings';
import type { DeclineReason } from './matching.constants';

type Text = { zh: string; en: string };

/** Each structured decline reason as a sentence (the notification reads it, not its code). */
export const DECLINE_REASON_TEXT: Record<DeclineReason, Text> = {
  'too-early': { zh: '时机尚早，暂不推进', en: 'It is too early to go ahead' },
  price: { zh: '价格不合适', en: 'The price does not fit' },
  'scope-mismatch': { zh: '技术范围不匹配', en: 'The scope does not match' },
  'ip-status': { zh: '知识产权状态不符合要求', en: 'The IP status does not meet the requirements' },
  'already-solved': { zh: '问题已经解决', en: 'The problem is already solved' },
  other: { zh: '其他原因', en: 'Another reason' },
};

/** The reason's sentence, with the decliner's own words after it when they gave some. */
export function declineText(reason: string, text: string): Text {
  const r = DECLINE_REASON_TEXT[reason as DeclineReason] ?? DECLINE_REASON_TEXT.other;
  return text ? { zh: `${r.zh}：${text}`, en: `${r.en}: ${text}` } : r;
}

export interface InterestCreated {
  event: StoredEvent;
  interestId: string;
  achievementId: string;
  achievementTitle: Text;
  supplierOrg: string;
  /** Who showed interest, as the supplier may know them (anonymous or the organisation's name). */
  who: Text;
  /** The buyer's own words (may be empty). */
  message?: string;
}

export interface InterestAnswered {
  event: StoredEvent;
  interestId: string;
  /** The buyer who showed the interest. */
  fromUser: string;
  message: string;
}

export interface InterestDeclined {
  event: StoredEvent;
  interestId: string;
  /** The side that declined; the other side is told. */
  side: 'buyer' | 'supplier';
  fromUser: string;
  supplierOrg: string;
  reason: string;
  text: string;
}

declare module '../events/effects' {
  interface EffectEvents {
    'interest.created': InterestCreated;
    'interest.answered': InterestAnswered;
    'interest.declined': InterestDeclined;
  }
}

/** An event of an interest, identified by the interest and what happened to it (each happens once). */
export const interestEvent = (action: 'interest.created' | 'interest.answered' | 'interest.declined', interestId: string, actor: string): StoredEvent => ({
  id: `${action}:${interestId}`,
  action,
  actor,
  at: new Date(),
});

const created = (e: InterestCreated): Effect[] => [
  {
    to: 'notify',
    key: e.event.id,
    users: () => orgMemberIds(e.supplierOrg),
    notification: {
      kind: 'interest.new',
      title: { zh: `${e.who.zh}对您的成果感兴趣`, en: `${e.who.en} is interested in your achievement` },
      body: e.message
        ? { zh: `成果：${e.achievementTitle.zh}；留言：${e.message}`, en: `Achievement: ${e.achievementTitle.en}; message: ${e.message}` }
        : e.achievementTitle,
      link: `/interests/${e.interestId}`,
      data: { interestId: e.interestId, achievementId: e.achievementId },
    },
  },
];

const answered = (e: InterestAnswered): Effect[] => [
  {
    to: 'notify',
    key: e.event.id,
    users: [e.fromUser],
    notification: {
      kind: 'interest.answered',
      title: { zh: '供方回复了您的意向', en: 'The supplier answered your interest' },
      body: { zh: e.message, en: e.message },
      link: `/interests/${e.interestId}`,
      data: { interestId: e.interestId },
    },
  },
];

const declined = (e: InterestDeclined): Effect[] => [
  {
    to: 'notify',
    key: e.event.id,
    users: e.side === 'supplier' ? [e.fromUser] : () => orgMemberIds(e.supplierOrg),
    notification: {
      kind: 'interest.declined',
      title: { zh: '意向已被婉拒', en: 'An interest was declined' },
      body: declineText(e.reason, e.text),
      link: `/interests/${e.interestId}`,
      data: { interestId: e.interestId, reason: e.reason },
    },
  },
];

/** Registers the interest events' effects on the registry (once per registry). */
export function registerInterestEffects(effects: Effects): void {
  if (!effects.has('interest.created')) effects.register('interest.created', created);
  if (!effects.has('interest.answered')) effects.register('interest.answered', answered);
  if (!effects.has('interest.declined')) effects.register('interest.declined', declined);
}
