import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { agreedDeal } from '../../test/contracts.factories';
import { brokeredDeal, parties, transferTerms } from '../../test/deals.factories';
import { itemsByKey } from '../../test/payments.factories';
import { Deal } from '../deals/deal.model';

/** Payments start from the contracts domain's signatures, and brokered deals pay the broker's commission. */
describe('payment items from signed contracts', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());

  it("issues the signed contract's schedule, with its hash, once both org admins sign", async () => {
    const d = await agreedDeal(srv.url, 'transfer');
    const contract = await d.buyer.client.get(`/api/deals/${d.dealId}/contract`).expect(200);
    await d.buyer.client.post(`/api/deals/${d.dealId}/contract/sign`, { hash: contract.body.hash }).expect(201);
    assert.equal(Object.keys(await itemsByKey(d.dealId)).length, 0, 'nothing is due on one signature');
    await d.supplier.client.post(`/api/deals/${d.dealId}/contract/sign`, { hash: contract.body.hash }).expect(201);
    await srv.services.effects.idle();
    const items = await itemsByKey(d.dealId);
    assert.deepEqual(Object.keys(items).sort(), ['deposit', 'installment-1', 'installment-2']);
    for (const i of Object.values(items)) assert.equal(i.contractHash, contract.body.hash);
    assert.deepEqual(
      Object.values(items).map((i) => i.amount).sort(),
      contract.body.content.paymentSchedule.map((p: { amount: number }) => p.amount).sort(),
      'the amounts the contract states',
    );
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'paying');
  });

  it("deducts the broker's commission beside the platform fee on a brokered deal", async () => {
    const p = await parties(srv.url);
    const { broker, dealId } = await brokeredDeal(srv.url, p, 'transfer');
    await p.supplier.client.room('offer:create', { dealId, replacesVersion: 0, terms: transferTerms() }).expect(201);
    await p.supplier.client.room('offer:accept', { dealId, version: 1 }).expect(200);
    await p.buyer.client.room('offer:accept', { dealId, version: 1 }).expect(200);
    await srv.services.deals.changes.changeBySystem(dealId, () => ({
      set: { status: 'contracted' },
      guard: { status: 'agreed' },
      events: [{ kind: 'system', action: 'deal.transitioned', from: 'agreed', to: 'contracted', data: { action: 'deal.transitioned', from: 'agreed', to: 'contracted' } }],
    }));
    await srv.services.payments.onContracted(dealId);
    const res = await broker.client.get(`/api/deals/${dealId}/payments`).expect(200);
    const deposit = res.body.items.find((i: { key: string }) => i.key === 'deposit');
    assert.deepEqual(deposit.fees, { amount: 20_000_000, platformFeeBps: 100, platformFee: 200_000, brokerCommissionBps: 300, brokerCommission: 600_000, supplierNet: 19_200_000 });
    assert.deepEqual(res.body.can, { pay: false, refund: false, report: false });
    assert.equal(res.body.totals.brokerCommission, 6_000_000);
  });
});
