import { forbidden } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { OrgRecord } from '../orgs/org.model';
import { assertVerifiedOrg, isOrgAdminOf } from '../orgs/orgs.policy';
import { isBroker } from '../matching/matching.policy';

/**
 * Broker powers (portfolio, its matches, broker-made matches, batch docking, deal proposals) need
 * the broker role in an agency the platform verified — the market-acts policy of `orgs.policy.ts`.
 */
export function assertBrokerPowers(user: SessionUser, org: Pick<OrgRecord, 'kind' | 'verified'> | null): void {
  if (!isBroker(user) || !org || org.kind !== 'agency') throw forbidden('Only brokers of a technology-transfer agency can do this', 'not_broker');
  assertVerifiedOrg(user, org, 'act as a broker');
}

/** An organisation joins an agency's portfolio only by its own admin's consent, and may end it. */
export function assertCanAnswerForOrg(user: SessionUser, orgId: string): void {
  if (!isOrgAdminOf(user, orgId)) throw forbidden("Only an administrator of this organisation can answer for it", 'not_org_admin');
}

/** A broker-made match belongs to the agency that made it: another agency cannot take it over. */
export function canEditBrokerMatch(user: SessionUser, m: { source?: string | null; brokerOrg?: unknown }): boolean {
  return m.source !== 'broker' || !m.brokerOrg || String(m.brokerOrg) === user.orgId;
}
