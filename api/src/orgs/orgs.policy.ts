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

/** Only an org admin of that organisation manages it (invitations, the agencies it lets in, deal proposals). */
export function assertCanManageOrg(user: SessionUser, orgId: string): void {
  if (!isOrgAdminOf(user, orgId)) throw forbidden('Only an administrator of this organisation can do this', 'not_org_admin');
}

/**
 * The market-acts policy: acting in the market in an organisation's name — publishing a listing,
 * opening a deal, any broker power — needs membership of an organisation the platform verified
 * (as technology exchanges require institutional verification before listing or trading). Within a
 * verified organisation every member may act: the org admin decides who is a member (by
 * invitation) and can withdraw any of its listings. Reading and drafting need no verification.
 */
export function assertVerifiedOrg(user: SessionUser, org: Pick<OrgRecord, 'verified'> | null, act: string): void {
  if (!user.orgId || !org) throw forbidden(`You must belong to an organisation to ${act}`, 'no_organisation');
  if (!org.verified)
    throw forbidden(`Your organisation has not been verified by the platform yet, so it cannot ${act}`, 'org_not_verified');
}

/** Publishing listings (the market-acts policy). Listing services call this before any publish transition. */
export function assertCanPublish(user: SessionUser, org: Pick<OrgRecord, 'verified'> | null): void {
  assertVerifiedOrg(user, org, 'publish');
}
