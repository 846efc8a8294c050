import { badRequest, conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { canSeeDemandOrg } from '../demands/demands.policy';
import { assertCanView } from '../achievements/achievements.policy';
import { DEALABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { Match } from '../matching/match.model';
import { openingRole } from './deals.policy';
import type { OpenDealInput } from './deals.schemas';

const loadOrg = (id: unknown) => Org.findById(id).lean();
const loadAchievement = (id: unknown) => Achievement.findById(id).lean();
type OrgLean = NonNullable<Awaited<ReturnType<typeof loadOrg>>>;

/** What a deal is opened on, checked for the user who asks (see `checkOpening`). */
export interface Opening {
  achievement: NonNullable<Awaited<ReturnType<typeof loadAchievement>>>;
  supplierOrg: OrgLean;
  buyerOrg: OrgLean;
  brokerOrg: OrgLean | null;
  input: OpenDealInput;
}

/**
 * A supplier opens a deal from a demand it sees: the buyer is the demand's enterprise, which must be
 * known to the supplier (an anonymous demand not revealed to it is answered by showing interest).
 */
async function supplierCounterpart(user: SessionUser, input: OpenDealInput): Promise<OrgLean | null> {
  if (!input.demandId) throw badRequest('validation_failed', 'demandId: a supplier opens a deal from a demand', 'demandId');
  const d = await Demand.findById(input.demandId).select('org anonymous revealedTo status').lean();
  if (!d || d.status !== 'open') throw notFound('Demand');
  if (!canSeeDemandOrg(user, d))
    throw forbidden('The enterprise behind this demand has not revealed itself; show your interest instead', 'demand_anonymous');
  if (input.buyerOrgId && input.buyerOrgId !== String(d.org))
    throw badRequest('validation_failed', "buyerOrgId: is not the demand's organisation", 'buyerOrgId');
  return loadOrg(d.org);
}

const notTheBuyersDemand = () => badRequest('validation_failed', 'demandId: is not a demand of the buyer organisation', 'demandId');
const notTheirMatch = () => badRequest('validation_failed', 'matchId: is not a match between these parties', 'matchId');

/**
 * Checks a request to open a deal as the user may know things: another organisation's withdrawn
 * or draft achievement does not exist (404); a demand or match must belong to the buyer (and the
 * match to this achievement's supplier); and a demand's owner counts as known only when the user
 * may see it (an anonymous demand not revealed to the user's organisation never matches a named
 * buyer), so a right and a wrong guess of an anonymous demand's owner get the same answer.
 */
export async function checkOpening(user: SessionUser, input: OpenDealInput): Promise<{ role: 'buyer' | 'broker' | 'supplier'; opening: Opening }> {
  const myOrg = user.orgId ? await loadOrg(user.orgId) : null;
  if (!myOrg) openingRole(user, null, input.buyerOrgId);

  const ach = await loadAchievement(input.achievementId);
  if (!ach) throw notFound('Achievement');
  assertCanView(user, ach);
  const role = openingRole(user, myOrg, input.buyerOrgId, String(ach.org) === user.orgId);
  if (!(DEALABLE_ACHIEVEMENT_STATUSES as readonly string[]).includes(ach.status))
    throw conflict('achievement_not_available', `This achievement is ${ach.status} and cannot be negotiated`, { status: ach.status });
  const offered = (ach.modes ?? []).map((m) => m.mode);
  if (!offered.includes(input.mode))
    throw badRequest('validation_failed', `mode: this achievement is offered for ${offered.join(', ') || 'no mode'}`, 'mode');

  const buyerOrg = role.role === 'buyer' ? myOrg! : role.role === 'supplier' ? await supplierCounterpart(user, input) : await loadOrg(role.buyerOrgId);
  if (!buyerOrg || buyerOrg.kind !== 'enterprise')
    throw badRequest('validation_failed', 'buyerOrgId: must be an enterprise organisation', 'buyerOrgId');
  if (String(buyerOrg._id) === String(ach.org))
    throw badRequest('validation_failed', "achievementId: an organisation cannot buy its own achievement", 'achievementId');
  const supplierOrg = await loadOrg(ach.org);
  if (!supplierOrg) throw notFound('Achievement');

  const ownerKnown = async (demandId: unknown, buyer: unknown) => {
    const d = await Demand.findById(demandId).select('org anonymous revealedTo status').lean();
    return !!d && String(d.org) === String(buyer) && canSeeDemandOrg(user, d);
  };
  if (input.demandId && !(await ownerKnown(input.demandId, buyerOrg._id))) throw notTheBuyersDemand();
  if (input.matchId) {
    const m = await Match.findById(input.matchId).select('demand achievement demandOrg supplierOrg').lean();
    const fits =
      !!m &&
      String(m.achievement) === String(ach._id) &&
      String(m.supplierOrg) === String(ach.org) &&
      String(m.demandOrg) === String(buyerOrg._id) &&
      (!input.demandId || String(m.demand) === input.demandId) &&
      (await ownerKnown(m.demand, buyerOrg._id));
    if (!fits) throw notTheirMatch();
  }
  return { role: role.role, opening: { achievement: ach, supplierOrg, buyerOrg, brokerOrg: role.role === 'broker' ? myOrg : null, input } };
}
