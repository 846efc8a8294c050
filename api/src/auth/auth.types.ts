export const ROLES = ['member', 'org-admin', 'broker', 'platform-admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a request knows about its user (loaded per request by passport). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  orgId: string | null;
  roles: Role[];
  locale: 'zh' | 'en';
  /** The user's session epoch when loaded (a password change raises it; older sessions end). */
  sessionEpoch?: number;
}
