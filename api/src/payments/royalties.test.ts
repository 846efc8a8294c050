import assert from 'node:assert/strict';
import type { TestServer } from '../../test/server';
import { signUp } from '../../test/factories';
import { itemsByKey, payingDeal, withStripeMockServer } from '../../test/payments.factories';
import { Notification } from '../notifications/notification.model';
import { PaymentItem } from './payment-item.model';
import { previousQuarter, runPaymentReminders } from './reminders';
import { addDays } from './royalties.service';

describe('royalties and overdue reminders', () => {
  let srv: TestServer;
  withStripeMockServer((s) => (srv = s));

  describe('POST /api/deals/:id/royalty-reports', () => {
    it("turns the licensee's sales into a royalty item at the agreed rate, due in 30 days, paid through the same checkout", async () => {
      const d = await payingDeal(srv, 'license', { royaltyRate: 3.75 });
      const res = await d.buyer.client.post(`/api/deals/${d.dealId}/royalty-reports`, { period: '2027-Q1', sales: 123_456_789, note: '一季度出货' }).expect(201);
      assert.equal(res.body.report.amount, 4_629_630); // 123,456,789 × 3.75% = 4,629,629.5875 → 4,629,630
      assert.equal(res.body.report.rateBps, 375);
      assert.equal(res.body.item.key, 'royalty-2027-Q1');
      assert.equal(res.body.item.kind, 'royalty');
      assert.equal(res.body.item.amount, 4_629_630);
      assert.equal(res.body.item.due, addDays(new Date(), 30));
      assert.equal(res.body.item.fees.platformFee + res.body.item.fees.supplierNet, 4_629_630);
      const again = await d.buyer.client.post(`/api/deals/${d.dealId}/royalty-reports`, { period: '2027-Q1', sales: 1 }).expect(409);
      assert.equal(again.body.error.code, 'period_reported');
      const paid = await d.buyer.client.post(`/api/deals/${d.dealId}/payments/${res.body.item.id}/test-checkout`, { method: 'alipay', outcome: 'succeed' }).expect(200);
      assert.equal(paid.body.item.status, 'paid');
      const list = await d.supplier.client.get(`/api/deals/${d.dealId}/payments`).expect(200);
      assert.deepEqual(list.body.reports.map((r: { period: string }) => r.period), ['2027-Q1']);
      assert.equal(list.body.status, 'paying', 'a royalty paid does not complete the scheduled payments');
    });

    it('refuses the supplier, a stranger, a deal without royalties and a malformed period', async () => {
      const d = await payingDeal(srv, 'license');
      const url = `/api/deals/${d.dealId}/royalty-reports`;
      const body = { period: '2027-Q2', sales: 100 };
      assert.equal((await d.supplier.client.post(url, body).expect(403)).body.error.code, 'not_the_buyer');
      const stranger = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await stranger.client.post(url, body).expect(404);
      assert.equal((await d.buyer.client.post(url, { period: '2027-Q5', sales: 100 }).expect(400)).body.error.field, 'period');
      assert.equal((await d.buyer.client.post(url, { period: '2027-Q2', sales: -1 }).expect(400)).body.error.field, 'sales');
      const t = await payingDeal(srv, 'transfer');
      assert.equal((await t.buyer.client.post(`/api/deals/${t.dealId}/royalty-reports`, body).expect(409)).body.error.code, 'no_royalties');
    });
  });

  describe('runPaymentReminders (a fixed clock)', () => {
    it("tells the buyer's members of each overdue item once a day, and of a quarter without a report", async () => {
      const d = await payingDeal(srv, 'license'); // deposit and upfront due on signing, milestones 2027-03-31 and 2027-12-31
      const items = await itemsByKey(d.dealId);
      const day1 = new Date('2027-04-15T02:00:00Z');
      const out = await runPaymentReminders(day1);
      assert.equal(out.overdue, 3);
      assert.equal(out.missingReports, 1, '2027-Q1 ended without a report');
      const notes = async () => Notification.find({ user: d.buyer.user.id, kind: 'payment.reminder' }).lean();
      assert.equal((await notes()).length, 4);
      assert.equal(await Notification.countDocuments({ user: d.supplier.user.id, kind: 'payment.reminder' }), 0);
      await runPaymentReminders(new Date('2027-04-15T20:00:00Z'));
      assert.equal((await notes()).length, 4, 'the same day notifies nobody twice');

      await PaymentItem.updateOne({ _id: items.deposit!._id }, { $set: { status: 'paid', paidAt: new Date() } });
      await d.buyer.client.post(`/api/deals/${d.dealId}/royalty-reports`, { period: '2027-Q1', sales: 0 }).expect(201);
      const day2 = await runPaymentReminders(new Date('2027-04-16T02:00:00Z'));
      assert.deepEqual(day2, { overdue: 2, missingReports: 0 });
      assert.equal((await notes()).length, 6);
      assert.ok((await notes()).some((n) => (n.data as { itemKey?: string }).itemKey === 'milestone-1'));
    });

    it('names the quarter before the current one', () => {
      assert.deepEqual(previousQuarter(new Date('2027-01-10T00:00:00Z')), { period: '2026-Q4', end: new Date('2027-01-01T00:00:00Z') });
      assert.deepEqual(previousQuarter(new Date('2027-08-31T00:00:00Z')), { period: '2027-Q2', end: new Date('2027-07-01T00:00:00Z') });
    });
  });
});
