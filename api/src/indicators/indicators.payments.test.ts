// The whole path through the real API: a brokered deal agreed in the room, its contract signed by
// both sides, every item paid on the test checkout through the real webhook route, one refunded in
// part; another deal agreed then cancelled. The rollup follows the events; the figures agree with
// a recount of the raw records, with the rebuild, and the agency's statement with its payments.

import assert from 'node:assert/strict';
import type supertest from 'supertest';
import type { TestServer } from '../../test/server';
import { signInAdmin } from '../../test/factories';
import { itemsByKey, withStripeMockServer } from '../../test/payments.factories';
import { brokeredDeal, licenseTerms, parties, transferTerms } from '../../test/deals.factories';
import { BUYER_CODE, SUPPLIER_CODE } from '../../test/contracts.factories';
import { Org } from '../orgs/org.model';
import { Deal } from '../deals/deal.model';
import { Contract } from '../contracts/contract.model';
import { PaymentItem } from '../payments/payment-item.model';
import { bpsOf } from '../payments/fees';

describe('indicators: through the real API, payments and webhook', function () {
  this.timeout(300_000);
  let srv: TestServer;
  withStripeMockServer((s) => (srv = s));

  const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const settle = async () => {
    await srv.services.effects.idle();
    await srv.services.indicators.idle();
  };
  type Client = { post: (p: string, b?: unknown) => supertest.Test; get: (p: string) => supertest.Test };

  it('follows a brokered deal to completion (commission on the net of a refund) and a cancelled one, as the recount and the rebuild do', async () => {
    const admin = await signInAdmin(srv.url);
    await admin.client.get('/api/indicators').expect(200); // built empty: everything below is incremental

    // A brokered licence, agreed in the room, signed, paid in full, one item refunded in part.
    const p = await parties(srv.url);
    await Org.updateOne({ _id: p.supplier.org!.id }, { $set: { creditCode: SUPPLIER_CODE } });
    await Org.updateOne({ _id: p.buyer.org!.id }, { $set: { creditCode: BUYER_CODE } });
    const { broker, dealId } = await brokeredDeal(srv.url, p, 'license');
    await p.supplier.client.room('offer:create', { dealId, replacesVersion: 0, terms: licenseTerms() }).expect(201);
    await p.supplier.client.room('offer:accept', { dealId, version: 1 }).expect(200);
    await p.buyer.client.room('offer:accept', { dealId, version: 1 }).expect(200);
    const { hash } = (await p.buyer.client.get(`/api/deals/${dealId}/contract`).expect(200)).body;
    await p.buyer.client.post(`/api/deals/${dealId}/contract/sign`, { hash }).expect(201);
    await p.supplier.client.post(`/api/deals/${dealId}/contract/sign`, { hash }).expect(201);
    await settle();
    const items = await itemsByKey(dealId);
    assert.ok(Object.keys(items).length >= 2, 'the contract scheduled payments');
    for (const item of Object.values(items)) {
      await (p.buyer.client as unknown as Client).post(`/api/deals/${dealId}/payments/${String(item._id)}/test-checkout`, { method: 'card', outcome: 'succeed' }).expect(200);
    }
    const deposit = items.deposit!;
    await (p.supplier.client as unknown as Client).post(`/api/deals/${dealId}/payments/${String(deposit._id)}/refund`, { amount: 1_000 }).expect(200);
    await settle();
    assert.equal((await Deal.findById(dealId).lean())!.status, 'completed');

    // A transfer between two other parties, agreed, then cancelled.
    const p2 = await parties(srv.url);
    const other = await p2.buyer.client.post('/api/deals', { achievementId: p2.achievementId, mode: 'transfer' }).expect(201);
    const otherId = other.body.id as string;
    await p2.supplier.client.room('offer:create', { dealId: otherId, replacesVersion: 0, terms: transferTerms() }).expect(201);
    await p2.supplier.client.room('offer:accept', { dealId: otherId, version: 1 }).expect(200);
    await p2.buyer.client.room('offer:accept', { dealId: otherId, version: 1 }).expect(200);
    await p2.buyer.client.room('deal:transition', { dealId: otherId, to: 'cancelled', reason: '条件变化' }).expect(200);
    await settle();

    // The recount, from the raw records.
    const contract = await Contract.findOne({ deal: dealId }).lean();
    const paidItems = await PaymentItem.find({ deal: dealId }).lean();
    const net = paidItems.map((i) => i.amount - (i.refundedAmount ?? 0));
    const commission = paidItems.reduce((s, i) => s + bpsOf(i.amount - (i.refundedAmount ?? 0), i.fees.brokerCommissionBps), 0);
    assert.ok(commission > 0 && paidItems.every((i) => i.fees.brokerCommissionBps === 300));

    const q = `?from=${month()}`;
    const r = (await admin.client.get(`/api/indicators${q}`).expect(200)).body;
    assert.deepEqual(
      [r.totals.listings, r.totals.dealsOpened, r.totals.dealsAgreed, r.totals.dealsContracted, r.totals.dealsPaid, r.totals.dealsCompleted, r.totals.dealsCancelled],
      [2, 2, 2, 1, 1, 1, 1],
    );
    assert.equal(r.totals.turnover, (contract!.content as { amount: number }).amount);
    assert.equal(r.totals.paid, net.reduce((s, x) => s + x, 0));
    assert.equal(r.totals.commission, commission);
    assert.deepEqual(r.byMode.map((m: { key: string; dealsOpened: number }) => [m.key, m.dealsOpened]), [
      ['license', 1],
      ['transfer', 1],
    ]);
    assert.deepEqual([r.universityResults.listed, r.universityResults.transferred], [2, 1]);

    const perf = (await admin.client.get(`/api/indicators/agencies${q}`).expect(200)).body;
    assert.equal(perf.agencies.length, 1);
    assert.deepEqual(
      [perf.agencies[0].agency.id, perf.agencies[0].dealsBrokered, perf.agencies[0].dealsContracted, perf.agencies[0].dealsCompleted, perf.agencies[0].commission, perf.agencies[0].rank],
      [broker.org!.id, 1, 1, 1, commission, 1],
    );
    assert.deepEqual(perf.brokers.map((b: { broker: { id: string } }) => b.broker.id), [broker.user.id]);

    // The agency's own statement reconciles with its payments and with the indicators.
    const st = (await broker.client.get(`/api/indicators/agencies/${broker.org!.id}/commission`).expect(200)).body;
    assert.equal(st.rows.length, paidItems.length);
    assert.equal(st.totals.commission, commission);
    const csv = await broker.client.get(`/api/indicators/agencies/${broker.org!.id}/commission.csv`).buffer(true).expect(200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    const lines = csv.text.slice(1).trim().split('\r\n');
    assert.equal(lines.length, paidItems.length + 2, 'a header, a row per payment, the totals');
    assert.equal(lines.at(-1)!.split(',').at(-1), String(commission));

    // The rebuild from the raw data gives identical answers.
    const before = [r, perf, (await admin.client.get(`/api/indicators/public${q}`).expect(200)).body];
    await srv.services.indicators.rebuild();
    const after = [
      (await admin.client.get(`/api/indicators${q}`).expect(200)).body,
      (await admin.client.get(`/api/indicators/agencies${q}`).expect(200)).body,
      (await admin.client.get(`/api/indicators/public${q}`).expect(200)).body,
    ];
    assert.deepEqual(after, before);
  });
});
