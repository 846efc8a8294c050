import { createHash } from 'node:crypto';
import { fieldLabel, ipTypeLabel, regionLabel } from '@techbridge/search/taxonomy';
import type { DealMode, OfferTerms } from '../deals/deals.schemas';
import { paymentSchedule } from './schedule';
import { CATEGORIES, REGISTRATION_TYPES, contractCategory, registrationType, sideRoles } from './contract.category';

// The contract's canonical content: a plain JSON object computed from the deal, its agreed offer,
// the parties, the achievement and the particulars, and nothing else (pure — the same inputs give
// the same object and the same hash). The PDF and the app render it; signatures sign its hash.

export interface PartyInput {
  id: string;
  name: { zh: string; en: string };
  region: string;
  creditCode: string | null;
}

export interface ParticularsInput {
  dispute: { method: 'arbitration' | 'court'; venue: string };
  confidentialityYears: number;
}

export interface ContentInput {
  dealId: string;
  mode: DealMode;
  offerVersion: number;
  terms: OfferTerms;
  supplier: PartyInput;
  buyer: PartyInput;
  broker: PartyInput | null;
  achievement: {
    id: string;
    title: { zh: string; en: string };
    field: string;
    ipType: string;
    patents: { number: string; title?: string | null; status: string; expiry?: Date | string | null }[];
  };
  particulars: ParticularsInput;
}

/** The particulars a new contract starts with (the parties may change them before signing). */
export const DEFAULT_PARTICULARS: ParticularsInput = {
  dispute: { method: 'arbitration', venue: '中国国际经济贸易仲裁委员会' },
  confidentialityYears: 5,
};

const label = (l: { zh: string; en: string } | undefined, code: string) => ({ code, zh: l?.zh ?? code, en: l?.en ?? code });
const day = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** The consideration the contract states, in fen: what is paid in cash, plus the IP's valuation for a contribution. */
export function contractAmount(terms: OfferTerms): number {
  const sum = (xs: { amount: number }[] | undefined) => (xs ?? []).reduce((s, x) => s + x.amount, 0);
  switch (terms.mode) {
    case 'license':
      return terms.upfrontFee + sum(terms.milestones);
    case 'transfer':
      return terms.price;
    case 'equity':
      return terms.ipValuation + sum(terms.cashPayments);
  }
}

function party(p: PartyInput, role: { zh: string; en: string }) {
  return { orgId: p.id, role, name: { zh: p.name.zh, en: p.name.en }, region: label(regionLabel(p.region), p.region), creditCode: p.creditCode };
}

/** The canonical content of a contract. */
export function buildContent(input: ContentInput) {
  const category = contractCategory(input.mode, input.achievement.ipType);
  const roles = sideRoles(input.mode);
  const reg = registrationType(input.mode);
  return {
    category: { code: category, ...CATEGORIES[category] },
    registrationType: { code: reg, ...REGISTRATION_TYPES[reg] },
    dealId: input.dealId,
    mode: input.mode,
    offerVersion: input.offerVersion,
    parties: {
      supplier: party(input.supplier, roles.supplier),
      buyer: party(input.buyer, roles.buyer),
      broker: input.broker ? party(input.broker, { zh: '居间方', en: 'Broker' }) : null,
    },
    achievement: {
      id: input.achievement.id,
      title: { zh: input.achievement.title.zh, en: input.achievement.title.en },
      field: label(fieldLabel(input.achievement.field), input.achievement.field),
      ipType: label(ipTypeLabel(input.achievement.ipType), input.achievement.ipType),
      patents: input.achievement.patents.map((p) => ({ number: p.number, title: p.title ?? '', status: p.status, expiry: day(p.expiry) })),
    },
    terms: input.terms,
    amount: contractAmount(input.terms),
    paymentSchedule: paymentSchedule(input.terms),
    confidentiality: { years: input.particulars.confidentialityYears },
    dispute: { method: input.particulars.dispute.method, venue: input.particulars.dispute.venue },
  };
}
export type ContractContent = ReturnType<typeof buildContent>;

/** JSON with every object's keys in sorted order (arrays keep theirs), undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The sha-256 (hex) of the content's canonical JSON: what the PDF prints and the signers sign. */
export const contentHash = (content: unknown) => createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
