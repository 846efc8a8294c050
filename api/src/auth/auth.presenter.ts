import type { SessionUser } from './auth.types';
import type { OrgRecord } from '../orgs/org.model';
import { presentOrg } from '../orgs/orgs.presenter';

/** What the client sees of the signed-in user. */
export function presentMe(user: SessionUser, org: (OrgRecord & { _id: unknown }) | null) {
  return {
    user: { id: user.id, email: user.email, name: user.name, roles: user.roles, locale: user.locale, orgId: user.orgId },
    org: org ? presentOrg(org) : null,
  };
}

/** The answer to a registration: the same for a new and a taken address; `devOutbox` outside production. */
export function presentRegistration(devOutbox?: string) {
  return { status: 'verification_sent' as const, ...(devOutbox ? { devOutbox } : {}) };
}
