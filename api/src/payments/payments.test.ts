import assert from 'node:assert/strict';
import supertest from 'supertest';
import type { TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import { contractedDeal, itemsByKey, memberOf, payingDeal, withStripeMockServer } from '../../test/payments.factories';
import { Deal } from '../deals/deal.model';
import { Message } from '../deals/message.model';
import { Notification } from '../notifications/notification.model';
import { PaymentItem } from './payment-item.model';

describe('payments (HTTP, against stripe-mock)', () => {
  let srv: TestServer;
  withStripeMockServer((s) => (srv = s));

  const pay = (d: { buyer: { client: { post: (p: string, b?: unknown) => supertest.Test } }; dealId: string }, itemId: string, outcome: 'succeed' | 'fail' = 'succeed', method = 'card') =>
    d.buyer.client.post(`/api/deals/${d.dealId}/payments/${itemId}/test-checkout`, { method, outcome });

  describe('issuing from the signed contract', () => {
    it("issues the licence's deposit, upfront fee and milestones with their fees and moves the deal to paying, once", async () => {
      const d = await payingDeal(srv, 'license');
      const items = await itemsByKey(d.dealId);
      assert.deepEqual(Object.keys(items).sort(), ['deposit', 'milestone-1', 'milestone-2', 'upfront']);
      assert.equal(Object.values(items).reduce((s, i) => s + i.amount, 0), 60_000_000, 'the schedule adds up to the consideration');
      assert.equal(items.deposit!.amount, 6_000_000);
      assert.equal(items.upfront!.amount, 24_000_000);
      assert.deepEqual({ ...items.upfront!.fees }, { platformFeeBps: 100, platformFee: 240_000, brokerCommissionBps: 0, brokerCommission: 0, supplierNet: 23_760_000 });
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'paying');
      await srv.services.payments.onContracted(d.dealId);
      assert.equal(await PaymentItem.countDocuments({ deal: d.dealId }), 4, 'issuing again issues nothing more');
      const res = await d.buyer.client.get(`/api/deals/${d.dealId}/payments`).expect(200);
      assert.equal(res.body.testMode, true);
      assert.equal(res.body.items.length, 4);
      assert.equal(res.body.totals.amount, 60_000_000);
      assert.equal(res.body.totals.platformFee + res.body.totals.brokerCommission + res.body.totals.supplierNet, 60_000_000);
      assert.deepEqual(res.body.can, { pay: true, refund: false, report: true });
      assert.equal(res.body.royaltyRate, 3.5);
    });

    it('issues at boot the items of a deal a crash left contracted', async () => {
      const d = await contractedDeal(srv, 'transfer');
      const api = srv as unknown as { services: { payments: { issuing: { recover: () => Promise<number> } } } };
      assert.equal(await api.services.payments.issuing.recover(), 1);
      const items = await itemsByKey(d.dealId);
      assert.deepEqual(Object.keys(items).sort(), ['deposit', 'installment-1', 'installment-2']);
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'paying');
    });

    it('completes a deal whose contract schedules no money (equity without cash)', async () => {
      const d = await payingDeal(srv, 'equity');
      assert.equal(await PaymentItem.countDocuments({ deal: d.dealId }), 0);
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'completed');
    });
  });

  describe('who may read and pay', () => {
    it('lets participants read and hides the payments from others (404) and anonymous users (401)', async () => {
      const d = await payingDeal(srv, 'transfer');
      await d.supplier.client.get(`/api/deals/${d.dealId}/payments`).expect(200);
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await other.client.get(`/api/deals/${d.dealId}/payments`).expect(404);
      await supertest(srv.url).get(`/api/deals/${d.dealId}/payments`).expect(401);
      const admin = await signInAdmin(srv.url);
      const seen = await admin.client.get(`/api/deals/${d.dealId}/payments`).expect(200);
      assert.equal(seen.body.can.refund, true);
      assert.equal(seen.body.can.pay, false);
    });

    it('creates a CNY intent for the buyer only: the supplier 403, another org 404, anonymous 401, a bad id 400 naming it', async () => {
      const d = await payingDeal(srv, 'transfer');
      const { deposit } = await itemsByKey(d.dealId);
      const url = `/api/deals/${d.dealId}/payments/${String(deposit!._id)}/intent`;
      const res = await d.buyer.client.post(url).expect(201);
      assert.equal(res.body.testMode, true);
      assert.match(res.body.intentId, /^pi_/);
      assert.ok(res.body.clientSecret);
      assert.equal(res.body.amount, deposit!.amount);
      assert.equal(res.body.fees.platformFee + res.body.fees.brokerCommission + res.body.fees.supplierNet, deposit!.amount);
      const sup = await d.supplier.client.post(url).expect(403);
      assert.equal(sup.body.error.code, 'not_the_buyer');
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await other.client.post(url).expect(404);
      await supertest(srv.url).post(url).expect(403); // no CSRF token, no session: refused before anything
      const bad = await d.buyer.client.post(`/api/deals/${d.dealId}/payments/nope/intent`).expect(400);
      assert.equal(bad.body.error.field, 'itemId');
      const item = await PaymentItem.findById(deposit!._id).lean();
      assert.equal(item!.status, 'processing');
      assert.equal(item!.attempt, 1);
      const again = await d.buyer.client.post(url).expect(201);
      assert.equal(again.body.intentId, res.body.intentId, 'an attempt in progress is resumed, not doubled');
    });

    it('refuses a bad test-checkout body naming the field, and the supplier paying', async () => {
      const d = await payingDeal(srv, 'transfer');
      const { deposit } = await itemsByKey(d.dealId);
      const url = `/api/deals/${d.dealId}/payments/${String(deposit!._id)}/test-checkout`;
      const res = await d.buyer.client.post(url, { method: 'bitcoin', outcome: 'succeed' }).expect(400);
      assert.equal(res.body.error.field, 'method');
      await d.supplier.client.post(url, { method: 'card', outcome: 'succeed' }).expect(403);
      assert.equal((await PaymentItem.findById(deposit!._id).lean())!.status, 'pending');
    });
  });

  describe('paying through the test checkout and the real webhook route', () => {
    it('pays every item (card, Alipay, WeChat Pay), tells the room and the supplier, then completes the deal', async () => {
      const d = await payingDeal(srv, 'transfer');
      const items = await itemsByKey(d.dealId);
      const methods = ['card', 'alipay', 'wechat_pay'];
      for (const [i, key] of ['deposit', 'installment-1', 'installment-2'].entries()) {
        const res = await pay(d, String(items[key]!._id), 'succeed', methods[i]).expect(200);
        assert.equal(res.body.delivered, true);
        assert.equal(res.body.item.status, 'paid');
        assert.equal(res.body.item.method, methods[i]);
      }
      await srv.services.effects.idle();
      const deal = await Deal.findById(d.dealId).lean();
      assert.equal(deal!.status, 'completed');
      const events = (await Message.find({ deal: d.dealId, kind: 'system' }).sort({ seq: 1 }).lean()).map((m) => (m.data as { action: string; to?: string }).action + ((m.data as { to?: string }).to ? `:${(m.data as { to?: string }).to}` : ''));
      assert.deepEqual(events.slice(-4), ['payment.succeeded', 'payment.succeeded', 'payment.succeeded', 'deal.transitioned:completed']);
      const supplierNotes = await Notification.countDocuments({ user: d.supplier.user.id, kind: 'payment.update' });
      assert.equal(supplierNotes, 3);
      await pay(d, String(items.deposit!._id)).expect(409);
    });

    it('shows a failure with its reason and lets the buyer try again', async () => {
      const d = await payingDeal(srv, 'transfer');
      const { deposit } = await itemsByKey(d.dealId);
      const failed = await pay(d, String(deposit!._id), 'fail').expect(200);
      assert.equal(failed.body.item.status, 'failed');
      assert.match(failed.body.item.failureReason, /declined/);
      const paid = await pay(d, String(deposit!._id), 'succeed').expect(200);
      assert.equal(paid.body.item.status, 'paid');
      assert.equal(paid.body.item.attempt, 2);
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'paying');
    });
  });

  describe('POST /api/deals/:id/payments/:itemId/refund', () => {
    it("refunds in part then in full for the supplier's admin; a member, the buyer and a stranger are refused", async () => {
      const d = await payingDeal(srv, 'transfer');
      const { deposit } = await itemsByKey(d.dealId);
      const id = String(deposit!._id);
      const url = `/api/deals/${d.dealId}/payments/${id}/refund`;
      await d.supplier.client.post(url, {}).expect(409); // not paid yet
      await pay(d, id).expect(200);
      const member = await memberOf(srv.url, d.supplier.org!.id);
      assert.equal((await member.client.post(url, {}).expect(403)).body.error.code, 'not_org_admin');
      await d.buyer.client.post(url, {}).expect(403);
      const stranger = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await stranger.client.post(url, {}).expect(404);
      const tooMuch = await d.supplier.client.post(url, { amount: deposit!.amount + 1 }).expect(400);
      assert.equal(tooMuch.body.error.field, 'amount');
      const part = await d.supplier.client.post(url, { amount: 1_000_000, reason: '部分退还' }).expect(200);
      assert.equal(part.body.status, 'partially_refunded');
      assert.equal(part.body.refundedAmount, 1_000_000);
      const rest = await d.supplier.client.post(url, {}).expect(200);
      assert.equal(rest.body.status, 'refunded');
      assert.equal(rest.body.refundedAmount, deposit!.amount);
      await d.supplier.client.post(url, {}).expect(409);
      const admin = await signInAdmin(srv.url);
      await admin.client.post(url, {}).expect(409); // a platform admin may, but nothing is left
    });
  });
});

describe('payments with a real Stripe key (hosted Checkout; against stripe-mock here)', () => {
  let srv: TestServer;
  withStripeMockServer((s) => (srv = s), { STRIPE_SECRET_KEY: 'sk_test_realLooking123', STRIPE_WEBHOOK_SECRET: 'whsec_real_test' });

  it('answers a Checkout Session to send the buyer to, and has no test checkout (404)', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    const res = await d.buyer.client.post(`/api/deals/${d.dealId}/payments/${String(deposit!._id)}/intent`).expect(201);
    assert.equal(res.body.testMode, false);
    assert.match(res.body.checkoutUrl, /^https:\/\/checkout\.stripe\.com\//);
    assert.equal(res.body.clientSecret, null);
    assert.match((await PaymentItem.findById(deposit!._id).lean())!.checkoutSessionId!, /^cs_/);
    await d.buyer.client.post(`/api/deals/${d.dealId}/payments/${String(deposit!._id)}/test-checkout`, { method: 'card', outcome: 'succeed' }).expect(404);
  });
});
