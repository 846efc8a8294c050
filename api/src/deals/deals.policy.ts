import { badRequest, forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { assertVerifiedOrg, isPlatformAdmin } from '../orgs/orgs.policy';
import type { OrgRecord } from '../orgs/org.model';
import { assertBrokerPowers } from '../brokers/brokers.policy';
import type { DealSide } from './deals.state';

interface DealParties {
  supplierOrg: unknown;
  buyerOrg: unknown;
  brokerOrg?: unknown;
}

/** The side the user acts for in this deal, or null when they are not a participant. */
export function sideOf(user: Pick<SessionUser, 'orgId'>, deal: DealParties): DealSide | null {
  if (!user.orgId) return null;
  if (String(deal.supplierOrg) === user.orgId) return 'supplier';
  if (String(deal.buyerOrg) === user.orgId) return 'buyer';
  if (deal.brokerOrg && String(deal.brokerOrg) === user.orgId) return 'broker';
  return null;
}

/**
 * Reading a deal (room, messages, offers, audit) needs participation or the platform-admin role.
 * Anyone else gets the same 404 as for a deal that does not exist: existence is not revealed.
 */
export function assertCanRead(user: SessionUser, deal: DealParties): void {
  if (sideOf(user, deal) || isPlatformAdmin(user)) return;
  throw notFound('Deal');
}

/**
 * Acting in a deal (messages, offers, transitions) needs participation; a platform admin may read
 * but is not a party (403); anyone else gets 404.
 */
export function assertParty(user: SessionUser, deal: DealParties): DealSide {
  const side = sideOf(user, deal);
  if (side) return side;
  if (isPlatformAdmin(user)) throw forbidden('Platform administrators can read deals but not act in them', 'not_a_party');
  throw notFound('Deal');
}

/** Accepting and rejecting are for the two parties; the broker proposes but does not agree. */
export function assertPrincipal(side: DealSide, what: string): asserts side is 'supplier' | 'buyer' {
  if (side === 'broker') throw forbidden(`Only the supplier and the buyer can ${what} an offer`, 'not_a_principal');
}

/**
 * Who may open a deal, and for which buyer organisation: a verified enterprise for itself, a broker
 * of a verified agency for an enterprise (as a proposal that enterprise accepts), a verified
 * supplier on its own achievement (`ownsAchievement`) with the enterprise of a demand it sees.
 */
export function openingRole(
  user: SessionUser,
  org: { kind: OrgRecord['kind']; verified: boolean } | null,
  buyerOrgId: string | undefined,
  ownsAchievement = false,
): { role: 'buyer' | 'broker' | 'supplier'; buyerOrgId: string | undefined } {
  if (!user.orgId || !org) throw forbidden('You must belong to an organisation to open a deal', 'no_organisation');
  if (ownsAchievement) {
    // The supplier opens a deal on its own achievement with the enterprise of a demand it sees.
    assertVerifiedOrg(user, org, 'open a deal');
    return { role: 'supplier', buyerOrgId };
  }
  if (org.kind === 'agency' && user.roles.includes('broker')) {
    assertBrokerPowers(user, org);
    if (!buyerOrgId) throw badRequest('validation_failed', 'buyerOrgId: a broker names the buyer organisation', 'buyerOrgId');
    return { role: 'broker', buyerOrgId };
  }
  if (org.kind === 'enterprise') {
    // The market-acts policy: only a verified enterprise opens deals.
    assertVerifiedOrg(user, org, 'open a deal');
    if (buyerOrgId && buyerOrgId !== user.orgId)
      throw badRequest('validation_failed', 'buyerOrgId: only a broker opens a deal for another organisation', 'buyerOrgId');
    return { role: 'buyer', buyerOrgId: user.orgId };
  }
  throw forbidden('Only enterprise members (as buyers), suppliers (on their own achievements) and brokers can open deals', 'cannot_open_deal');
}

interface ProposalParties {
  agency: unknown;
  buyerOrg: unknown;
}

/**
 * A broker's deal proposal is answered by an admin of the enterprise it names; the proposing
 * agency may see it but not answer (403); anyone else gets 404.
 */
export function assertCanAnswerProposal(user: SessionUser, p: ProposalParties): void {
  if (user.orgId && String(p.buyerOrg) === user.orgId) {
    if (!user.roles.includes('org-admin')) throw forbidden("Only an administrator of the enterprise can answer a broker's proposal", 'not_org_admin');
    return;
  }
  if (user.orgId && String(p.agency) === user.orgId) throw forbidden('The enterprise answers this proposal', 'not_the_buyer');
  throw notFound('Proposal');
}

/** Only a broker of the proposing agency withdraws a proposal; the enterprise declines instead (403). */
export function assertCanWithdrawProposal(user: SessionUser, p: ProposalParties): void {
  if (user.orgId && String(p.agency) === user.orgId && user.roles.includes('broker')) return;
  if (user.orgId && String(p.buyerOrg) === user.orgId) throw forbidden('Decline the proposal instead', 'not_the_broker');
  throw notFound('Proposal');
}
