/**
 * Shapes of the demo data. Plain data, no database types: a loader maps these onto the api
 * models. Keys (`key`, `orgKey`, `brokerUserKey`) are stable, human-readable references between
 * records so a loader can resolve them to ids and tests can name a record.
 */
import type { DealMode, FieldCode, IpType, RegionCode } from '../../search/src/taxonomy';
import type { DemoDeal } from './deals';

export type { DealMode, FieldCode, IpType, RegionCode };

/** A bilingual text. Chinese is the platform default, English the second language. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type OrgKind = 'university' | 'institute' | 'enterprise' | 'agency';

export interface DemoOrg {
  key: string;
  kind: OrgKind;
  name: Bilingual;
  region: RegionCode;
  city?: Bilingual;
  verified: boolean;
  description?: Bilingual;
  /** 统一社会信用代码 (invented, with a valid GB 32100 check character). */
  creditCode?: string;
}

export type UserRole = 'member' | 'org-admin' | 'broker' | 'platform-admin';

export interface DemoUser {
  key: string;
  email: string;
  /** Plain-text demo password; the loader hashes it. Documented in seed/README.md. */
  password: string;
  name: string;
  /** The user's organisation; null only for the platform operator's admin, who belongs to none. */
  orgKey: string | null;
  roles: UserRole[];
  locale: 'zh' | 'en';
}

export type PatentStatus = 'pending' | 'granted' | 'expired';

export interface DemoPatent {
  /** `CN202310123456.7` / `202310123456.7` while pending, `ZL202310123456.7` once granted. */
  number: string;
  title: string;
  status: PatentStatus;
  /** ISO date (YYYY-MM-DD) the term ends (for a pending application: would end if granted). */
  expiry: string;
}

export interface DemoModeTerms {
  mode: DealMode;
  /** fen: upfront fee for a license, the price for a transfer. */
  askingPrice?: number;
  /** Minimum running royalty in percent of net sales (license only). */
  minRoyaltyRate?: number;
  equity?: { valuation: number; maxSharePct: number };
}

export type Trl = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface DemoAchievement {
  key: string;
  orgKey: string;
  title: Bilingual;
  /** Public abstract. */
  summary: Bilingual;
  /** Confidential: shown only after the viewer's org accepted the NDA. */
  details: Bilingual;
  field: FieldCode;
  keywords: string[];
  trl: Trl;
  ipType: IpType;
  patents: DemoPatent[];
  modes: DemoModeTerms[];
  region: RegionCode;
  status: 'published' | 'draft';
}

export interface DemoDemand {
  key: string;
  orgKey: string;
  title: Bilingual;
  description: Bilingual;
  field: FieldCode;
  keywords: string[];
  /** fen */
  budgetMin: number;
  /** fen */
  budgetMax: number;
  /** ISO date */
  deadline: string;
  modes: DealMode[];
  minTrl: Trl;
  region: RegionCode;
  anonymous: boolean;
  status: 'open' | 'draft';
}

export interface DemoBrokerPortfolio {
  brokerUserKey: string;
  orgKeys: string[];
}

export interface DemoData {
  orgs: DemoOrg[];
  users: DemoUser[];
  achievements: DemoAchievement[];
  demands: DemoDemand[];
  portfolios: DemoBrokerPortfolio[];
  /** Deals across 2025–2026 at every stage (deals.ts). */
  deals: DemoDeal[];
}
