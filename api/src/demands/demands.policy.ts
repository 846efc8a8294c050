import { forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isMemberOf } from '../orgs/orgs.policy';
import { PUBLIC_DEMAND_STATUSES } from './demands.state';

export { PUBLIC_DEMAND_STATUSES, SEARCHABLE_DEMAND_STATUSES, EDITABLE_DEMAND_STATUSES } from './demands.state';

interface Owned {
  org: unknown;
  status: string;
  anonymous?: boolean | null;
  revealedTo?: unknown[] | null;
}

const idOf = (v: unknown) => String((v as { _id?: unknown })?._id ?? v);

export const isDemandOwner = (viewer: SessionUser | null | undefined, d: Owned) => !!viewer && isMemberOf(viewer, idOf(d.org));

/** Drafts and withdrawn demands exist only for their own organisation (404 for everyone else). */
export function assertCanViewDemand(viewer: SessionUser | null | undefined, d: Owned): void {
  if ((PUBLIC_DEMAND_STATUSES as readonly string[]).includes(d.status)) return;
  if (!isDemandOwner(viewer, d)) throw notFound('Demand');
}

export function assertCanEditDemand(viewer: SessionUser, d: Owned): void {
  if (!isDemandOwner(viewer, d)) throw forbidden('Only members of the organisation that posted this demand can change it');
}

/**
 * An anonymous demand names its organisation only to the organisation itself and to the
 * organisations it revealed itself to.
 */
export function canSeeDemandOrg(viewer: SessionUser | null | undefined, d: Owned): boolean {
  if (!d.anonymous) return true;
  if (!viewer?.orgId) return false;
  return isDemandOwner(viewer, d) || (d.revealedTo ?? []).some((o) => idOf(o) === viewer.orgId);
}
