// The raw data the indicators are computed from, read through the store layer: every record for a
// rebuild, or the records one event touched for the incremental path. Both build the facts with
// the same pure functions (indicators.facts.ts).

import type { Model, Types } from 'mongoose';
import { findByField, findByIds, findPage } from '../store/store';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Interest, Match } from '../matching/match.model';
import { Deal } from '../deals/deal.model';
import { AuditEvent } from '../audit/audit.model';
import { Contract } from '../contracts/contract.model';
import { PaymentItem } from '../payments/payment-item.model';
import { User } from '../auth/user.model';
import {
  achievementFact,
  dealFact,
  demandFact,
  interestFact,
  matchFact,
  reachedOf,
  type AchievementRef,
  type Fact,
  type OrgInfo,
  type PaidItem,
} from './indicators.facts';

type Id = Types.ObjectId | string;
const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Every document of a collection (matching an equality filter), in `_id` order, through the store. */
const readAll = <T>(model: Model<never>, filter: Record<string, unknown>, fields: string[]) =>
  findPage<T>(model, filter, { sort: { _id: 1 }, limit: 100_000_000, projection: Object.fromEntries(fields.map((f) => [f, 1 as const])) });

const M = <T>(m: T) => m as unknown as Model<never>;

interface OrgRow {
  _id: Id;
  kind: string;
  region: string;
  city?: { zh?: string; en?: string } | null;
}
interface AchRow {
  _id: Id;
  org: Id;
  field: string;
  region: string;
  publishedAt?: Date | null;
}
interface MatchRow {
  _id: Id;
  demand: Id;
  achievement: Id;
  demandOrg: Id;
  supplierOrg: Id;
  createdAt: Date;
  source?: string;
  brokerOrg?: Id | null;
  brokerUser?: Id | null;
}
interface InterestRow {
  _id: Id;
  achievement: Id;
  supplierOrg: Id;
  match?: Id | null;
  createdAt: Date;
}
interface DealRow {
  _id: Id;
  achievement: Id;
  demand?: Id | null;
  match?: Id | null;
  supplierOrg: Id;
  buyerOrg: Id;
  brokerOrg?: Id | null;
  mode: string;
  status: string;
  openedBy: Id;
  createdAt: Date;
  updatedAt: Date;
  agreedOfferVersion?: number | null;
  offers?: { version: number; acceptances?: { at: Date }[] }[];
}
interface TransitionRow {
  entityId: Id;
  to: string | null;
  at: Date;
}
interface ContractRow {
  deal: Id;
  status: string;
  signedAt?: Date | null;
  content?: { amount?: number } | null;
}
interface ItemRow extends PaidItem {
  deal: Id;
}

const ORG_FIELDS = ['kind', 'region', 'city'];
const ACH_FIELDS = ['org', 'field', 'region', 'publishedAt'];
const MATCH_FIELDS = ['demand', 'achievement', 'demandOrg', 'supplierOrg', 'createdAt', 'source', 'brokerOrg', 'brokerUser'];
const INTEREST_FIELDS = ['achievement', 'supplierOrg', 'match', 'createdAt'];
const DEAL_FIELDS = ['achievement', 'demand', 'match', 'supplierOrg', 'buyerOrg', 'brokerOrg', 'mode', 'status', 'openedBy', 'createdAt', 'updatedAt', 'agreedOfferVersion', 'offers'];
const ITEM_FIELDS = ['deal', 'amount', 'paidAt', 'refundedAmount', 'kind', 'fees'];

export const orgInfo = (o: OrgRow): OrgInfo => ({ kind: o.kind, province: o.region, city: o.city?.zh ?? '' });

/** Everything the deal facts of some deals need, loaded. */
interface DealWorld {
  deals: DealRow[];
  orgs: Map<string, OrgInfo>;
  achievements: Map<string, AchRow>;
  matches: MatchRow[];
  transitions: TransitionRow[];
  contracts: ContractRow[];
  items: ItemRow[];
  /** Users who opened brokered deals: their organisation. */
  userOrgs: Map<string, string>;
}

/** When the deal's agreed offer was accepted by its last side (evidence of the agreement). */
function agreedAtOf(d: DealRow): Date | null {
  if (d.agreedOfferVersion === null || d.agreedOfferVersion === undefined) return null;
  const offer = d.offers?.find((o) => o.version === d.agreedOfferVersion);
  const times = (offer?.acceptances ?? []).map((a) => new Date(a.at).getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** The deal facts, and when each achievement's first contract was signed. */
function dealFacts(w: DealWorld): { facts: Fact[]; transferredAt: Map<string, Date> } {
  const byDeal = <T extends { deal?: Id; entityId?: Id }>(rows: T[], key: (r: T) => Id) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const k = s(key(r));
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const transitions = byDeal(w.transitions, (t) => t.entityId);
  const items = byDeal(w.items, (i) => i.deal);
  const contracts = new Map(w.contracts.filter((c) => c.status === 'signed' && c.signedAt).map((c) => [s(c.deal), c]));
  const matchById = new Map(w.matches.map((m) => [s(m._id), m]));
  const firstMatch = new Map<string, Date>();
  for (const m of w.matches) {
    for (const k of [`p|${s(m.demand)}|${s(m.achievement)}`, `o|${s(m.demandOrg)}|${s(m.achievement)}`]) {
      const at = firstMatch.get(k);
      if (!at || m.createdAt < at) firstMatch.set(k, m.createdAt);
    }
  }
  const transferredAt = new Map<string, Date>();
  const facts = w.deals.map((d) => {
    const id = s(d._id);
    const dealItems = items.get(id) ?? [];
    const paidTimes = dealItems.filter((i) => i.paidAt).map((i) => new Date(i.paidAt!).getTime());
    const scheduledPaid = dealItems.filter((i) => i.kind !== 'royalty').every((i) => i.paidAt) && dealItems.length > 0;
    const contract = contracts.get(id);
    const reached = reachedOf(d, transitions.get(id) ?? [], {
      agreed: agreedAtOf(d) ?? contract?.signedAt ?? null,
      contracted: contract?.signedAt ?? null,
      paying: paidTimes.length ? new Date(Math.min(...paidTimes)) : null,
      completed: d.status === 'completed' && scheduledPaid && paidTimes.length ? new Date(Math.max(...paidTimes)) : null,
    });
    const ach = w.achievements.get(s(d.achievement));
    const m = d.match ? matchById.get(s(d.match)) : undefined;
    const firstMatchAt = m?.createdAt ?? (d.demand ? firstMatch.get(`p|${s(d.demand)}|${s(d.achievement)}`) : undefined) ?? firstMatch.get(`o|${s(d.buyerOrg)}|${s(d.achievement)}`) ?? null;
    let broker = '';
    if (d.brokerOrg) {
      if (w.userOrgs.get(s(d.openedBy)) === s(d.brokerOrg)) broker = s(d.openedBy);
      else if (m && s(m.brokerOrg) === s(d.brokerOrg)) broker = s(m.brokerUser);
    }
    const contractedAt = contract?.signedAt ?? reached.contracted;
    if (contractedAt && ach) {
      const k = s(d.achievement);
      const at = transferredAt.get(k);
      if (!at || contractedAt < at) transferredAt.set(k, contractedAt);
    }
    return dealFact(d, {
      ach: ach ? ({ field: ach.field, region: ach.region } satisfies AchievementRef) : undefined,
      supplier: w.orgs.get(s(d.supplierOrg)),
      reached,
      contract: contract ? { amount: contract.content?.amount ?? 0, signedAt: contract.signedAt! } : null,
      items: dealItems,
      firstMatchAt,
      broker,
    });
  });
  return { facts, transferredAt };
}

/** Every fact, computed from every record (the rebuild, and the recount the tests compare with). */
export async function allFacts(): Promise<Fact[]> {
  const [orgRows, achievements, demands, matches, interests, deals, transitions, contracts, items] = await Promise.all([
    readAll<OrgRow>(M(Org), {}, ORG_FIELDS),
    readAll<AchRow>(M(Achievement), {}, ACH_FIELDS),
    readAll<AchRow>(M(Demand), {}, ACH_FIELDS),
    readAll<MatchRow>(M(Match), {}, MATCH_FIELDS),
    readAll<InterestRow>(M(Interest), {}, INTEREST_FIELDS),
    readAll<DealRow>(M(Deal), {}, DEAL_FIELDS),
    readAll<TransitionRow>(M(AuditEvent), { entity: 'deal', action: 'deal.transitioned' }, ['entityId', 'to', 'at']),
    readAll<ContractRow>(M(Contract), { status: 'signed' }, ['deal', 'status', 'signedAt', 'content']),
    readAll<ItemRow>(M(PaymentItem), {}, ITEM_FIELDS),
  ]);
  const orgs = new Map(orgRows.map((o) => [s(o._id), orgInfo(o)]));
  const achById = new Map(achievements.map((a) => [s(a._id), a]));
  const openers = [...new Set(deals.filter((d) => d.brokerOrg).map((d) => s(d.openedBy)))];
  const users = await findByIds<{ _id: Id; org: Id | null }>(M(User), openers, { projection: { org: 1 } });
  const { facts, transferredAt } = dealFacts({
    deals,
    orgs,
    achievements: achById,
    matches,
    transitions,
    contracts,
    items,
    userOrgs: new Map(users.map((u) => [s(u._id), s(u.org)])),
  });
  const matchById = new Map(matches.map((m) => [s(m._id), m]));
  const out: Fact[] = [];
  for (const a of achievements) out.push(achievementFact(a, orgs.get(s(a.org)), transferredAt.get(s(a._id)) ?? null));
  for (const d of demands) out.push(demandFact(d, orgs.get(s(d.org))));
  for (const m of matches) out.push(matchFact(m, achById.get(s(m.achievement)), orgs.get(s(m.supplierOrg))));
  for (const i of interests) {
    const m = i.match ? matchById.get(s(i.match)) : undefined;
    out.push(interestFact(i, achById.get(s(i.achievement)), orgs.get(s(i.supplierOrg)), m?.source === 'broker' && m.brokerOrg ? { brokerOrg: m.brokerOrg, brokerUser: m.brokerUser } : null));
  }
  out.push(...facts);
  return out;
}

const one = async <T>(model: Model<never>, id: Id, fields: string[]): Promise<T | undefined> =>
  (await findByIds<T>(model, [id], { projection: Object.fromEntries(fields.map((f) => [f, 1 as const])) }))[0];

async function orgMap(ids: readonly unknown[]): Promise<Map<string, OrgInfo>> {
  const rows = await findByIds<OrgRow>(M(Org), ids.filter(Boolean), { projection: { kind: 1, region: 1, city: 1 } });
  return new Map(rows.map((o) => [s(o._id), orgInfo(o)]));
}

/**
 * The facts of an achievement and of its deals (all of them: the first contract among them dates
 * the result's transfer); `onlyDeal` limits the deal facts returned to that one (null: none).
 */
export async function achievementFacts(achievementId: Id, onlyDeal?: Id | null): Promise<Fact[]> {
  const ach = await one<AchRow>(M(Achievement), achievementId, ACH_FIELDS);
  if (!ach) return [];
  const deals = await findByField<DealRow>(M(Deal), 'achievement', [ach._id], { projection: Object.fromEntries(DEAL_FIELDS.map((f) => [f, 1 as const])) });
  const dealIds = deals.map((d) => d._id);
  const [matches, transitions, contracts, items, users] = await Promise.all([
    findByField<MatchRow>(M(Match), 'achievement', [ach._id], { projection: Object.fromEntries(MATCH_FIELDS.map((f) => [f, 1 as const])) }),
    findByField<TransitionRow>(M(AuditEvent), 'entityId', dealIds, { filter: { entity: 'deal', action: 'deal.transitioned' }, projection: { entityId: 1, to: 1, at: 1 } }),
    findByField<ContractRow>(M(Contract), 'deal', dealIds, { projection: { deal: 1, status: 1, signedAt: 1, content: 1 } }),
    findByField<ItemRow>(M(PaymentItem), 'deal', dealIds, { projection: Object.fromEntries(ITEM_FIELDS.map((f) => [f, 1 as const])) }),
    findByIds<{ _id: Id; org: Id | null }>(M(User), deals.filter((d) => d.brokerOrg).map((d) => d.openedBy), { projection: { org: 1 } }),
  ]);
  const orgs = await orgMap([ach.org, ...deals.map((d) => d.supplierOrg)]);
  const { facts, transferredAt } = dealFacts({
    deals,
    orgs,
    achievements: new Map([[s(ach._id), ach]]),
    matches,
    transitions,
    contracts,
    items,
    userOrgs: new Map(users.map((u) => [s(u._id), s(u.org)])),
  });
  const chosen = onlyDeal === undefined ? facts : onlyDeal === null ? [] : facts.filter((f) => f._id === `deal:${s(onlyDeal)}`);
  return [achievementFact(ach, orgs.get(s(ach.org)), transferredAt.get(s(ach._id)) ?? null), ...chosen];
}

/** The fact of a demand, from its current record. */
export async function demandFacts(demandId: Id): Promise<Fact[]> {
  const d = await one<AchRow>(M(Demand), demandId, ACH_FIELDS);
  if (!d) return [];
  const orgs = await orgMap([d.org]);
  return [demandFact(d, orgs.get(s(d.org)))];
}

/** The facts of matches, from their current records. */
export async function matchFacts(matchIds: readonly Id[]): Promise<Fact[]> {
  const matches = await findByIds<MatchRow>(M(Match), matchIds, { projection: Object.fromEntries(MATCH_FIELDS.map((f) => [f, 1 as const])) });
  if (!matches.length) return [];
  const achs = await findByIds<AchRow>(M(Achievement), matches.map((m) => m.achievement), { projection: { field: 1, region: 1, org: 1 } });
  const achById = new Map(achs.map((a) => [s(a._id), a]));
  const orgs = await orgMap(matches.map((m) => m.supplierOrg));
  return matches.map((m) => matchFact(m, achById.get(s(m.achievement)), orgs.get(s(m.supplierOrg))));
}

/** The fact of an interest, from its current record. */
export async function interestFacts(interestId: Id): Promise<Fact[]> {
  const i = await one<InterestRow>(M(Interest), interestId, INTEREST_FIELDS);
  if (!i) return [];
  const [ach, m, orgs] = await Promise.all([
    one<AchRow>(M(Achievement), i.achievement, ['field', 'region']),
    i.match ? one<MatchRow>(M(Match), i.match, MATCH_FIELDS) : Promise.resolve(undefined),
    orgMap([i.supplierOrg]),
  ]);
  return [interestFact(i, ach, orgs.get(s(i.supplierOrg)), m?.source === 'broker' && m.brokerOrg ? { brokerOrg: m.brokerOrg, brokerUser: m.brokerUser } : null)];
}
