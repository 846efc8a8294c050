import type { OrgRecord } from './org.model';
import type { OrgKind } from '../auth/auth.schemas';
import type { presentFile } from '../files/files.presenter';

/** Public view of an organisation. */
export function presentOrg(org: OrgRecord & { _id: unknown }) {
  return {
    id: String(org._id),
    kind: org.kind as OrgKind,
    name: { zh: org.name?.zh ?? '', en: org.name?.en ?? '' },
    region: org.region,
    verified: org.verified,
    verifiedAt: org.verifiedAt ?? null,
    description: { zh: org.description?.zh ?? '', en: org.description?.en ?? '' },
    creditCode: org.creditCode ?? null,
  };
}

export type VerificationStatus = 'pending' | 'approved' | 'rejected';

/** The verification state: a verified organisation is approved whatever it was seeded with. */
export function verificationStatus(org: Pick<OrgRecord, 'verified' | 'verification'>): VerificationStatus {
  if (org.verified) return 'approved';
  return org.verification?.status === 'rejected' ? 'rejected' : 'pending';
}

/** What an organisation submitted for verification and the answer (its admins and platform admins only). */
export function presentReview(org: OrgRecord, licence: ReturnType<typeof presentFile> | null) {
  const v = org.verification;
  return {
    status: verificationStatus(org),
    creditCode: org.creditCode ?? null,
    contact: { name: v?.contact?.name ?? '', phone: v?.contact?.phone ?? '', email: v?.contact?.email ?? '' },
    licence,
    submittedAt: v?.submittedAt ?? null,
    decidedAt: v?.decidedAt ?? null,
    reason: v?.reason ?? null,
  };
}

/** An organisation in the public directory and on its profile page (no credit code, no contact). */
export function presentOrgCard(org: OrgRecord & { _id: unknown }) {
  return {
    id: String(org._id),
    kind: org.kind as OrgKind,
    name: { zh: org.name?.zh ?? '', en: org.name?.en ?? '' },
    region: org.region,
    verified: !!org.verified,
    description: { zh: org.description?.zh ?? '', en: org.description?.en ?? '' },
    since: (org as { createdAt?: Date }).createdAt ?? null,
  };
}
