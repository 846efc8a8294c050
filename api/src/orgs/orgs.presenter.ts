import type { OrgRecord } from './org.model';
import type { OrgKind } from '../auth/auth.schemas';

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
