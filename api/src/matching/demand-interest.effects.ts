// What each stored event of a supplier's interest in a demand causes outside the database: the
// other side's notifications, run by the effects registry after the caller's answer and stored once
// per user however often they run (keyed by the event id).

import type { Effect, Effects, StoredEvent } from '../events/effects';
import { orgMemberIds } from './listings';
import { declineText } from './interest.effects';

type Text = { zh: string; en: string };

export interface DemandInterestCreated {
  event: StoredEvent;
  interestId: string;
  demandId: string;
  demandTitle: Text;
  demandOrg: string;
  /** The supplier's name (suppliers are never anonymous). */
  who: Text;
  /** The achievement it offers, when it named one. */
  achievementTitle: Text | null;
  message: string;
}

export interface DemandInterestAnswered {
  event: StoredEvent;
  interestId: string;
  /** The supplier's user who showed the interest. */
  fromUser: string;
  message: string;
}

export interface DemandInterestDeclined {
  event: StoredEvent;
  interestId: string;
  /** The side that declined; the other side is told. */
  side: 'demand' | 'supplier';
  fromUser: string;
  demandOrg: string;
  reason: string;
  text: string;
}

declare module '../events/effects' {
  interface EffectEvents {
    'demand-interest.created': DemandInterestCreated;
    'demand-interest.answered': DemandInterestAnswered;
    'demand-interest.declined': DemandInterestDeclined;
  }
}

type Action = 'demand-interest.created' | 'demand-interest.answered' | 'demand-interest.declined';

/** An event of a demand interest, identified by the interest and what happened to it (each happens once). */
export const demandInterestEvent = (action: Action, interestId: string, actor: string): StoredEvent => ({
  id: `${action}:${interestId}`,
  action,
  actor,
  at: new Date(),
});

const LINK = (side: 'received' | 'sent') => `/matches?tab=${side}&about=demands`;

/** The notification's body: the demand's title, the offered achievement and the supplier's words. */
function createdBody(e: DemandInterestCreated): Text {
  const part = (lang: 'zh' | 'en') =>
    [
      lang === 'zh' ? `需求：${e.demandTitle.zh}` : `Demand: ${e.demandTitle.en}`,
      e.achievementTitle ? (lang === 'zh' ? `成果：${e.achievementTitle.zh}` : `Achievement: ${e.achievementTitle.en}`) : '',
      e.message ? (lang === 'zh' ? `留言：${e.message}` : `Message: ${e.message}`) : '',
    ]
      .filter(Boolean)
      .join(lang === 'zh' ? '；' : '; ');
  return { zh: part('zh'), en: part('en') };
}

const created = (e: DemandInterestCreated): Effect[] => [
  {
    to: 'notify',
    key: e.event.id,
    users: () => orgMemberIds(e.demandOrg),
    notification: {
      kind: 'demand-interest.new',
      title: { zh: `${e.who.zh}对您的需求感兴趣`, en: `${e.who.en} is interested in your demand` },
      body: createdBody(e),
      link: LINK('received'),
      data: { interestId: e.interestId, demandId: e.demandId },
    },
  },
];

const answered = (e: DemandInterestAnswered): Effect[] => [
  {
    to: 'notify',
    key: e.event.id,
    users: [e.fromUser],
    notification: {
      kind: 'demand-interest.answered',
      title: { zh: '需方回复了您的意向', en: 'The demand side answered your interest' },
      body: { zh: e.message, en: e.message },
      link: LINK('sent'),
      data: { interestId: e.interestId },
    },
  },
];

const declined = (e: DemandInterestDeclined): Effect[] => [
  {
    to: 'notify',
    key: e.event.id,
    users: e.side === 'demand' ? [e.fromUser] : () => orgMemberIds(e.demandOrg),
    notification: {
      kind: 'demand-interest.declined',
      title: { zh: '意向已被婉拒', en: 'An interest was declined' },
      body: declineText(e.reason, e.text),
      link: LINK(e.side === 'demand' ? 'sent' : 'received'),
      data: { interestId: e.interestId, reason: e.reason },
    },
  },
];

/** Registers the demand interest events' effects on the registry (once per registry). */
export function registerDemandInterestEffects(effects: Effects): void {
  if (!effects.has('demand-interest.created')) effects.register('demand-interest.created', created);
  if (!effects.has('demand-interest.answered')) effects.register('demand-interest.answered', answered);
  if (!effects.has('demand-interest.declined')) effects.register('demand-interest.declined', declined);
}
