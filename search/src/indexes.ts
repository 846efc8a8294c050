/**
 * Index definitions for listings and the document shapes the api builds from its models.
 * Documents hold only public listing data: confidential details never enter an index (the types
 * simply have no field for them).
 */
import type { IndexDefinition } from './engine';
import { patentNumberText } from './patents';
import { fieldLabel, type DealMode, type FieldCode, type IpType, type RegionCode } from './taxonomy';

export interface LocalizedText {
  zh?: string;
  en?: string;
}

export type OrgKind = 'university' | 'institute' | 'enterprise' | 'agency';
/** Every status of a listing (the vocabulary; the api's `*.state.ts` say what each allows). */
export const ACHIEVEMENT_STATUSES = ['draft', 'published', 'negotiating', 'transacted', 'withdrawn'] as const;
export type AchievementStatus = (typeof ACHIEVEMENT_STATUSES)[number];
/** `withdrawn`: taken off the market by its owner (may be published again); `closed` is final. */
export const DEMAND_STATUSES = ['draft', 'open', 'in-negotiation', 'closed', 'withdrawn'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export interface PatentRef {
  number: string;
  title: string;
}

/** An achievement (科技成果) as indexed. Money is integer fen; times are epoch milliseconds. */
export interface AchievementDoc {
  id: string;
  orgId: string;
  orgKind: OrgKind;
  title: LocalizedText;
  summary: LocalizedText;
  keywords: string[];
  field: FieldCode;
  region: RegionCode;
  /** Technology readiness level 1–9. */
  trl: number;
  ipType: IpType;
  patents: PatentRef[];
  modes: DealMode[];
  /** Asking price in fen (1 元 = 100 fen); absent when negotiable. */
  askingPrice?: number;
  status: AchievementStatus;
  publishedAt?: number;
  /** English glosses of a listing written in Chinese only (lexicon.ts `englishGloss`). */
  gloss?: string;
}

/** A demand (技术需求) as indexed. `description` is the demand's description {zh, en}. */
export interface DemandDoc {
  id: string;
  orgId: string;
  orgKind: OrgKind;
  title: LocalizedText;
  description: LocalizedText;
  keywords: string[];
  field: FieldCode;
  region: RegionCode;
  modes: DealMode[];
  /** Budget range in fen. */
  budgetMin?: number;
  budgetMax?: number;
  minTrl?: number;
  status: DemandStatus;
  /** English glosses of a demand written in Chinese only (lexicon.ts `englishGloss`). */
  gloss?: string;
  deadline?: number;
  publishedAt?: number;
}

/** Adds the bilingual label of the field code so "新能源" or "New energy" finds listings of that field. */
function withFieldLabel(doc: Record<string, unknown>): Record<string, unknown> {
  const label = typeof doc.field === 'string' ? fieldLabel(doc.field) : undefined;
  return label ? { ...doc, fieldLabel: { zh: label.zh, en: label.en } } : doc;
}

/**
 * The hard constraints of a match as plain range filters (the engine has no "or absent"): an
 * achievement's `priceFloor` is its lowest asking price, 0 when negotiable; a demand's
 * `trlFloor` its minimum TRL (0 when none) and `budgetCeiling` its maximum budget (absent when
 * none: no range on it then). See `constraintFilters` in matcher.ts.
 */
export const PRICE_FLOOR = 'priceFloor';
export const TRL_FLOOR = 'trlFloor';
export const BUDGET_CEILING = 'budgetCeiling';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function deriveAchievement(doc: Record<string, unknown>): Record<string, unknown> {
  const patentNumbers = patentNumberText(doc.patents);
  return { ...withFieldLabel(doc), [PRICE_FLOOR]: num(doc.askingPrice) ?? 0, ...(patentNumbers ? { patentNumbers } : {}) };
}

function deriveDemand(doc: Record<string, unknown>): Record<string, unknown> {
  const ceiling = num(doc.budgetMax);
  return { ...withFieldLabel(doc), [TRL_FLOOR]: num(doc.minTrl) ?? 0, ...(ceiling !== undefined ? { [BUDGET_CEILING]: ceiling } : {}) };
}

export const ACHIEVEMENTS_INDEX = 'achievements';
export const DEMANDS_INDEX = 'demands';

/** What both listing kinds search first, in weight order: titles, keywords, the field's name. */
const LISTING_HEAD: IndexDefinition['searchable'] = [
  { path: 'title.zh', weight: 3 },
  { path: 'title.en', weight: 3 },
  { path: 'keywords', weight: 2 },
  { path: 'fieldLabel.zh', weight: 1.5 },
  { path: 'fieldLabel.en', weight: 1.5 },
];

/** Filters both listing kinds have. */
const LISTING_FILTERS: IndexDefinition['filterable'] = [
  { field: 'status', type: 'keyword' },
  { field: 'field', type: 'keyword' },
  { field: 'region', type: 'keyword' },
  { field: 'modes', type: 'keyword', array: true },
  { field: 'orgKind', type: 'keyword' },
  { field: 'orgId', type: 'keyword' },
  { field: 'publishedAt', type: 'number' },
];

export const achievementsIndex: IndexDefinition = {
  name: ACHIEVEMENTS_INDEX,
  searchable: [
    ...LISTING_HEAD,
    { path: 'summary.zh', weight: 1 },
    { path: 'summary.en', weight: 1 },
    { path: 'patents.title', weight: 1 },
    // Every spelling of its patent numbers (ZL…, CN…, with and without the dot), from `derive`.
    { path: 'patentNumbers', weight: 3 },
    { path: 'gloss', weight: 1 },
  ],
  filterable: [
    ...LISTING_FILTERS,
    { field: 'trl', type: 'number' },
    { field: 'ipType', type: 'keyword' },
    { field: 'askingPrice', type: 'number' },
    { field: PRICE_FLOOR, type: 'number' },
  ],
  sortable: ['publishedAt', 'askingPrice', 'trl'],
  facets: ['status', 'field', 'region', 'trl', 'modes', 'ipType', 'orgKind'],
  derive: deriveAchievement,
};

export const demandsIndex: IndexDefinition = {
  name: DEMANDS_INDEX,
  searchable: [...LISTING_HEAD, { path: 'description.zh', weight: 1 }, { path: 'description.en', weight: 1 }, { path: 'gloss', weight: 1 }],
  filterable: [
    ...LISTING_FILTERS,
    { field: 'budgetMin', type: 'number' },
    { field: 'budgetMax', type: 'number' },
    { field: 'minTrl', type: 'number' },
    { field: 'deadline', type: 'number' },
    { field: TRL_FLOOR, type: 'number' },
    { field: BUDGET_CEILING, type: 'number' },
  ],
  sortable: ['publishedAt', 'budgetMax', 'deadline'],
  facets: ['status', 'field', 'region', 'modes', 'orgKind', 'minTrl'],
  derive: deriveDemand,
};

export const INDEXES: readonly IndexDefinition[] = [achievementsIndex, demandsIndex];
