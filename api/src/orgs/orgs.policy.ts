import { forbidden } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { OrgRecord } from './org.model';

export const isPlatformAdmin = (user: SessionUser) => user.roles.includes('platform-admin');
export const isOrgAdminOf = (user: SessionUser, orgId: string) =>
  user.orgId === orgId && user.roles.includes('org-admin');
export const isMemberOf = (user: SessionUser, orgId: string | null | undefined) =>
  !!orgId && user.orgId === String(orgId);

/** Only platform admins verify organisations. */
export function assertCanVerifyOrgs(user: SessionUser): void {
  if (!isPlatformAdmin(user)) throw forbidden('Only a platform administrator can verify organisations');
}

/** Only an org admin (of that org) or a platform admin invites people into an organisation. */
export function assertCanInvite(user: SessionUser, orgId: string): void {
  if (!isOrgAdminOf(user, orgId) && !isPlatformAdmin(user))
    throw forbidden('Only an administrator of this organisation can invite members');
}

/**
 * Publishing listings needs membership of a verified organisation. Listing services call this
 * before any publish transition.
 */
export function assertCanPublish(user: SessionUser, org: Pick<OrgRecord, 'verified'> | null): void {
  if (!user.orgId || !org) throw forbidden('You must belong to an organisation to publish', 'no_organisation');
  if (!org.verified)
    throw forbidden('Your organisation has not been verified by the platform yet, so it cannot publish', 'org_not_verified');
}
