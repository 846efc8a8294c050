// The rollup: sums of every fact's contributions per cell — a zone cell per month, field, place,
// mode and organisation kind, an agency cell per month, agency and broker — and the answers built
// from the cells. Pure: the service stores the cells and changes them by the difference between a
// record's old and new fact, the rebuild recomputes them all; both go through these functions.

import { FIELDS, REGIONS, DEAL_MODES, fieldLabel, regionLabel, modeLabel, type Label } from '@techbridge/search/taxonomy';
import { AGENCY_METRICS, METRICS, type AgencyMetric, type Dims, type Fact, type Metric } from './indicators.facts';

export interface ZoneCell {
  _id: string;
  month: string;
  field: string;
  province: string;
  city: string;
  mode: string;
  orgKind: string;
  m: Partial<Record<Metric, number>>;
  /** Days from first match to agreement, by deal id. */
  t: Record<string, number>;
}

export interface AgencyCell {
  _id: string;
  month: string;
  agency: string;
  broker: string;
  m: Partial<Record<AgencyMetric, number>>;
  /** Days from opening to contract, by deal id. */
  t: Record<string, number>;
}

const zoneKey = (month: string, d: { field: string; province: string; city: string; mode: string; orgKind: string }) =>
  ['z', month, d.field, d.province, d.city, d.mode, d.orgKind].join('|');
const agencyKey = (month: string, agency: string, broker: string) => ['a', month, agency, broker].join('|');

/** A change to the cells: amounts to add, timings to set (a number) or remove (null). */
export interface CellDelta {
  zone: Map<string, { cell: Omit<ZoneCell, 'm' | 't'>; inc: Partial<Record<Metric, number>>; t: Record<string, number | null> }>;
  agency: Map<string, { cell: Omit<AgencyCell, 'm' | 't'>; inc: Partial<Record<AgencyMetric, number>>; t: Record<string, number | null> }>;
}

const newDelta = (): CellDelta => ({ zone: new Map(), agency: new Map() });

type ZoneEntry = CellDelta['zone'] extends Map<string, infer E> ? E : never;
type AgencyEntry = CellDelta['agency'] extends Map<string, infer E> ? E : never;

function zoneEntry(delta: CellDelta, month: string, dims: Dims): ZoneEntry {
  const _id = zoneKey(month, dims);
  let e = delta.zone.get(_id);
  if (!e) delta.zone.set(_id, (e = { cell: { _id, month, ...dims }, inc: {}, t: {} }));
  return e;
}

function agencyEntry(delta: CellDelta, month: string, agency: string, broker: string): AgencyEntry {
  const _id = agencyKey(month, agency, broker);
  let e = delta.agency.get(_id);
  if (!e) delta.agency.set(_id, (e = { cell: { _id, month, agency, broker }, inc: {}, t: {} }));
  return e;
}

/** The timings of a fact by cell and deal. */
function timings(fact: Fact | null): Map<string, { month: string; dims?: Dims; agency?: string; broker?: string; key: string; days: number }> {
  const out = new Map<string, { month: string; dims?: Dims; agency?: string; broker?: string; key: string; days: number }>();
  for (const t of fact?.timed ?? []) out.set(`${zoneKey(t.month, t.dims)}#${t.key}`, t);
  for (const t of fact?.agencyTimed ?? []) out.set(`${agencyKey(t.month, t.agency, t.broker)}#${t.key}`, t);
  return out;
}

/**
 * What changes in the cells when a record's fact goes from `before` to `after` (either may be
 * null). Zero increments are dropped, so an unchanged fact changes nothing.
 */
export function factDelta(before: Fact | null, after: Fact | null): CellDelta {
  const delta = newDelta();
  for (const [fact, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    for (const c of fact?.zone ?? []) {
      const e = zoneEntry(delta, c.month, c.dims);
      e.inc[c.metric] = (e.inc[c.metric] ?? 0) + sign * c.value;
    }
    for (const c of fact?.agency ?? []) {
      const e = agencyEntry(delta, c.month, c.agency, c.broker);
      e.inc[c.metric] = (e.inc[c.metric] ?? 0) + sign * c.value;
    }
  }
  const was = timings(before);
  const now = timings(after);
  const entry = (t: { month: string; dims?: Dims; agency?: string; broker?: string }) =>
    t.dims ? zoneEntry(delta, t.month, t.dims) : agencyEntry(delta, t.month, t.agency!, t.broker!);
  for (const [k, t] of was) if (!now.has(k)) entry(t).t[t.key] = null;
  for (const [k, t] of now) if (was.get(k)?.days !== t.days) entry(t).t[t.key] = t.days;
  for (const map of [delta.zone, delta.agency] as Map<string, { inc: Record<string, number | undefined>; t: Record<string, unknown> }>[]) {
    for (const [k, e] of map) {
      for (const m of Object.keys(e.inc)) if (!e.inc[m]) delete e.inc[m];
      if (!Object.keys(e.inc).length && !Object.keys(e.t).length) map.delete(k);
    }
  }
  return delta;
}

/** The cells of a set of facts (the rebuild, and the recount the tests compare with). */
export function cellsOf(facts: Iterable<Fact>): { zone: ZoneCell[]; agency: AgencyCell[] } {
  const zone = new Map<string, ZoneCell>();
  const agency = new Map<string, AgencyCell>();
  for (const fact of facts) {
    const d = factDelta(null, fact);
    for (const [k, e] of d.zone) {
      let c = zone.get(k);
      if (!c) zone.set(k, (c = { ...e.cell, m: {}, t: {} }));
      for (const [m, v] of Object.entries(e.inc) as [Metric, number][]) c.m[m] = (c.m[m] ?? 0) + v;
      for (const [key, v] of Object.entries(e.t)) if (v !== null) c.t[key] = v;
    }
    for (const [k, e] of d.agency) {
      let c = agency.get(k);
      if (!c) agency.set(k, (c = { ...e.cell, m: {}, t: {} }));
      for (const [m, v] of Object.entries(e.inc) as [AgencyMetric, number][]) c.m[m] = (c.m[m] ?? 0) + v;
      for (const [key, v] of Object.entries(e.t)) if (v !== null) c.t[key] = v;
    }
  }
  return { zone: [...zone.values()], agency: [...agency.values()] };
}

/** Applies a delta to cells held in memory (the service's cache; the tests). Empty cells are dropped. */
export function applyDelta(cells: { zone: Map<string, ZoneCell>; agency: Map<string, AgencyCell> }, delta: CellDelta): void {
  for (const [k, e] of delta.zone) {
    let c = cells.zone.get(k);
    if (!c) cells.zone.set(k, (c = { ...e.cell, m: {}, t: {} }));
    for (const [m, v] of Object.entries(e.inc) as [Metric, number][]) c.m[m] = (c.m[m] ?? 0) + v;
    for (const [key, v] of Object.entries(e.t)) {
      if (v === null) delete c.t[key];
      else c.t[key] = v;
    }
  }
  for (const [k, e] of delta.agency) {
    let c = cells.agency.get(k);
    if (!c) cells.agency.set(k, (c = { ...e.cell, m: {}, t: {} }));
    for (const [m, v] of Object.entries(e.inc) as [AgencyMetric, number][]) c.m[m] = (c.m[m] ?? 0) + v;
    for (const [key, v] of Object.entries(e.t)) {
      if (v === null) delete c.t[key];
      else c.t[key] = v;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Answers

/** Every figure, zero when nothing counted. Money in fen. */
export type Figures = Record<Metric, number>;

const zero = (): Figures => Object.fromEntries(METRICS.map((m) => [m, 0])) as Figures;
const zeroAgency = (): Record<AgencyMetric, number> => Object.fromEntries(AGENCY_METRICS.map((m) => [m, 0])) as Record<AgencyMetric, number>;

function addInto<M extends string>(into: Record<M, number>, m: Partial<Record<M, number>>): void {
  for (const [k, v] of Object.entries(m) as [M, number][]) if (k in into) into[k] += v;
}

/** The median of a list of numbers (null for none). */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 100) / 100;
}

/** A resolved period: first and last month, inclusive. */
export interface Period {
  from: string;
  to: string;
}

/** The months of a period, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = p.from.split('-').map(Number) as [number, number];
  const [ty, tm] = p.to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export interface Region {
  province?: string;
  city?: string;
}

const inRegion = (c: { province: string; city: string }, r: Region, cityNames: (zh: string) => Label | undefined) => {
  if (r.province && c.province !== r.province) return false;
  if (r.city) {
    const wanted = r.city.toLowerCase();
    const label = cityNames(c.city);
    if (c.city.toLowerCase() !== wanted && label?.en.toLowerCase() !== wanted) return false;
  }
  return true;
};

export type Breakdown<K extends string = string> = Figures & { key: K; label: Label };

const ORG_KIND_LABELS: Record<string, Label> = {
  university: { zh: '高校', en: 'Universities' },
  institute: { zh: '科研院所', en: 'Research institutes' },
  enterprise: { zh: '企业', en: 'Enterprises' },
  agency: { zh: '技术转移机构', en: 'Transfer agencies' },
  unknown: { zh: '未知', en: 'Unknown' },
};

/** The funnel's steps, in order, and the figure each counts. */
export const FUNNEL = [
  ['listing', 'listings'],
  ['match', 'matches'],
  ['interest', 'interests'],
  ['deal', 'dealsOpened'],
  ['agreement', 'dealsAgreed'],
  ['contract', 'dealsContracted'],
  ['payment', 'dealsPaid'],
] as const satisfies readonly (readonly [string, Metric])[];
export type FunnelStep = (typeof FUNNEL)[number][0];

/**
 * The zone indicators of a period and region, from the zone cells: totals; by month (every month
 * of the period), technical field, province, city, deal mode and organisation kind; the funnel with
 * each step's rate of the step before; the median days from first match to agreement; the share of
 * university results transferred (by the period's end, of those listed by then).
 */
export function summarize(cells: Iterable<ZoneCell>, period: Period, region: Region, cityNames: (zh: string) => Label | undefined) {
  const months = monthsOf(period);
  const totals = zero();
  const byMonth = new Map(months.map((m) => [m, zero()]));
  const byField = new Map<string, Figures>();
  const byProvince = new Map<string, Figures>();
  const byCity = new Map<string, Figures & { province: string }>();
  const byMode = new Map<string, Figures>();
  const byOrgKind = new Map<string, Figures>();
  const timings: number[] = [];
  const uni = { listed: 0, transferred: 0, transferredInPeriod: 0 };
  const get = <T>(map: Map<string, T>, k: string, make: () => T) => {
    let v = map.get(k);
    if (!v) map.set(k, (v = make()));
    return v;
  };
  for (const c of cells) {
    if (!inRegion(c, region, cityNames)) continue;
    if (c.orgKind === 'university' && c.month <= period.to) {
      uni.listed += c.m.listings ?? 0;
      uni.transferred += c.m.resultsTransferred ?? 0;
    }
    if (c.month < period.from || c.month > period.to) continue;
    if (c.orgKind === 'university') uni.transferredInPeriod += c.m.resultsTransferred ?? 0;
    addInto(totals, c.m);
    addInto(byMonth.get(c.month)!, c.m);
    addInto(get(byField, c.field, zero), c.m);
    addInto(get(byProvince, c.province, zero), c.m);
    if (c.city) addInto(get(byCity, `${c.province}|${c.city}`, () => ({ ...zero(), province: c.province })), c.m);
    if (c.mode) addInto(get(byMode, c.mode, zero), c.m);
    addInto(get(byOrgKind, c.orgKind, zero), c.m);
    for (const d of Object.values(c.t)) timings.push(d);
  }
  const rows = <T extends Figures>(map: Map<string, T>, order: readonly string[], label: (k: string) => Label | undefined) =>
    [...map.entries()]
      .sort(([a], [b]) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.localeCompare(b);
      })
      .map(([key, f]) => ({ key, label: label(key) ?? { zh: key, en: key }, ...f }));
  const funnel = FUNNEL.map(([step, metric], i) => {
    const count = totals[metric];
    const prev = i === 0 ? null : totals[FUNNEL[i - 1]![1]];
    return { step, count, rate: prev ? Math.round((count / prev) * 10_000) / 10_000 : null };
  });
  return {
    period,
    region: { province: region.province ?? null, city: region.city ?? null },
    totals,
    byMonth: months.map((month) => ({ key: month, label: { zh: month, en: month }, ...byMonth.get(month)! })),
    byField: rows(byField, FIELDS.map((f) => f.code), fieldLabel),
    byProvince: rows(byProvince, REGIONS.map((r) => r.code), regionLabel),
    byCity: [...byCity.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, f]) => {
        const city = k.slice(k.indexOf('|') + 1);
        const en = cityNames(city)?.en ?? city;
        return { key: k, label: { zh: city, en }, ...f };
      }),
    byMode: rows(byMode, DEAL_MODES.map((m) => m.code), modeLabel),
    byOrgKind: rows(byOrgKind, Object.keys(ORG_KIND_LABELS), (k) => ORG_KIND_LABELS[k]),
    funnel,
    matchToAgreement: { medianDays: median(timings), deals: timings.length },
    universityResults: {
      listed: uni.listed,
      transferred: uni.transferred,
      transferredInPeriod: uni.transferredInPeriod,
      share: uni.listed ? Math.round((uni.transferred / uni.listed) * 10_000) / 10_000 : null,
    },
  };
}
export type ZoneIndicators = ReturnType<typeof summarize>;

/** One agency's or broker's performance in a period. */
export type Performance = Record<AgencyMetric, number> & {
  medianDaysToClose: number | null;
  /** Contracts per brokered deal (null when none was brokered). */
  conversion: number | null;
  rank: number;
};

/**
 * Agency and broker performance of a period, from the agency cells, ranked by turnover, then
 * commission, then contracts (ties share a rank).
 */
export function performance(cells: Iterable<AgencyCell>, period: Period) {
  const agencies = new Map<string, { m: Record<AgencyMetric, number>; t: number[] }>();
  const brokers = new Map<string, { agency: string; broker: string; m: Record<AgencyMetric, number>; t: number[] }>();
  for (const c of cells) {
    if (c.month < period.from || c.month > period.to) continue;
    let a = agencies.get(c.agency);
    if (!a) agencies.set(c.agency, (a = { m: zeroAgency(), t: [] }));
    addInto(a.m, c.m);
    a.t.push(...Object.values(c.t));
    if (!c.broker) continue;
    const k = `${c.agency}|${c.broker}`;
    let b = brokers.get(k);
    if (!b) brokers.set(k, (b = { agency: c.agency, broker: c.broker, m: zeroAgency(), t: [] }));
    addInto(b.m, c.m);
    b.t.push(...Object.values(c.t));
  }
  const ranked = <T extends { m: Record<AgencyMetric, number>; t: number[] }>(list: T[]) => {
    const cmp = (x: T, y: T) => y.m.turnover - x.m.turnover || y.m.commission - x.m.commission || y.m.dealsContracted - x.m.dealsContracted;
    const sorted = [...list].sort(cmp);
    return sorted.map((x, i) => {
      let rank = i + 1;
      while (rank > 1 && cmp(sorted[rank - 2]!, x) === 0) rank--;
      const perf: Performance = {
        ...x.m,
        medianDaysToClose: median(x.t),
        conversion: x.m.dealsBrokered ? Math.round((x.m.dealsContracted / x.m.dealsBrokered) * 10_000) / 10_000 : null,
        rank,
      };
      return { item: x, perf };
    });
  };
  return {
    agencies: ranked([...agencies.entries()].map(([agency, v]) => ({ agency, ...v }))).map(({ item, perf }) => ({ agency: item.agency, ...perf })),
    brokers: ranked([...brokers.values()]).map(({ item, perf }) => ({ agency: item.agency, broker: item.broker, ...perf })),
  };
}
