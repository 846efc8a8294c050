// Offer terms between the API (fen, ISO dates) and the offer composer (万元, dayjs), and how each
// term reads in a summary or a diff.
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type { DealMode, OfferTerms, TermChange } from '@techbridge/api/deals/deals.events';
import { fenToWan, formatWan, wanToFen } from '@techbridge/api/contract';
import type { Lang } from './format';

const MONEY = new Set(['upfrontFee', 'price', 'ipValuation', 'amount', 'registeredCapital']);
const PERCENT = new Set(['royaltyRate', 'equitySharePct']);

export interface Installment {
  description?: string;
  amount?: number | null;
  due?: Dayjs | null;
}

export interface OfferFormValues {
  exclusivity?: 'exclusive' | 'sole' | 'non-exclusive';
  territory?: string;
  fieldOfUse?: string;
  termYears?: number | null;
  upfrontFee?: number | null;
  royaltyRate?: number | null;
  milestones?: Installment[];
  /** Equity: cash paid beside the share. */
  cashPayments?: Installment[];
  price?: number | null;
  paymentSchedule?: Installment[];
  ipValuation?: number | null;
  equitySharePct?: number | null;
  companyName?: string;
  registeredCapital?: number | null;
  vestingTotalMonths?: number | null;
  vestingCliffMonths?: number | null;
  vestingNote?: string;
  note?: string;
}

const fen = (wan: number | null | undefined) => (typeof wan === 'number' && Number.isFinite(wan) ? wanToFen(wan) : undefined);
const installments = (list: Installment[] | undefined) =>
  (list ?? []).map((m) => ({ description: (m.description ?? '').trim(), amount: fen(m.amount), due: m.due ? m.due.format('YYYY-MM-DD') : undefined }));

/** Composer values → the `terms` of the `offer:create` room command. */
export function formToTerms(mode: DealMode, v: OfferFormValues): Record<string, unknown> {
  if (mode === 'license')
    return {
      mode,
      exclusivity: v.exclusivity,
      territory: (v.territory ?? '').trim(),
      fieldOfUse: (v.fieldOfUse ?? '').trim(),
      termYears: v.termYears ?? undefined,
      upfrontFee: fen(v.upfrontFee),
      royaltyRate: v.royaltyRate ?? undefined,
      milestones: installments(v.milestones),
    };
  if (mode === 'transfer') return { mode, price: fen(v.price), paymentSchedule: installments(v.paymentSchedule) };
  return {
    mode,
    ipValuation: fen(v.ipValuation),
    equitySharePct: v.equitySharePct ?? undefined,
    company: { name: (v.companyName ?? '').trim(), ...(v.registeredCapital != null ? { registeredCapital: fen(v.registeredCapital) } : {}) },
    vesting: {
      totalMonths: v.vestingTotalMonths ?? 0,
      cliffMonths: v.vestingCliffMonths ?? 0,
      ...(v.vestingNote?.trim() ? { note: v.vestingNote.trim() } : {}),
    },
    cashPayments: installments(v.cashPayments),
  };
}

const toInstallments = (list: { description: string; amount: number; due: string }[]) =>
  list.map((m) => ({ description: m.description, amount: fenToWan(m.amount), due: dayjs(m.due) }));

/** Stored terms → composer values (a counter-offer starts from the current offer). */
export function termsToForm(terms: OfferTerms): OfferFormValues {
  if (terms.mode === 'license')
    return {
      exclusivity: terms.exclusivity,
      territory: terms.territory,
      fieldOfUse: terms.fieldOfUse,
      termYears: terms.termYears,
      upfrontFee: fenToWan(terms.upfrontFee),
      royaltyRate: terms.royaltyRate,
      milestones: toInstallments(terms.milestones ?? []),
    };
  if (terms.mode === 'transfer') return { price: fenToWan(terms.price), paymentSchedule: toInstallments(terms.paymentSchedule) };
  return {
    ipValuation: fenToWan(terms.ipValuation),
    equitySharePct: terms.equitySharePct,
    companyName: terms.company.name,
    registeredCapital: terms.company.registeredCapital != null ? fenToWan(terms.company.registeredCapital) : null,
    vestingTotalMonths: terms.vesting.totalMonths,
    vestingCliffMonths: terms.vesting.cliffMonths,
    vestingNote: terms.vesting.note ?? '',
    cashPayments: toInstallments(terms.cashPayments ?? []),
  };
}

/** A schema path under `terms` → the composer field. */
export function offerFieldPath(p: (string | number)[]): (string | number)[] | null {
  const [head, ...rest] = p;
  if (head === 'note') return ['note'];
  if (head !== 'terms') return null;
  const [k, i, sub] = rest;
  if (k === 'company') return i === 'registeredCapital' ? ['registeredCapital'] : ['companyName'];
  if (k === 'vesting') return [i === 'cliffMonths' ? 'vestingCliffMonths' : i === 'note' ? 'vestingNote' : 'vestingTotalMonths'];
  if ((k === 'milestones' || k === 'paymentSchedule' || k === 'cashPayments') && typeof i === 'number') return [k, i, sub ?? 'description'];
  return k === undefined ? null : [k];
}

/** How a term is called: `milestones.1.amount` → "里程碑 2 · 金额". */
export function termLabel(t: TFunction, path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (/^\d+$/.test(p)) out[out.length - 1] = `${out[out.length - 1]} ${Number(p) + 1}`;
    else out.push(t(`offer.fields.${p}`, { defaultValue: p }));
  }
  return out.join(' · ');
}

/** How a term's value reads. */
export function termValue(t: TFunction, path: string, value: unknown, lang: Lang): string {
  const key = path.split('.').pop() ?? '';
  if (value === undefined || value === null || value === '') return '—';
  if (MONEY.has(key) && typeof value === 'number') return formatWan(value, lang);
  if (PERCENT.has(key) && typeof value === 'number') return `${value}%`;
  if (key === 'exclusivity' && typeof value === 'string') return t(`terms.exclusivityKinds.${value}`);
  if (key === 'termYears' && typeof value === 'number') return t('offer.years', { n: value });
  if ((key === 'totalMonths' || key === 'cliffMonths') && typeof value === 'number') return t('offer.months', { n: value });
  if (typeof value === 'object') {
    const o = value as { description?: string; amount?: number; due?: string; name?: string };
    if (o.amount !== undefined) return `${o.description ?? ''} ${formatWan(o.amount, lang)}${o.due ? ` (${o.due})` : ''}`.trim();
    if (o.name !== undefined) return o.name;
    return JSON.stringify(value);
  }
  return String(value);
}

/** The main lines of an offer, in order, for a summary. */
export function termLines(t: TFunction, terms: OfferTerms, lang: Lang): { label: string; value: string; path: string }[] {
  const line = (path: string, value: unknown) => ({ path, label: termLabel(t, path), value: termValue(t, path, value, lang) });
  if (terms.mode === 'license')
    return [
      line('exclusivity', terms.exclusivity),
      line('territory', terms.territory),
      line('fieldOfUse', terms.fieldOfUse),
      line('termYears', terms.termYears),
      line('upfrontFee', terms.upfrontFee),
      line('royaltyRate', terms.royaltyRate),
      ...(terms.milestones ?? []).map((m, i) => line(`milestones.${i}`, m)),
    ];
  if (terms.mode === 'transfer') return [line('price', terms.price), ...terms.paymentSchedule.map((m, i) => line(`paymentSchedule.${i}`, m))];
  return [
    line('ipValuation', terms.ipValuation),
    line('equitySharePct', terms.equitySharePct),
    line('company.name', terms.company.name),
    ...(terms.company.registeredCapital != null ? [line('company.registeredCapital', terms.company.registeredCapital)] : []),
    line('vesting.totalMonths', terms.vesting.totalMonths),
    line('vesting.cliffMonths', terms.vesting.cliffMonths),
    ...(terms.cashPayments ?? []).map((m, i) => line(`cashPayments.${i}`, m)),
  ];
}

/** Whether a summary line changed in `changes` (itself or anything under it). */
export const changedIn = (changes: TermChange[] | null | undefined, path: string) =>
  !!changes?.some((c) => c.path === path || c.path.startsWith(`${path}.`));
