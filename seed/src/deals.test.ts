// The demo's deals (issue 15): loaded through the api's models into a real database (FerretDB, by
// the api's test hooks), the seed's rebuild of the indicators gives every chart data — read over
// HTTP as a platform admin — and the figures agree with a recount of the stored contracts and
// payment items.
import assert from 'node:assert/strict';
import { mochaHooks, cleanDatabase } from '../../api/test/hooks';
import { startTestServer, TestClient, type TestServer } from '../../api/test/server';
import { Deal } from '../../api/src/deals/deal.model';
import { Contract } from '../../api/src/contracts/contract.model';
import { PaymentItem } from '../../api/src/payments/payment-item.model';
import { AuditEvent } from '../../api/src/audit/audit.model';
import { Interest, Match } from '../../api/src/matching/match.model';
import { feesFor } from '../../api/src/payments/fees';
import { monthOf } from '../../api/src/indicators/indicators.facts';
import { buildDemoData } from './demo';
import { buildDeals } from './deals';
import { configuredFees, demoId, loadDemoData } from './load';
import type { DemoData } from './types';

interface Figures {
  dealsOpened: number;
  dealsAgreed: number;
  dealsContracted: number;
  dealsPaid: number;
  dealsCompleted: number;
  dealsCancelled: number;
  turnover: number;
  paid: number;
  commission: number;
  platformFee: number;
}
interface Row extends Figures {
  key: string;
}
interface Dashboard {
  totals: Figures & { listings: number; matches: number; interests: number };
  funnel: { step: string; count: number }[];
  matchToAgreement: { medianDays: number | null; deals: number };
  byMonth: Row[];
  byField: Row[];
  byProvince: Row[];
  byMode: Row[];
  byOrgKind: Row[];
}

describe('demo deals', function () {
  this.timeout(180_000);
  let data: DemoData;
  let srv: TestServer;
  let admin: TestClient;
  before(async function () {
    await mochaHooks.beforeAll.call(this);
    await cleanDatabase();
    data = buildDemoData();
    srv = await startTestServer();
  });
  after(async () => {
    await srv?.close();
    await mochaHooks.afterAll();
  });

  it('are the same on every build, at every stage, with dates in 2025–2026', () => {
    assert.deepEqual(buildDeals(data.orgs, data.users, data.achievements, data.demands, data.portfolios), data.deals);
    const stages = new Set(data.deals.map((d) => d.stage));
    for (const s of ['open', 'negotiating', 'agreed', 'paying', 'completed', 'cancelled']) assert.ok(stages.has(s as never), `a deal ${s}`);
    assert.ok(data.deals.filter((d) => d.stage === 'cancelled').every((d) => d.agreedAt && !d.signedAt));
    const dates = data.deals.flatMap((d) => [d.matchedAt, d.interestAt, d.openedAt, d.offeredAt, d.agreedAt, d.signedAt, d.cancelledAt, ...d.paidAt]).filter((x): x is string => !!x);
    assert.ok(dates.every((x) => x >= '2025-01-01' && x < '2026-11-20'), 'every date in 2025 – 19 Nov 2026');
    assert.equal(new Set(data.deals.map((d) => d.key)).size, data.deals.length);
    // Matched, then interested, then opened; a deal with a demand was matched first.
    for (const d of data.deals) {
      assert.ok(d.interestAt < d.openedAt, `${d.key}: interest before opening`);
      assert.equal(!!d.matchedAt, !!d.demandKey, `${d.key}: matched when it answers a demand`);
      if (d.matchedAt) assert.ok(d.matchedAt < d.interestAt, `${d.key}: match before interest`);
    }
    assert.ok(data.deals.filter((d) => d.matchedAt && d.agreedAt).length >= 10, 'agreed deals that came from a match');
    assert.ok(data.deals.filter((d) => d.brokerUserKey && d.matchedAt).length >= 3, 'brokered deals that came from the broker’s match');
  });

  it('load through the api models with their contracts, payment items and audit trail, once', async () => {
    const first = await loadDemoData(data);
    const signed = data.deals.filter((d) => d.signedAt);
    assert.equal(first.deals.inserted, data.deals.length);
    assert.equal(first.deals.contracts, signed.length);
    const matched = data.deals.filter((d) => d.matchedAt);
    assert.equal(first.deals.matches, matched.length);
    assert.equal(first.deals.interests, data.deals.length);
    assert.equal(await Match.countDocuments({ status: 'converted' }), matched.length);
    const m = (await Deal.findById(demoId(matched[0]!.key)).lean())!;
    assert.equal((await Match.findById(m.match).lean())!.createdAt.toISOString(), matched[0]!.matchedAt, 'the deal points at its dated match');
    assert.equal((await Interest.find({}, { match: 1 }).lean()).filter((i) => i.match).length, matched.length, 'the matched deals’ interests came from their match');
    assert.ok(first.indicators && first.indicators.facts > 0, 'the indicators were rebuilt');
    assert.equal(await Deal.countDocuments(), data.deals.length);
    assert.equal(await Contract.countDocuments({ status: 'signed' }), signed.length);

    // A completed deal: every item paid, the fee split as the fee policy computes it, its trail dated.
    const fees = configuredFees();
    const done = data.deals.find((d) => d.stage === 'completed' && d.brokerUserKey)!;
    const items = await PaymentItem.find({ deal: demoId(done.key) }).sort({ createdAt: 1, key: 1 }).lean();
    assert.ok(items.length >= 2 && items.every((i) => i.status === 'paid' && i.paidAt));
    for (const i of items) {
      const { amount: _amount, ...split } = feesFor(i.amount, fees, true);
      assert.deepEqual({ ...i.fees }, split);
    }
    assert.ok(items.every((i) => i.fees.brokerCommission > 0));
    const contract = (await Contract.findOne({ deal: demoId(done.key) }).lean())!;
    assert.equal(items.reduce((s, i) => s + i.amount, 0), (contract.content as { amount: number }).amount, 'the items add up to the contract');
    const trail = await AuditEvent.find({ entityId: demoId(done.key), action: 'deal.transitioned' }).sort({ at: 1 }).lean();
    assert.deepEqual(trail.map((t) => t.to), ['negotiating', 'agreed', 'contracted', 'paying', 'completed']);
    assert.equal(trail[2]!.at.toISOString(), done.signedAt);

    const again = await loadDemoData(data);
    assert.deepEqual(again.deals, { inserted: 0, existing: data.deals.length, matches: 0, interests: 0, contracts: 0, paymentItems: 0 });
    assert.equal(again.indicators, null);
    assert.equal(await Deal.countDocuments(), data.deals.length);
    const steps = data.deals.reduce((n, x) => n + [x.offeredAt, x.agreedAt, x.signedAt, x.signedAt, x.stage === 'completed', x.cancelledAt].filter(Boolean).length, 0);
    assert.equal(await AuditEvent.countDocuments({ action: 'deal.transitioned' }), steps, 'each step recorded once');
  });

  it('give the dashboard figures for 2025 and 2026 that agree with a recount', async () => {
    admin = await new TestClient(srv.url).init();
    const adminUser = data.users.find((u) => u.roles.includes('platform-admin'))!;
    await admin.post('/api/auth/login', { email: adminUser.email, password: adminUser.password }).expect(200);
    const contracts = await Contract.find({ status: 'signed' }).lean();
    const items = await PaymentItem.find({ status: 'paid' }).lean();
    for (const year of ['2025', '2026']) {
      const d = (await admin.agent.get(`/api/indicators?year=${year}`).expect(200)).body as Dashboard;
      const mine = contracts.filter((c) => monthOf(c.signedAt!).startsWith(year));
      assert.ok(mine.length >= 5, `${year}: contracts signed`);
      assert.equal(d.totals.dealsContracted, mine.length, `${year}: contracts recounted`);
      assert.equal(d.totals.turnover, mine.reduce((s, c) => s + (c.content as { amount: number }).amount, 0), `${year}: turnover recounted`);
      const paid = items.filter((i) => monthOf(i.paidAt!).startsWith(year));
      assert.ok(paid.length > 0);
      assert.equal(d.totals.paid, paid.reduce((s, i) => s + i.amount, 0), `${year}: paid recounted`);
      assert.equal(d.totals.commission, paid.reduce((s, i) => s + i.fees.brokerCommission, 0), `${year}: commission recounted`);
      assert.ok(d.totals.dealsOpened > 0 && d.totals.dealsAgreed > 0 && d.totals.dealsCompleted > 0 && d.totals.dealsPaid > 0);
      assert.ok(d.byField.filter((r) => r.turnover > 0).length >= 3, `${year}: at least 3 fields with turnover`);
      assert.ok(d.byProvince.filter((r) => r.turnover > 0).length >= 2, `${year}: at least 2 provinces with turnover`);
      assert.deepEqual(d.byMode.filter((r) => r.turnover > 0).map((r) => r.key).sort(), ['equity', 'license', 'transfer'], `${year}: every mode with turnover`);
      assert.ok(d.byOrgKind.filter((r) => r.turnover > 0).length >= 2, `${year}: universities and institutes`);
      assert.ok(d.byMonth.filter((r) => r.turnover > 0).length >= 4, `${year}: turnover spread over months`);

      // Every step of the funnel has deals; the median days from first match to agreement, recounted
      // from the demo's dates (the half-way pair averaged, to the hundredth of a day).
      assert.deepEqual(d.funnel.map((f) => f.step), ['listing', 'match', 'interest', 'deal', 'agreement', 'contract', 'payment']);
      for (const f of d.funnel) assert.ok(f.count > 0, `${year}: funnel step ${f.step} has a count`);
      const waits = data.deals
        .filter((x) => x.matchedAt && x.agreedAt && monthOf(new Date(x.agreedAt)).startsWith(year))
        .map((x) => Math.round(((Date.parse(x.agreedAt!) - Date.parse(x.matchedAt!)) / 86_400_000) * 100) / 100)
        .sort((a, b) => a - b);
      assert.ok(waits.length >= 5, `${year}: agreed deals that came from a match`);
      const mid = waits.length >> 1;
      const medianDays = waits.length % 2 ? waits[mid]! : Math.round(((waits[mid - 1]! + waits[mid]!) / 2) * 100) / 100;
      assert.deepEqual(d.matchToAgreement, { medianDays, deals: waits.length }, `${year}: median days from match to agreement`);
      assert.ok(medianDays > 5, `${year}: a median of days, not zero`);
      assert.equal(d.totals.interests, data.deals.filter((x) => monthOf(new Date(x.interestAt)).startsWith(year)).length, `${year}: interests recounted`);
      assert.equal(d.totals.matches, data.deals.filter((x) => x.matchedAt && monthOf(new Date(x.matchedAt)).startsWith(year)).length, `${year}: matches recounted`);

      const agencies = (await admin.agent.get(`/api/indicators/agencies?year=${year}`).expect(200)).body as { agencies: { commission: number; turnover: number; matches: number }[] };
      assert.ok(agencies.agencies.some((a) => a.commission > 0 && a.turnover > 0), `${year}: an agency earned commission`);
      assert.equal(
        agencies.agencies.reduce((n, a) => n + a.matches, 0),
        data.deals.filter((x) => x.brokerUserKey && x.matchedAt && monthOf(new Date(x.matchedAt)).startsWith(year)).length,
        `${year}: the agencies' matches recounted`,
      );
    }
    const cancelled = (await admin.agent.get('/api/indicators?from=2025-01&to=2026-12').expect(200)).body as Dashboard;
    assert.equal(cancelled.totals.dealsCancelled, data.deals.filter((x) => x.stage === 'cancelled').length);
    assert.equal(cancelled.totals.dealsOpened, data.deals.length);

    // Not for an organisation's admin.
    const member = data.users.find((u) => u.roles.includes('org-admin'))!;
    const c = await new TestClient(srv.url).init();
    await c.post('/api/auth/login', { email: member.email, password: member.password }).expect(200);
    await c.agent.get('/api/indicators?year=2025').expect(403);
  });
});
