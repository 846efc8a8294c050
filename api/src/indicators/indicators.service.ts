// The indicators service: zone indicators, the public summary, agency performance and commission
// statements, read from the stored rollup (indicators.rollup.ts), which it keeps up to date from
// the stored domain events and rebuilds from the raw data on demand.
//
// Incremental path: an event names the records it touched; their facts are computed again from
// their current records (indicators.source.ts) and each fact that changed is stored by a
// compare-and-set on its version — the one writer that wins applies the difference to the cells.
// Idempotent: an event seen twice (a late flush, a recovery) computes the same fact, which changes
// nothing. A deal moving back and forth counts each status once ("ever reached", from its trail).
//
// Reads: the cells are cached in the process with the rollup's version; each read checks the
// version (one point read) and reloads the cells only when another change happened.

import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { findByIds, findPage } from '../store/store';
import { forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { Logger } from '../logger';
import { Org } from '../orgs/org.model';
import { User } from '../auth/user.model';
import { Deal } from '../deals/deal.model';
import { PaymentItem } from '../payments/payment-item.model';
import { findByField } from '../store/store';
import { IndicatorAgencyCell, IndicatorCell, IndicatorFact, IndicatorMeta } from './indicator.model';
import { dayOf, received, type Fact } from './indicators.facts';
import { achievementFacts, allFacts, demandFacts, interestFacts, matchFacts } from './indicators.source';
import { applyDelta, cellsOf, factDelta, performance, summarize, type AgencyCell, type CellDelta, type Period, type ZoneCell } from './indicators.rollup';
import type { IndicatorsQuery, StatementQuery } from './indicators.schemas';

const M = <T>(m: T) => m as unknown as Model<never>;
const META_ID = 'rollup';
const MAX_ATTEMPTS = 8;
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The current month (YYYY-MM, China time). */
const thisMonth = (now: Date) => new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);

/** The period a query names: its year, its from/to months, or the current calendar year. */
export function periodOf(q: Pick<IndicatorsQuery, 'year' | 'from' | 'to'>, now = new Date()): Period {
  if (q.year) return { from: `${q.year}-01`, to: `${q.year}-12` };
  if (q.from || q.to) return { from: q.from ?? q.to!, to: q.to ?? q.from! };
  const y = thisMonth(now).slice(0, 4);
  return { from: `${y}-01`, to: `${y}-12` };
}

/** What a record change names for the indicators to compute again. */
export type IndicatorsTouch =
  | { kind: 'deal'; achievement: string; deal: string }
  | { kind: 'achievement'; id: string }
  | { kind: 'demand'; id: string }
  | { kind: 'match'; ids: string[] }
  | { kind: 'interest'; id: string };

interface Cells {
  /** The rollup's build and version the cells are of. */
  build: string;
  version: number;
  zone: Map<string, ZoneCell>;
  agency: Map<string, AgencyCell>;
}

interface CityName {
  zh: string;
  en: string;
}

export interface IndicatorsDeps {
  logger?: Logger;
}

export class IndicatorsService {
  private cache: Cells | null = null;
  private loading: Promise<Cells> | null = null;
  private building: Promise<void> | null = null;
  private cityNames = new Map<string, CityName>();
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: IndicatorsDeps = {}) {}

  // ------------------------------------------------------------------------------------------
  // Reads

  /** The zone indicators of a period and region (platform admins). */
  async indicators(q: IndicatorsQuery) {
    const cells = await this.cells();
    return summarize(cells.zone.values(), periodOf(q), { province: q.province, city: q.city }, (zh) => this.cityNames.get(zh));
  }

  /**
   * The public summary: the same figures without what concerns the platform's and agencies'
   * money (fees, commissions) — every figure is a sum over many organisations, none per organisation.
   */
  async publicSummary(q: IndicatorsQuery) {
    const full = await this.indicators(q);
    const strip = <T extends { commission: number; platformFee: number }>(f: T) => {
      const { commission: _c, platformFee: _p, ...rest } = f;
      return rest;
    };
    return {
      period: full.period,
      region: full.region,
      totals: strip(full.totals),
      byMonth: full.byMonth.map(strip),
      byField: full.byField.map(strip),
      byProvince: full.byProvince.map(strip),
      byCity: full.byCity.map(strip),
      byMode: full.byMode.map(strip),
      byOrgKind: full.byOrgKind.map(strip),
      funnel: full.funnel,
      matchToAgreement: full.matchToAgreement,
      universityResults: full.universityResults,
    };
  }

  /** Agency and broker performance and ranking (platform admins). */
  async agencies(q: Pick<IndicatorsQuery, 'year' | 'from' | 'to'>) {
    const cells = await this.cells();
    const period = periodOf(q);
    const perf = performance(cells.agency.values(), period);
    const orgIds = [...new Set(perf.agencies.map((a) => a.agency))];
    const userIds = [...new Set(perf.brokers.map((b) => b.broker))];
    const [orgs, users] = await Promise.all([
      findByIds<{ _id: unknown; name?: { zh?: string; en?: string } }>(M(Org), orgIds, { projection: { name: 1 } }),
      findByIds<{ _id: unknown; name?: string }>(M(User), userIds, { projection: { name: 1 } }),
    ]);
    const orgName = new Map(orgs.map((o) => [String(o._id), { zh: o.name?.zh ?? '', en: o.name?.en ?? '' }]));
    const userName = new Map(users.map((u) => [String(u._id), u.name ?? '']));
    const ref = (id: string) => ({ id, name: orgName.get(id) ?? { zh: '', en: '' } });
    return {
      period,
      agencies: perf.agencies.map(({ agency, ...p }) => ({ agency: ref(agency), ...p })),
      brokers: perf.brokers.map(({ agency, broker, ...p }) => ({ agency: ref(agency), broker: { id: broker, name: userName.get(broker) ?? '' }, ...p })),
    };
  }

  /**
   * An agency's commission statement: every payment received on a deal it brokered from `from` to
   * `to` (China time), with the commission on it — the same figure the indicators count. Platform
   * admins, or the agency's own admins.
   */
  async statement(user: SessionUser, orgId: string, q: StatementQuery) {
    const isAdmin = user.roles.includes('platform-admin');
    if (!isAdmin && !(user.orgId === orgId && user.roles.includes('org-admin'))) throw forbidden('Only the agency’s admins and platform admins may read its commission statement');
    const [org] = await findByIds<{ _id: unknown; kind: string; name?: { zh?: string; en?: string } }>(M(Org), [orgId], { projection: { kind: 1, name: 1 } });
    if (!org) throw notFound('Organisation');
    const y = thisMonth(new Date()).slice(0, 4);
    const from = q.from ?? `${y}-01-01`;
    const to = q.to ?? `${y}-12-31`;
    const deals = (
      await findByField<{ _id: unknown; brokerOrg?: unknown; achievementTitle?: { zh?: string; en?: string }; supplierName?: { zh?: string; en?: string }; buyerName?: { zh?: string; en?: string } }>(
        M(Deal),
        'participantOrgs',
        [org._id],
        { projection: { brokerOrg: 1, achievementTitle: 1, supplierName: 1, buyerName: 1 } },
      )
    ).filter((d) => String(d.brokerOrg) === orgId);
    const dealById = new Map(deals.map((d) => [String(d._id), d]));
    const items = await findByField<{ _id: unknown; deal: unknown; key: string; label?: { zh?: string; en?: string }; amount: number; paidAt: Date | null; refundedAmount?: number; kind: string; fees: { platformFeeBps: number; brokerCommissionBps: number } }>(
      M(PaymentItem),
      'deal',
      deals.map((d) => d._id),
      { projection: { deal: 1, key: 1, label: 1, amount: 1, paidAt: 1, refundedAmount: 1, kind: 1, fees: 1 } },
    );
    const rows = items
      .filter((i) => i.paidAt && dayOf(new Date(i.paidAt)) >= from && dayOf(new Date(i.paidAt)) <= to)
      .map((i) => {
        const r = received(i)!;
        const d = dealById.get(String(i.deal))!;
        return {
          paidOn: dayOf(new Date(i.paidAt!)),
          paidAt: new Date(i.paidAt!),
          dealId: String(i.deal),
          itemId: String(i._id),
          achievement: { zh: d.achievementTitle?.zh ?? '', en: d.achievementTitle?.en ?? '' },
          supplier: { zh: d.supplierName?.zh ?? '', en: d.supplierName?.en ?? '' },
          buyer: { zh: d.buyerName?.zh ?? '', en: d.buyerName?.en ?? '' },
          item: { zh: i.label?.zh ?? i.key, en: i.label?.en ?? i.key },
          amount: i.amount,
          refunded: i.refundedAmount ?? 0,
          net: r.net,
          commissionBps: i.fees.brokerCommissionBps,
          commission: r.commission,
        };
      })
      .sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.itemId.localeCompare(b.itemId));
    const totals = rows.reduce((t, r) => ({ amount: t.amount + r.amount, refunded: t.refunded + r.refunded, net: t.net + r.net, commission: t.commission + r.commission }), {
      amount: 0,
      refunded: 0,
      net: 0,
      commission: 0,
    });
    return { agency: { id: orgId, name: { zh: org.name?.zh ?? '', en: org.name?.en ?? '' } }, from, to, rows, totals };
  }

  // ------------------------------------------------------------------------------------------
  // The rollup

  /** The cells, from the cache while the stored version is the cached one (building the rollup once if it was never built). */
  async cells(): Promise<Cells> {
    const meta = await this.meta();
    if (!meta) {
      await this.ensureBuilt();
      return this.cells();
    }
    if (this.cache && this.cache.build === meta.build && this.cache.version === meta.version) return this.cache;
    if (!this.loading) {
      this.loading = this.load().finally(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  private async meta(): Promise<{ build: string; version: number; builtAt: Date | null } | null> {
    const [m] = await findByIds<{ build: string; version: number; builtAt: Date | null }>(M(IndicatorMeta), [META_ID]);
    return m ?? null;
  }

  private async load(): Promise<Cells> {
    const meta = await this.meta();
    const [zone, agency] = await Promise.all([
      findPage<ZoneCell>(M(IndicatorCell), {}, { sort: { _id: 1 }, limit: 100_000_000 }),
      findPage<AgencyCell>(M(IndicatorAgencyCell), {}, { sort: { _id: 1 }, limit: 100_000_000 }),
    ]);
    await this.loadCityNames();
    // A cell inserted by an increment alone has no timings yet (and the other way round).
    const norm = <C extends { m?: object; t?: object }>(c: C) => Object.assign(c, { m: c.m ?? {}, t: c.t ?? {} });
    this.cache = { build: meta?.build ?? '', version: meta?.version ?? 0, zone: new Map(zone.map((c) => [c._id, norm(c)])), agency: new Map(agency.map((c) => [c._id, norm(c)])) };
    return this.cache;
  }

  private async loadCityNames(): Promise<void> {
    const orgs = await findPage<{ city?: CityName | null }>(M(Org), {}, { sort: { _id: 1 }, limit: 1_000_000, projection: { city: 1 } });
    for (const o of orgs) if (o.city?.zh) this.cityNames.set(o.city.zh, { zh: o.city.zh, en: o.city.en ?? o.city.zh });
  }

  /** Builds the rollup if it was never built (once per process at a time). */
  async ensureBuilt(): Promise<void> {
    if (await this.meta()) return;
    if (!this.building) {
      this.building = this.rebuild().then(() => undefined).finally(() => {
        this.building = null;
      });
    }
    await this.building;
  }

  /**
   * Rebuilds every fact and cell from the raw data (`npm run indicators:rebuild`; the first read of
   * a database that never had a rollup). Returns what it stored.
   */
  async rebuild(): Promise<{ facts: number; zoneCells: number; agencyCells: number }> {
    const facts = await allFacts();
    const { zone, agency } = cellsOf(facts);
    await Promise.all([IndicatorFact.deleteMany({}), IndicatorCell.deleteMany({}), IndicatorAgencyCell.deleteMany({})]);
    const chunks = async (model: Model<never>, docs: readonly object[]) => {
      for (let i = 0; i < docs.length; i += 2000) await model.insertMany(docs.slice(i, i + 2000) as never[], { ordered: false });
    };
    await chunks(M(IndicatorFact), facts.filter((f) => f.zone.length || f.agency.length || f.timed.length || f.agencyTimed.length).map((f) => ({ ...f, v: 1 })));
    await chunks(M(IndicatorCell), zone);
    await chunks(M(IndicatorAgencyCell), agency);
    await IndicatorMeta.updateOne({ _id: META_ID }, { $inc: { version: 1 }, $set: { builtAt: new Date(), build: randomUUID() } }, { upsert: true });
    this.cache = null;
    return { facts: facts.length, zoneCells: zone.length, agencyCells: agency.length };
  }

  /**
   * Computes the facts of what an event touched again and stores the changes. Before the rollup
   * was ever built it does nothing: the first build counts everything.
   */
  async touch(t: IndicatorsTouch): Promise<void> {
    if (!(await this.meta())) return;
    let facts: Fact[];
    switch (t.kind) {
      case 'deal':
        facts = await achievementFacts(t.achievement, t.deal);
        break;
      case 'achievement':
        facts = await achievementFacts(t.id, null);
        break;
      case 'demand':
        facts = await demandFacts(t.id);
        break;
      case 'match':
        facts = await matchFacts(t.ids);
        break;
      case 'interest':
        facts = await interestFacts(t.id);
        break;
    }
    for (const f of facts) await this.store(f);
  }

  /** Runs `touch` in the background (after the command's answer); `idle` waits for it. Failures are logged: the rebuild repairs. */
  schedule(t: IndicatorsTouch): void {
    const p = this.touch(t).catch((err: unknown) => this.deps.logger?.warn({ err, touch: t }, 'indicators: a rollup update failed; `npm run indicators:rebuild` repairs it'));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resolves when every scheduled update has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Stores one fact if it changed: compare-and-set on its version, then its difference to the cells. */
  private async store(fact: Fact): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [old] = await findByIds<Fact & { v: number }>(M(IndicatorFact), [fact._id]);
      const delta = factDelta(old ?? null, fact);
      if (!delta.zone.size && !delta.agency.size) return;
      const doc = { zone: fact.zone, timed: fact.timed, agency: fact.agency, agencyTimed: fact.agencyTimed };
      if (old) {
        const res = await IndicatorFact.collection.updateOne({ _id: fact._id, v: old.v } as never, { $set: { ...doc, v: old.v + 1 } });
        if (res.modifiedCount !== 1) continue;
      } else {
        try {
          await IndicatorFact.collection.insertOne({ _id: fact._id, ...doc, v: 1 } as never);
        } catch (err) {
          if (isDuplicate(err)) continue;
          throw err;
        }
      }
      await this.apply(delta);
      return;
    }
    throw new Error(`indicators: ${fact._id} kept changing`);
  }

  private async apply(delta: CellDelta): Promise<void> {
    const write = async (model: Model<never>, id: string, cell: Record<string, unknown>, inc: Record<string, number | undefined>, t: Record<string, number | null>) => {
      const $inc = Object.fromEntries(Object.entries(inc).map(([k, v]) => [`m.${k}`, v]));
      const $set = Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null).map(([k, v]) => [`t.${k}`, v]));
      const $unset = Object.fromEntries(Object.entries(t).filter(([, v]) => v === null).map(([k]) => [`t.${k}`, 1]));
      const { _id: _ignored, ...fields } = cell;
      // The cell's identity fields on insert, and empty maps to add to.
      const $setOnInsert = { ...fields, ...(Object.keys($inc).length ? {} : { m: {} }), ...(Object.keys($set).length || Object.keys($unset).length ? {} : { t: {} }) };
      await model.collection.updateOne(
        { _id: id } as never,
        { ...(Object.keys($inc).length ? { $inc } : {}), ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}), $setOnInsert } as never,
        { upsert: true },
      );
    };
    for (const [id, e] of delta.zone) await write(M(IndicatorCell), id, e.cell as unknown as Record<string, unknown>, e.inc, e.t);
    for (const [id, e] of delta.agency) await write(M(IndicatorAgencyCell), id, e.cell as unknown as Record<string, unknown>, e.inc, e.t);
    await IndicatorMeta.collection.updateOne({ _id: META_ID } as never, { $inc: { version: 1 } });
    // This process's cache takes the change at once when nobody else changed the rollup meanwhile.
    if (this.cache) {
      const meta = await this.meta();
      if (meta && meta.build === this.cache.build && meta.version === this.cache.version + 1) {
        applyDelta(this.cache, delta);
        this.cache.version = meta.version;
      }
    }
  }
}
