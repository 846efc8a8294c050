// Shapes of what the API answers. Inputs are the zod types from @techbridge/api/schemas.
import type { Localized } from '../lib/format';

export type Role = 'member' | 'org-admin' | 'broker' | 'platform-admin';
export type OrgKind = 'university' | 'institute' | 'enterprise' | 'agency';

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  locale: 'zh' | 'en';
  orgId: string | null;
}

export interface Org {
  id: string;
  kind: OrgKind;
  name: Localized;
  region: string;
  verified: boolean;
  verifiedAt: string | null;
  description?: Localized;
}

export interface MeResponse {
  user: User;
  org: Org | null;
  csrfToken?: string;
}

/** POST /api/auth/register: the same for a new and a taken address. */
export interface RegisterResponse {
  status: 'verification_sent';
  /** Outside production: the page that shows the stored emails. */
  devOutbox?: string;
}

/** GET /api/dev/outbox (development and test only). */
export interface OutboxMessage {
  id: string;
  to: string;
  kind: 'verify-email' | 'registration-attempt' | 'password-changed';
  subject: Localized;
  body: Localized;
  link: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Invitation {
  id: string;
  token: string;
  email: string | null;
  role: 'member' | 'org-admin';
  expiresAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: Localized;
  body: Localized;
  link: string | null;
  data?: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export type DealModeCode = 'license' | 'transfer' | 'equity';

/** A search hit: the listing as the API presents it, with highlighted text (escaped, <mark> only). */
export interface SearchHit<T> {
  id: string;
  score: number;
  listing: T;
  highlights: Record<string, string>;
}

export interface SearchResponse<T> {
  hits: SearchHit<T>[];
  total: number;
  facets: Record<string, Record<string, number>>;
  page: number;
  pageSize: number;
  processingTimeMs?: number;
}

/** A listing's organisation as listings present it. */
export interface OrgRef {
  id: string;
  kind?: OrgKind | null;
  name?: Localized;
  region?: string | null;
  verified?: boolean;
}

export type LicenseExclusivity = 'exclusive' | 'sole' | 'non-exclusive';

export type ModeTerms =
  | { mode: 'license'; askingPrice: number | null; minRoyaltyRate: number | null; exclusivity: LicenseExclusivity[] }
  | { mode: 'transfer'; askingPrice: number | null }
  | { mode: 'equity'; equity: { valuation: number; maxSharePct: number } | null };

export interface Patent {
  number: string;
  title: string;
  status: 'pending' | 'granted' | 'expired';
  expiry: string | null;
}

export type AchievementStatus = 'draft' | 'published' | 'negotiating' | 'transacted' | 'withdrawn';

export interface Achievement {
  id: string;
  org: OrgRef;
  title: Localized;
  summary: Localized;
  details?: Localized;
  field: string;
  keywords: string[];
  trl: number;
  ipType: string;
  patents: Patent[];
  modes: ModeTerms[];
  askingPrice: number | null;
  region: string;
  status: AchievementStatus;
  version: number;
  nda: { version: number; terms: Localized; accepted: boolean };
  access: { owner: boolean; details: boolean };
  publishedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export type DemandStatus = 'draft' | 'open' | 'in-negotiation' | 'closed' | 'withdrawn';

export interface Demand {
  id: string;
  org: OrgRef | null;
  anonymous: boolean;
  revealedTo?: string[];
  title: Localized;
  description: Localized;
  field: string;
  keywords: string[];
  budgetMin: number | null;
  budgetMax: number | null;
  deadline: string | null;
  modes: DealModeCode[];
  minTrl: number | null;
  region: string;
  status: DemandStatus;
  version: number;
  access: { owner: boolean };
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface MatchReason {
  kind: 'keywords' | 'field' | 'mode' | 'budget' | 'trl' | 'region' | string;
  weight: number;
  detail: Record<string, unknown>;
  text: Localized;
}

export interface Match {
  id: string;
  score: number;
  reasons: MatchReason[];
  summary: Localized;
  source: 'auto' | 'broker';
  brokerNote: string;
  status: 'suggested' | 'interested' | 'dismissed' | 'converted';
  decline: { reason: string; text: string; side: string } | null;
  pinned: boolean;
  side: 'buyer' | 'supplier' | null;
  demand: {
    id: string;
    title: Localized;
    field: string;
    budgetMin: number | null;
    budgetMax: number | null;
    minTrl: number | null;
    modes: DealModeCode[];
    region: string;
    anonymous: boolean;
    status: string;
    org: { id: string; name: Localized | null } | null;
  } | null;
  achievement: {
    id: string;
    title: Localized;
    summary: Localized;
    field: string;
    trl: number;
    modes: { mode: DealModeCode; askingPrice: number | null }[];
    region: string;
    status: AchievementStatus;
    org: { id: string; name: Localized | null };
  } | null;
  computedAt: string;
  createdAt: string;
}

export interface Interest {
  id: string;
  achievementId: string;
  achievementTitle: Localized | null;
  supplierOrgId: string;
  fromOrg: { id: string; name: Localized | null } | null;
  anonymous: boolean;
  demandId: string | null;
  matchId: string | null;
  message: string;
  status: 'open' | 'answered' | 'declined';
  answer: string;
  answeredAt: string | null;
  decline: { reason: string; text: string; side: string; at: string | null } | null;
  createdAt: string | null;
}
