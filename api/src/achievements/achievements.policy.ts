import { forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isMemberOf } from '../orgs/orgs.policy';
import { PUBLIC_ACHIEVEMENT_STATUSES } from './achievements.state';

export { PUBLIC_ACHIEVEMENT_STATUSES, SEARCHABLE_ACHIEVEMENT_STATUSES, EDITABLE_ACHIEVEMENT_STATUSES } from './achievements.state';

interface Owned {
  org: unknown;
  status: string;
}

const ownerId = (l: Owned) => String((l.org as { _id?: unknown })?._id ?? l.org);

/** True when the viewer belongs to the organisation that owns the listing. */
export const isOwner = (viewer: SessionUser | null | undefined, l: Owned) => !!viewer && isMemberOf(viewer, ownerId(l));

/** Drafts and withdrawn listings exist only for their own organisation: everyone else gets a 404. */
export function assertCanView(viewer: SessionUser | null | undefined, l: Owned): void {
  if ((PUBLIC_ACHIEVEMENT_STATUSES as readonly string[]).includes(l.status)) return;
  if (!isOwner(viewer, l)) throw notFound('Achievement');
}

/** Only members of the owning organisation change a listing (call after assertCanView). */
export function assertCanEdit(viewer: SessionUser, l: Owned): void {
  if (!isOwner(viewer, l)) throw forbidden('Only members of the organisation that owns this listing can change it');
}

/**
 * Confidential details: the owner's members, and members of an organisation that accepted the
 * listing's current NDA version. Anonymous viewers and search never see them.
 */
export function canSeeDetails(viewer: SessionUser | null | undefined, l: Owned, acceptedCurrentNda: boolean): boolean {
  if (!viewer) return false;
  return isOwner(viewer, l) || (!!viewer.orgId && acceptedCurrentNda);
}

/** Accepting an NDA needs an organisation other than the owner. */
export function assertCanAcceptNda(viewer: SessionUser, l: Owned): void {
  if (!viewer.orgId) throw forbidden('You must belong to an organisation to accept an NDA', 'no_organisation');
  if (isOwner(viewer, l)) throw forbidden('Your own organisation already sees the details', 'own_listing');
}
