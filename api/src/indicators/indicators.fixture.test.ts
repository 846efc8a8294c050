// A hand-built fixture with known answers: organisations, listings, matches, interests and deals
// written straight into the database at known dates (deals with and without an audit trail, one
// agreed then cancelled, one seen agreed twice, a partly refunded brokered payment), then the
// figures checked against numbers worked out by hand — from the rebuild, and from the incremental
// path touching every record in a shuffled order, twice.

import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { Org } from '../orgs/org.model';
import { User } from '../auth/user.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Interest, Match } from '../matching/match.model';
import { Deal } from '../deals/deal.model';
import { AuditEvent } from '../audit/audit.model';
import { Contract } from '../contracts/contract.model';
import { PaymentItem } from '../payments/payment-item.model';
import { IndicatorAgencyCell, IndicatorCell } from './indicator.model';
import { IndicatorsService, type IndicatorsTouch } from './indicators.service';
import { allFacts } from './indicators.source';
import { cellsOf } from './indicators.rollup';

const id = () => new Types.ObjectId();
/** Noon, China time, on a date. */
const at = (date: string) => new Date(`${date}T12:00:00+08:00`);

const U1 = id();
const I1 = id();
const E1 = id();
const A1 = id();
const B1 = id(); // a broker of A1
const EU = id(); // a member of E1
const a1 = id();
const a2 = id();
const a3 = id();
const a4 = id();
const d1 = id();
const d2 = id();
const m1 = id();
const m2 = id();
const i1 = id();
const i2 = id();
const D1 = id();
const D2 = id();
const D3 = id();
const D4 = id();

async function transition(deal: Types.ObjectId, from: string, to: string, date: string) {
  await AuditEvent.create({ eventId: `t-${String(deal)}-${to}-${date}`, action: 'deal.transitioned', entity: 'deal', entityId: deal, from, to, at: at(date) });
}

const fees = (platformFeeBps: number, brokerCommissionBps: number, amount: number) => {
  const platformFee = Math.round((amount * platformFeeBps) / 10_000);
  const brokerCommission = Math.round((amount * brokerCommissionBps) / 10_000);
  return { platformFeeBps, platformFee, brokerCommissionBps, brokerCommission, supplierNet: amount - platformFee - brokerCommission };
};

async function fixture() {
  await Org.insertMany([
    { _id: U1, kind: 'university', name: { zh: '南京测试大学', en: 'Nanjing Test University' }, region: '320000', city: { zh: '南京', en: 'Nanjing' } },
    { _id: I1, kind: 'institute', name: { zh: '北京测试研究院', en: 'Beijing Test Institute' }, region: '110000', city: { zh: '北京', en: 'Beijing' } },
    { _id: E1, kind: 'enterprise', name: { zh: '深圳测试公司', en: 'Shenzhen Test Co.' }, region: '440000', city: { zh: '深圳', en: 'Shenzhen' } },
    { _id: A1, kind: 'agency', name: { zh: '上海测试技术转移中心', en: 'Shanghai Test TT Centre' }, region: '310000', city: { zh: '上海', en: 'Shanghai' } },
  ]);
  await User.insertMany([
    { _id: B1, email: 'b1@example.cn', passwordHash: 'x', name: '经纪人甲', org: A1, roles: ['member', 'broker'] },
    { _id: EU, email: 'eu@example.cn', passwordHash: 'x', name: '采购员', org: E1, roles: ['member'] },
  ]);
  const ach = (o: { _id: Types.ObjectId; org: Types.ObjectId; field: string; region: string; publishedAt: Date | null; status: string }) => ({
    ...o,
    createdBy: B1,
    title: { zh: '测试成果', en: 'Test achievement' },
    trl: 5,
    ipType: 'invention-patent',
  });
  await Achievement.insertMany([
    ach({ _id: a1, org: U1, field: 'ai', region: '320000', publishedAt: at('2025-03-10'), status: 'transacted' }),
    ach({ _id: a2, org: U1, field: 'new-materials', region: '320000', publishedAt: at('2025-11-20'), status: 'published' }),
    ach({ _id: a3, org: I1, field: 'ai', region: '110000', publishedAt: at('2026-01-05'), status: 'negotiating' }),
    ach({ _id: a4, org: U1, field: 'ai', region: '320000', publishedAt: null, status: 'draft' }),
  ]);
  await Demand.insertMany([
    { _id: d1, org: E1, createdBy: EU, title: { zh: '需求一' }, field: 'ai', region: '440000', status: 'open', publishedAt: at('2025-04-01') },
    { _id: d2, org: E1, createdBy: EU, title: { zh: '需求二' }, field: 'biomedicine', region: '440000', status: 'open', publishedAt: at('2026-02-01') },
  ]);
  await Match.insertMany([
    { _id: m1, demand: d1, achievement: a1, demandOrg: E1, supplierOrg: U1, score: 0.8, createdAt: at('2025-04-02') },
    { _id: m2, demand: d1, achievement: a3, demandOrg: E1, supplierOrg: I1, score: 0.7, source: 'broker', brokerOrg: A1, brokerUser: B1, createdAt: at('2026-01-06') },
  ]);
  await Interest.insertMany([
    { _id: i1, achievement: a1, supplierOrg: U1, fromOrg: E1, fromUser: EU, match: m1, createdAt: at('2025-04-05') },
    { _id: i2, achievement: a3, supplierOrg: I1, fromOrg: E1, fromUser: EU, match: m2, createdAt: at('2026-01-07') },
  ]);
  const deal = (o: Record<string, unknown>) => ({ supplierOrg: U1, buyerOrg: E1, participantOrgs: [U1, E1], openedBy: EU, liveKey: `closed:${String(o._id)}`, ...o });
  await Deal.collection.insertMany([
    // D1: through the whole trail (audit), contracted and paid in two items, completed.
    deal({ _id: D1, achievement: a1, match: m1, mode: 'license', status: 'completed', createdAt: at('2025-04-10'), updatedAt: at('2025-07-01'), agreedOfferVersion: 1, offers: [] }),
    // D2: brokered; agreed (seen twice in the trail), then cancelled.
    deal({ _id: D2, achievement: a3, supplierOrg: I1, participantOrgs: [I1, E1, A1], brokerOrg: A1, openedBy: B1, match: m2, mode: 'transfer', status: 'cancelled', createdAt: at('2026-01-10'), updatedAt: at('2026-02-15'), agreedOfferVersion: 1, offers: [] }),
    // D3: brokered, loaded with no trail at all: agreed by its acceptances, contracted by its contract, paying.
    deal({
      _id: D3,
      achievement: a3,
      supplierOrg: I1,
      participantOrgs: [I1, E1, A1],
      brokerOrg: A1,
      openedBy: B1,
      mode: 'license',
      status: 'paying',
      createdAt: at('2026-03-01'),
      updatedAt: at('2026-04-02'),
      agreedOfferVersion: 1,
      offers: [{ version: 1, acceptances: [{ side: 'supplier', at: at('2026-03-04') }, { side: 'buyer', at: at('2026-03-05') }] }],
    }),
    // D4: cancelled while open.
    deal({ _id: D4, achievement: a2, mode: 'equity', status: 'cancelled', createdAt: at('2025-12-01'), updatedAt: at('2025-12-03'), agreedOfferVersion: null, offers: [] }),
  ]);
  await transition(D1, 'open', 'negotiating', '2025-04-11');
  await transition(D1, 'negotiating', 'agreed', '2025-05-02');
  await transition(D1, 'agreed', 'contracted', '2025-05-20');
  await transition(D1, 'contracted', 'paying', '2025-05-20');
  await transition(D1, 'paying', 'completed', '2025-07-01');
  await transition(D2, 'open', 'negotiating', '2026-01-11');
  await transition(D2, 'negotiating', 'agreed', '2026-02-10');
  await transition(D2, 'negotiating', 'agreed', '2026-02-12');
  await transition(D2, 'agreed', 'cancelled', '2026-02-15');
  await transition(D4, 'open', 'cancelled', '2025-12-03');
  const contract = (dealId: Types.ObjectId, amount: number, signedAt: Date | null, status: string) => ({
    deal: dealId,
    mode: 'license',
    category: 'x',
    offerVersion: 1,
    particulars: { dispute: { method: 'court', venue: 'x' }, confidentialityYears: 3 },
    content: { amount },
    hash: 'h',
    status,
    signedAt,
  });
  await Contract.insertMany([contract(D1, 1_000_000, at('2025-05-20'), 'signed'), contract(D3, 2_000_000, at('2026-03-20'), 'signed'), contract(D2, 5_000_000, null, 'draft')]);
  const item = (dealId: Types.ObjectId, key: string, amount: number, paidAt: Date | null, f: ReturnType<typeof fees>, refundedAmount = 0) => ({
    deal: dealId,
    key,
    kind: 'installment',
    amount,
    fees: f,
    status: paidAt ? (refundedAmount ? 'partially_refunded' : 'paid') : 'pending',
    paidAt,
    refundedAmount,
  });
  await PaymentItem.insertMany([
    item(D1, 'deposit', 100_000, at('2025-06-01'), fees(100, 0, 100_000)),
    item(D1, 'rest', 900_000, at('2025-07-01'), fees(100, 0, 900_000)),
    item(D3, 'upfront', 2_000_000, at('2026-04-02'), fees(100, 500, 2_000_000), 500_000),
    item(D3, 'milestone', 300_000, null, fees(100, 500, 300_000)),
  ]);
}

const ALL: IndicatorsTouch[] = [
  { kind: 'achievement', id: String(a1) },
  { kind: 'achievement', id: String(a2) },
  { kind: 'achievement', id: String(a3) },
  { kind: 'achievement', id: String(a4) },
  { kind: 'demand', id: String(d1) },
  { kind: 'demand', id: String(d2) },
  { kind: 'match', ids: [String(m1), String(m2)] },
  { kind: 'interest', id: String(i1) },
  { kind: 'interest', id: String(i2) },
  ...[
    [D1, a1],
    [D2, a3],
    [D3, a3],
    [D4, a2],
  ].map(([d, a]) => ({ kind: 'deal' as const, deal: String(d), achievement: String(a) })),
];

/** A deterministic shuffle. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pick = (rows: { key: string }[], key: string) => rows.find((r) => r.key === key) as Record<string, number> | undefined;

function check2025(r: Awaited<ReturnType<IndicatorsService['indicators']>>) {
  assert.deepEqual(
    { ...r.totals },
    {
      listings: 2,
      demands: 1,
      matches: 1,
      interests: 1,
      dealsOpened: 2,
      dealsAgreed: 1,
      dealsContracted: 1,
      dealsPaid: 1,
      dealsCompleted: 1,
      dealsCancelled: 1,
      resultsTransferred: 1,
      turnover: 1_000_000,
      paid: 1_000_000,
      commission: 0,
      platformFee: 10_000,
    },
  );
  assert.equal(r.byMonth.length, 12);
  assert.deepEqual(
    r.byMonth.filter((m) => m.dealsAgreed || m.dealsContracted || m.turnover).map((m) => [m.key, m.dealsAgreed, m.dealsContracted, m.turnover]),
    [['2025-05', 1, 1, 1_000_000]],
  );
  assert.deepEqual(r.byMonth.filter((m) => m.paid).map((m) => [m.key, m.paid]), [
    ['2025-06', 100_000],
    ['2025-07', 900_000],
  ]);
  assert.deepEqual(r.byField.map((f) => [f.key, f.listings, f.dealsOpened]), [
    ['ai', 1, 1],
    ['new-materials', 1, 1],
  ]);
  assert.deepEqual(r.byProvince.map((p) => [p.key, p.listings, p.demands, p.dealsOpened]), [
    ['320000', 2, 0, 2],
    ['440000', 0, 1, 0],
  ]);
  assert.deepEqual(r.byCity.map((c) => [c.label.zh, c.label.en, c.province, c.listings]), [
    ['南京', 'Nanjing', '320000', 2],
    ['深圳', 'Shenzhen', '440000', 0],
  ]);
  assert.deepEqual(r.byMode.map((m) => [m.key, m.dealsOpened, m.dealsCancelled]), [
    ['license', 1, 0],
    ['equity', 1, 1],
  ]);
  assert.deepEqual(r.byOrgKind.map((k) => [k.key, k.listings, k.demands]), [
    ['university', 2, 0],
    ['enterprise', 0, 1],
  ]);
  assert.deepEqual(r.funnel, [
    { step: 'listing', count: 2, rate: null },
    { step: 'match', count: 1, rate: 0.5 },
    { step: 'interest', count: 1, rate: 1 },
    { step: 'deal', count: 2, rate: 2 },
    { step: 'agreement', count: 1, rate: 0.5 },
    { step: 'contract', count: 1, rate: 1 },
    { step: 'payment', count: 1, rate: 1 },
  ]);
  assert.deepEqual(r.matchToAgreement, { medianDays: 30, deals: 1 });
  assert.deepEqual(r.universityResults, { listed: 2, transferred: 1, transferredInPeriod: 1, share: 0.5 });
}

function check2026(r: Awaited<ReturnType<IndicatorsService['indicators']>>) {
  assert.deepEqual(
    { ...r.totals },
    {
      listings: 1,
      demands: 1,
      matches: 1,
      interests: 1,
      dealsOpened: 2,
      // D2 agreed twice in its trail, then cancelled: agreed once. D3 agreed by its acceptances.
      dealsAgreed: 2,
      dealsContracted: 1,
      dealsPaid: 1,
      dealsCompleted: 0,
      dealsCancelled: 1,
      resultsTransferred: 1,
      turnover: 2_000_000,
      // 2,000,000 received, 500,000 refunded; the fees on the net.
      paid: 1_500_000,
      commission: 75_000,
      platformFee: 15_000,
    },
  );
  assert.deepEqual(r.matchToAgreement, { medianDays: 46.5, deals: 2 }, 'D2: 35 days from its match, D3: 58 days from the pair’s first match');
  assert.deepEqual(r.universityResults, { listed: 2, transferred: 1, transferredInPeriod: 0, share: 0.5 });
  assert.equal(pick(r.byMonth, '2026-02')!.dealsAgreed, 1);
  assert.equal(pick(r.byMonth, '2026-02')!.dealsCancelled, 1);
  assert.equal(pick(r.byMonth, '2026-03')!.dealsAgreed, 1);
  assert.equal(pick(r.byOrgKind, 'institute')!.resultsTransferred, 1);
}

describe('indicators: a hand-built fixture with known answers', function () {
  this.timeout(120_000);

  it('gives the worked-out figures from the rebuild, per year, region and city', async () => {
    await fixture();
    const svc = new IndicatorsService();
    await svc.rebuild();
    check2025(await svc.indicators({ year: 2025 }));
    check2026(await svc.indicators({ year: 2026 }));
    // A period across both years: the sums.
    const both = await svc.indicators({ from: '2025-01', to: '2026-12' });
    assert.equal(both.byMonth.length, 24);
    assert.equal(both.totals.dealsOpened, 4);
    assert.equal(both.totals.turnover, 3_000_000);
    assert.deepEqual(both.matchToAgreement, { medianDays: 35, deals: 3 });
    // A province, and a city by either of its names.
    const beijing = await svc.indicators({ year: 2026, province: '110000' });
    assert.deepEqual([beijing.totals.listings, beijing.totals.demands, beijing.totals.dealsOpened, beijing.totals.turnover], [1, 0, 2, 2_000_000]);
    assert.deepEqual(await svc.indicators({ year: 2026, province: '110000', city: 'Beijing' }), { ...beijing, region: { province: '110000', city: 'Beijing' } });
    const nanjing = await svc.indicators({ year: 2025, province: '320000', city: '南京' });
    assert.deepEqual([nanjing.totals.listings, nanjing.totals.dealsOpened, nanjing.totals.demands], [2, 2, 0]);
    const none = await svc.indicators({ year: 2026, province: '320000', city: '苏州' });
    assert.equal(none.totals.listings + none.totals.dealsOpened, 0);
  });

  it('ranks agencies and brokers and states the commission the payments carry', async () => {
    await fixture();
    const svc = new IndicatorsService();
    await svc.rebuild();
    const perf = await svc.agencies({ year: 2026 });
    assert.equal(perf.agencies.length, 1);
    const { agency, ...a } = perf.agencies[0]!;
    assert.deepEqual(agency, { id: String(A1), name: { zh: '上海测试技术转移中心', en: 'Shanghai Test TT Centre' } });
    assert.deepEqual(a, {
      matches: 1,
      interests: 1,
      dealsBrokered: 2,
      dealsAgreed: 2,
      dealsContracted: 1,
      dealsCompleted: 0,
      turnover: 2_000_000,
      commission: 75_000,
      medianDaysToClose: 19,
      conversion: 0.5,
      rank: 1,
    });
    assert.deepEqual(
      perf.brokers.map((b) => [b.broker.name, b.agency.id, b.dealsBrokered, b.commission, b.rank]),
      [['经纪人甲', String(A1), 2, 75_000, 1]],
    );
    assert.deepEqual((await svc.agencies({ year: 2025 })).agencies, []);
    const admin = { id: String(id()), email: 'a@x.cn', name: 'admin', orgId: null, roles: ['platform-admin' as const], locale: 'zh' as const };
    const st = await svc.statement(admin, String(A1), { from: '2026-01-01', to: '2026-12-31' });
    assert.deepEqual(st.totals, { amount: 2_000_000, refunded: 500_000, net: 1_500_000, commission: 75_000 });
    assert.equal(st.totals.commission, a.commission, 'the statement reconciles with the indicators');
    assert.deepEqual(
      st.rows.map((r) => [r.paidOn, r.net, r.commissionBps, r.commission]),
      [['2026-04-02', 1_500_000, 500, 75_000]],
    );
    assert.deepEqual((await svc.statement(admin, String(A1), { from: '2026-04-03' })).rows, []);
  });

  it('gives the same cells and figures incrementally — every record touched in any order, twice — as the rebuild', async () => {
    const svc = new IndicatorsService();
    await svc.rebuild(); // an empty rollup: what follows is incremental
    await fixture();
    for (const t of shuffled(ALL, 7)) await svc.touch(t);
    for (const t of shuffled(ALL, 11)) await svc.touch(t);
    check2025(await svc.indicators({ year: 2025 }));
    check2026(await svc.indicators({ year: 2026 }));
    const stored = {
      zone: (await IndicatorCell.find().lean()).filter((c) => Object.values((c.m ?? {}) as Record<string, number>).some((v) => v) || Object.keys(c.t ?? {}).length),
      agency: (await IndicatorAgencyCell.find().lean()).filter((c) => Object.values((c.m ?? {}) as Record<string, number>).some((v) => v) || Object.keys(c.t ?? {}).length),
    };
    const recount = cellsOf(await allFacts());
    const norm = (cells: { _id: unknown; m?: unknown; t?: unknown }[]) =>
      cells
        .map((c) => ({
          _id: String(c._id),
          m: Object.fromEntries(Object.entries((c.m ?? {}) as Record<string, number>).filter(([, v]) => v).sort()),
          t: Object.fromEntries(Object.entries((c.t ?? {}) as Record<string, number>).sort()),
        }))
        .sort((x, y) => x._id.localeCompare(y._id));
    assert.deepEqual(norm(stored.zone), norm(recount.zone));
    assert.deepEqual(norm(stored.agency), norm(recount.agency));
    const fresh = new IndicatorsService();
    await fresh.rebuild();
    assert.deepEqual(await fresh.indicators({ year: 2026 }), await svc.indicators({ year: 2026 }));
  });

  it('counts a deal that went agreed → cancelled once for each, whenever it is touched', async () => {
    const svc = new IndicatorsService();
    await svc.rebuild();
    await fixture();
    const touchD2 = () => svc.touch({ kind: 'deal', deal: String(D2), achievement: String(a3) });
    // D2 as it stood when agreed: its cancellation not yet on record.
    await AuditEvent.deleteOne({ entityId: D2, to: 'cancelled' });
    await Deal.collection.updateOne({ _id: D2 }, { $set: { status: 'agreed' } });
    await touchD2();
    let r = await svc.indicators({ year: 2026 });
    assert.deepEqual([r.totals.dealsOpened, r.totals.dealsAgreed, r.totals.dealsCancelled], [1, 1, 0]);
    await transition(D2, 'agreed', 'cancelled', '2026-02-15');
    await Deal.collection.updateOne({ _id: D2 }, { $set: { status: 'cancelled' } });
    await touchD2();
    await touchD2();
    r = await svc.indicators({ year: 2026 });
    assert.deepEqual([r.totals.dealsOpened, r.totals.dealsAgreed, r.totals.dealsCancelled], [1, 1, 1]);
    assert.deepEqual(r.matchToAgreement, { medianDays: 35, deals: 1 });
  });
});
