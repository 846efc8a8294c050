// What each record contributes to the indicators — pure functions of the record and what it
// relates to, so the incremental path (one record, after its event) and the rebuild (every record)
// compute the same thing. A record's contributions are its "fact"; the rollup cells are the sums of
// every fact's contributions (indicators.rollup.ts).

import { bpsOf } from '../payments/fees';

/** Counted figures (each record counts once, in the month it first reached the step). */
export const COUNT_METRICS = [
  'listings',
  'demands',
  'matches',
  'interests',
  'dealsOpened',
  'dealsAgreed',
  'dealsContracted',
  'dealsPaid',
  'dealsCompleted',
  'dealsCancelled',
  'resultsTransferred',
] as const;
/** Sums of money, in fen. */
export const MONEY_METRICS = ['turnover', 'paid', 'commission', 'platformFee'] as const;
export const METRICS = [...COUNT_METRICS, ...MONEY_METRICS] as const;
export type Metric = (typeof METRICS)[number];

export const AGENCY_METRICS = ['matches', 'interests', 'dealsBrokered', 'dealsAgreed', 'dealsContracted', 'dealsCompleted', 'turnover', 'commission'] as const;
export type AgencyMetric = (typeof AGENCY_METRICS)[number];

/** The dimensions of a zone cell. `mode` is '' for listings, demands, matches and interests. */
export interface Dims {
  field: string;
  province: string;
  city: string;
  mode: string;
  orgKind: string;
}

export interface Contribution {
  month: string;
  dims: Dims;
  metric: Metric;
  value: number;
}

/** A timed step of one deal (days from its first match to its agreement), in the agreement's cell. */
export interface Timed {
  month: string;
  dims: Dims;
  key: string;
  days: number;
}

export interface AgencyContribution {
  month: string;
  agency: string;
  /** The broker (user id), '' when the agency's work has no named broker. */
  broker: string;
  metric: AgencyMetric;
  value: number;
}

/** Days from a brokered deal's opening to its contract, in the contract's month. */
export interface AgencyTimed {
  month: string;
  agency: string;
  broker: string;
  key: string;
  days: number;
}

/** Everything one record contributes. `_id` is `<kind>:<record id>`. */
export interface Fact {
  _id: string;
  zone: Contribution[];
  timed: Timed[];
  agency: AgencyContribution[];
  agencyTimed: AgencyTimed[];
}

/** What the indicators know of an organisation. */
export interface OrgInfo {
  kind: string;
  province: string;
  /** The city's Chinese name ('' when unknown). */
  city: string;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The month (YYYY-MM, China time) of an instant. */
export const monthOf = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
/** The date (YYYY-MM-DD, China time) of an instant. */
export const dayOf = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const days = (from: Date, to: Date) => Math.max(0, Math.round(((to.getTime() - from.getTime()) / DAY_MS) * 100) / 100);

const UNKNOWN_ORG: OrgInfo = { kind: 'unknown', province: '', city: '' };

/** A listing's place: its own province, and its organisation's city when the organisation is there. */
function place(region: string, org: OrgInfo | undefined): { province: string; city: string } {
  const o = org ?? UNKNOWN_ORG;
  return { province: region || o.province, city: o.province === region ? o.city : '' };
}

const empty = (_id: string): Fact => ({ _id, zone: [], timed: [], agency: [], agencyTimed: [] });

export interface ListingRow {
  _id: unknown;
  org: unknown;
  field: string;
  region: string;
  publishedAt?: Date | null;
}

/**
 * An achievement: listed in the month it was first published; a result transferred in the month
 * its first contract was signed (`transferredAt`).
 */
export function achievementFact(a: ListingRow, org: OrgInfo | undefined, transferredAt: Date | null): Fact {
  const f = empty(`achievement:${String(a._id)}`);
  const dims: Dims = { field: a.field, ...place(a.region, org), mode: '', orgKind: (org ?? UNKNOWN_ORG).kind };
  if (a.publishedAt) f.zone.push({ month: monthOf(a.publishedAt), dims, metric: 'listings', value: 1 });
  if (transferredAt) f.zone.push({ month: monthOf(transferredAt), dims, metric: 'resultsTransferred', value: 1 });
  return f;
}

/** A demand: counted in the month it was first published. */
export function demandFact(d: ListingRow, org: OrgInfo | undefined): Fact {
  const f = empty(`demand:${String(d._id)}`);
  const dims: Dims = { field: d.field, ...place(d.region, org), mode: '', orgKind: (org ?? UNKNOWN_ORG).kind };
  if (d.publishedAt) f.zone.push({ month: monthOf(d.publishedAt), dims, metric: 'demands', value: 1 });
  return f;
}

/** The achievement side of a match, an interest or a deal. */
export interface AchievementRef {
  field: string;
  region: string;
}

export interface MatchRow {
  _id: unknown;
  createdAt: Date;
  source?: string | null;
  brokerOrg?: unknown;
  brokerUser?: unknown;
}

/** A match: in the month it was made, in its achievement's cell; a broker's match also counts for its agency. */
export function matchFact(m: MatchRow, ach: AchievementRef | undefined, supplier: OrgInfo | undefined): Fact {
  const f = empty(`match:${String(m._id)}`);
  if (!ach) return f;
  const month = monthOf(m.createdAt);
  f.zone.push({ month, dims: { field: ach.field, ...place(ach.region, supplier), mode: '', orgKind: (supplier ?? UNKNOWN_ORG).kind }, metric: 'matches', value: 1 });
  if (m.source === 'broker' && m.brokerOrg) f.agency.push({ month, agency: String(m.brokerOrg), broker: m.brokerUser ? String(m.brokerUser) : '', metric: 'matches', value: 1 });
  return f;
}

export interface InterestRow {
  _id: unknown;
  createdAt: Date;
}

/** An interest: in the month it was shown; brokered when it came from a broker's match. */
export function interestFact(i: InterestRow, ach: AchievementRef | undefined, supplier: OrgInfo | undefined, brokerMatch: { brokerOrg: unknown; brokerUser?: unknown } | null): Fact {
  const f = empty(`interest:${String(i._id)}`);
  if (!ach) return f;
  const month = monthOf(i.createdAt);
  f.zone.push({ month, dims: { field: ach.field, ...place(ach.region, supplier), mode: '', orgKind: (supplier ?? UNKNOWN_ORG).kind }, metric: 'interests', value: 1 });
  if (brokerMatch?.brokerOrg) f.agency.push({ month, agency: String(brokerMatch.brokerOrg), broker: brokerMatch.brokerUser ? String(brokerMatch.brokerUser) : '', metric: 'interests', value: 1 });
  return f;
}

/** The statuses a deal reached, each with when it first reached it. */
export type Reached = Partial<Record<'agreed' | 'contracted' | 'paying' | 'completed' | 'cancelled', Date>>;

export interface DealRow {
  _id: unknown;
  createdAt: Date;
  mode: string;
  brokerOrg?: unknown;
}

export interface PaidItem {
  amount: number;
  paidAt: Date | null;
  refundedAmount?: number | null;
  kind?: string;
  fees: { platformFeeBps: number; brokerCommissionBps: number };
}

/** What a payment item brought in once received: net of refunds, with the fees on the net. */
export function received(item: PaidItem): { net: number; commission: number; platformFee: number } | null {
  if (!item.paidAt) return null;
  const net = Math.max(0, item.amount - (item.refundedAmount ?? 0));
  return { net, commission: bpsOf(net, item.fees.brokerCommissionBps), platformFee: bpsOf(net, item.fees.platformFeeBps) };
}

export interface DealContext {
  ach: AchievementRef | undefined;
  supplier: OrgInfo | undefined;
  /** When the deal first reached each status (the audit trail, else what its records imply). */
  reached: Reached;
  /** The signed contract's stated consideration (技术合同成交额), in fen, and when it was signed. */
  contract: { amount: number; signedAt: Date } | null;
  items: readonly PaidItem[];
  /** The earliest match of the deal's achievement with the buyer (or its demand). */
  firstMatchAt: Date | null;
  /** The broker user who brought the deal ('' unknown). */
  broker: string;
}

/**
 * A deal: opened, agreed, contracted, first paid, completed or cancelled, each counted once in the
 * month the deal first got there — however often it moved between states; the contract's amount
 * as turnover in its signing month; each received payment (net of refunds) and its fees in its
 * month; the days from the first match to the agreement. A brokered deal counts for its agency.
 */
export function dealFact(d: DealRow, c: DealContext): Fact {
  const f = empty(`deal:${String(d._id)}`);
  if (!c.ach) return f;
  const dims: Dims = { field: c.ach.field, ...place(c.ach.region, c.supplier), mode: d.mode, orgKind: (c.supplier ?? UNKNOWN_ORG).kind };
  const add = (at: Date, metric: Metric, value = 1) => {
    if (value) f.zone.push({ month: monthOf(at), dims, metric, value });
  };
  const agency = d.brokerOrg ? String(d.brokerOrg) : null;
  const addAgency = (at: Date, metric: AgencyMetric, value = 1) => {
    if (agency && value) f.agency.push({ month: monthOf(at), agency, broker: c.broker, metric, value });
  };
  add(d.createdAt, 'dealsOpened');
  addAgency(d.createdAt, 'dealsBrokered');
  const { agreed, completed, cancelled } = c.reached;
  if (agreed) {
    add(agreed, 'dealsAgreed');
    addAgency(agreed, 'dealsAgreed');
    if (c.firstMatchAt) f.timed.push({ month: monthOf(agreed), dims, key: String(d._id), days: days(c.firstMatchAt, agreed) });
  }
  const contractedAt = c.contract?.signedAt ?? c.reached.contracted;
  if (contractedAt) {
    add(contractedAt, 'dealsContracted');
    addAgency(contractedAt, 'dealsContracted');
    if (agency) f.agencyTimed.push({ month: monthOf(contractedAt), agency, broker: c.broker, key: String(d._id), days: days(d.createdAt, contractedAt) });
  }
  if (c.contract) {
    add(c.contract.signedAt, 'turnover', c.contract.amount);
    addAgency(c.contract.signedAt, 'turnover', c.contract.amount);
  }
  let firstPaid: Date | null = null;
  for (const item of c.items) {
    const r = received(item);
    if (!r || !item.paidAt) continue;
    if (!firstPaid || item.paidAt < firstPaid) firstPaid = item.paidAt;
    add(item.paidAt, 'paid', r.net);
    add(item.paidAt, 'commission', r.commission);
    add(item.paidAt, 'platformFee', r.platformFee);
    addAgency(item.paidAt, 'commission', r.commission);
  }
  if (firstPaid) add(firstPaid, 'dealsPaid');
  if (completed) {
    add(completed, 'dealsCompleted');
    addAgency(completed, 'dealsCompleted');
  }
  if (cancelled) add(cancelled, 'dealsCancelled');
  return f;
}

/** Deal statuses in the order a deal moves through them. */
const ORDER = ['open', 'negotiating', 'agreed', 'contracted', 'paying', 'completed'] as const;

/**
 * When a deal first reached each status: the earliest audit transition into it; a status the deal
 * is in or has passed with no transition on record (data loaded without events) falls back to
 * the evidence its records hold (`fallback`: an accepted offer, a signed contract, a payment —
 * evidence counts even for a deal cancelled since), else the deal's last update.
 */
export function reachedOf(
  deal: { status: string; updatedAt: Date; createdAt: Date },
  transitions: readonly { to: string | null; at: Date }[],
  fallback: Partial<Record<'agreed' | 'contracted' | 'paying' | 'completed', Date | null>> = {},
): Reached {
  const out: Reached = {};
  for (const t of transitions) {
    const to = t.to as keyof Reached;
    if (!['agreed', 'contracted', 'paying', 'completed', 'cancelled'].includes(to)) continue;
    if (!out[to] || t.at < out[to]) out[to] = t.at;
  }
  const at = ORDER.indexOf(deal.status as (typeof ORDER)[number]);
  for (const s of ['agreed', 'contracted', 'paying', 'completed'] as const) {
    if (!out[s] && (at >= ORDER.indexOf(s) || fallback[s])) out[s] = fallback[s] ?? deal.updatedAt;
  }
  if (!out.cancelled && deal.status === 'cancelled') out.cancelled = deal.updatedAt;
  return out;
}
