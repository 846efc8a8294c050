import { forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { assertCanEdit, assertCanView, canSeeDetails, isOwner } from '../achievements/achievements.policy';
import { assertCanEditDemand, assertCanViewDemand } from '../demands/demands.policy';
import { assertCanRead, assertParty } from '../deals/deals.policy';
import { isOrgAdminOf, isPlatformAdmin } from '../orgs/orgs.policy';
import type { FileTarget } from './file.model';

/** A file's target as the policy needs it, loaded by the service. */
export type LoadedTarget =
  | { kind: 'achievement'; listing: { org: unknown; status: string }; ndaAccepted: boolean }
  | { kind: 'demand'; listing: { org: unknown; status: string; anonymous?: boolean | null; revealedTo?: unknown[] | null } }
  | { kind: 'deal'; deal: { supplierOrg: unknown; buyerOrg: unknown; brokerOrg?: unknown } }
  | { kind: 'org-licence'; orgId: string };

/**
 * Who may read a target's files: whoever may see the listing — for an achievement, only once its NDA
 * is accepted (its owner always) —, the deal's participants (and platform admins, who read deals),
 * an organisation's admins and the platform admins for its business licence. Returns false when the
 * viewer may see that files exist but not open them (an achievement before its NDA); throws 404
 * where even the target's existence is not the viewer's to know.
 */
export function canReadFiles(viewer: SessionUser | null | undefined, t: LoadedTarget): boolean {
  switch (t.kind) {
    case 'achievement':
      assertCanView(viewer, t.listing);
      return canSeeDetails(viewer, t.listing, t.ndaAccepted);
    case 'demand':
      assertCanViewDemand(viewer, t.listing);
      return true;
    case 'deal':
      if (!viewer) throw notFound('Deal');
      assertCanRead(viewer, t.deal);
      return true;
    case 'org-licence':
      if (viewer && (isOrgAdminOf(viewer, t.orgId) || isPlatformAdmin(viewer))) return true;
      throw forbidden("Only the organisation's administrators and the platform administrators can see its licence", 'not_org_admin');
  }
}

/** Who may attach files: the listing's own organisation, the deal's parties, the organisation's admins. */
export function assertCanAttach(actor: SessionUser, t: LoadedTarget): void {
  switch (t.kind) {
    case 'achievement':
      assertCanView(actor, t.listing);
      assertCanEdit(actor, t.listing);
      return;
    case 'demand':
      assertCanViewDemand(actor, t.listing);
      assertCanEditDemand(actor, t.listing);
      return;
    case 'deal':
      assertParty(actor, t.deal);
      return;
    case 'org-licence':
      if (!isOrgAdminOf(actor, t.orgId))
        throw forbidden("Only the organisation's administrators can upload its licence", 'not_org_admin');
      return;
  }
}

/** Removing a file: whoever may attach to its target, and in a deal only the file's uploader. */
export function assertCanRemove(actor: SessionUser, t: LoadedTarget, uploadedBy: string): void {
  assertCanAttach(actor, t);
  if (t.kind === 'deal' && uploadedBy !== actor.id) throw forbidden('Only the person who shared a file in a deal can remove it', 'not_uploader');
}

export const isListingOwner = isOwner;
export type { FileTarget };
