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
  title?: Localized;
  body?: Localized;
  link?: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export type DealModeCode = 'license' | 'transfer' | 'equity';

/** An achievement as the search index returns it (public data only). */
export interface AchievementHitDoc {
  id: string;
  orgId: string;
  orgKind?: OrgKind;
  orgName?: Localized;
  title: Localized;
  summary: Localized;
  keywords?: string[];
  field: string;
  region: string;
  trl: number;
  ipType: string;
  modes: DealModeCode[];
  askingPrice?: number | null;
  status?: string;
  publishedAt?: number | string;
}

/** A demand as the search index returns it. */
export interface DemandHitDoc {
  id: string;
  orgId?: string | null;
  orgKind?: OrgKind;
  orgName?: Localized | null;
  anonymous?: boolean;
  title: Localized;
  description: Localized;
  keywords?: string[];
  field: string;
  region: string;
  modes: DealModeCode[];
  budgetMin?: number | null;
  budgetMax?: number | null;
  minTrl?: number | null;
  deadline?: number | string | null;
  status?: string;
  publishedAt?: number | string;
}

export interface SearchHit<T> {
  id: string;
  score: number;
  doc: T;
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
