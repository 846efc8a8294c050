import type { OfferTerms } from '../deals/deals.schemas';

// The payment schedule a contract states, derived from the agreed terms alone (pure): the same
// terms give the same schedule, in the contract's text and in the payment items issued from it.

export type ScheduleKind = 'deposit' | 'upfront' | 'installment' | 'milestone' | 'cash';

export interface ScheduledPayment {
  /** Stable within the contract: `deposit`, `upfront`, `installment-1`, `milestone-2`, `cash-1`… */
  key: string;
  kind: ScheduleKind;
  label: { zh: string; en: string };
  /** Integer fen. */
  amount: number;
  /** `YYYY-MM-DD`, or null for "on signing" (the deposit and the licence's upfront fee). */
  due: string | null;
}

/** The deposit (定金) as a share of the contract's cash consideration, in basis points (10%). */
export const DEPOSIT_BPS = 1_000;

/**
 * The payments the terms schedule, in order. A deposit (定金, 10% of the cash consideration, rounded
 * down to the fen — within the 20% the Civil Code allows) is due on signing and is credited against
 * the first scheduled payment, which shrinks by as much (and disappears when nothing is left of it),
 * so the schedule always adds up to the consideration exactly. Terms with no cash schedule nothing.
 */
export function paymentSchedule(terms: OfferTerms, depositBps = DEPOSIT_BPS): ScheduledPayment[] {
  const base = basePayments(terms).filter((p) => p.amount > 0);
  const total = base.reduce((s, p) => s + p.amount, 0);
  if (total === 0) return [];
  const deposit = Math.min(Math.floor((total * depositBps) / 10_000), base[0]!.amount);
  if (deposit === 0) return base;
  const [first, ...rest] = base;
  const remainder = { ...first!, amount: first!.amount - deposit };
  return [
    { key: 'deposit', kind: 'deposit', label: { zh: '定金', en: 'Deposit' }, amount: deposit, due: null },
    ...(remainder.amount > 0 ? [remainder] : []),
    ...rest,
  ];
}

function basePayments(terms: OfferTerms): ScheduledPayment[] {
  const numbered = (kind: 'installment' | 'milestone' | 'cash', zh: (n: number) => string, en: string) => (p: { description: string; amount: number; due: string }, i: number): ScheduledPayment => ({
    key: `${kind}-${i + 1}`,
    kind,
    label: { zh: `${zh(i + 1)}：${p.description}`, en: `${en} ${i + 1}: ${p.description}` },
    amount: p.amount,
    due: p.due,
  });
  switch (terms.mode) {
    case 'license':
      return [
        { key: 'upfront', kind: 'upfront', label: { zh: '入门费', en: 'Upfront fee' }, amount: terms.upfrontFee, due: null },
        ...terms.milestones.map(numbered('milestone', (n) => `里程碑付款 ${n}`, 'Milestone')),
      ];
    case 'transfer':
      return terms.paymentSchedule.map(numbered('installment', (n) => `第 ${n} 期付款`, 'Instalment'));
    case 'equity':
      return (terms.cashPayments ?? []).map(numbered('cash', (n) => `现金对价 ${n}`, 'Cash payment'));
  }
}
