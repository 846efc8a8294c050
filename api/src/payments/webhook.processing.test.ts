import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { deliverEvent, intentEvent, itemsByKey, payingDeal, refundEvent, withStripeMockServer } from '../../test/payments.factories';
import { Deal } from '../deals/deal.model';
import { Message } from '../deals/message.model';
import { PaymentItem } from './payment-item.model';
import { WebhookEvent } from './webhook-event.model';
import { SimulatedEvent } from './simulated-event.model';
import { buildEvent } from './simulated-delivery';

/** Issue 11: replayed, reordered, forged and mismatched webhooks, and a kill between payment and webhook. */
describe('webhook processing (payment items)', () => {
  let srv: TestServer;
  let mock: { url: string };
  withStripeMockServer((s, m) => ((srv = s), (mock = m)));

  const paymentMessages = async (dealId: string) =>
    (await Message.find({ deal: dealId, kind: 'system' }).lean()).filter((m) => String((m.data as { action: string }).action).startsWith('payment.'));

  it('refuses a forged event (bad signature) with 400 and changes nothing', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    const res = await deliverEvent(srv.url, intentEvent('payment_intent.succeeded', deposit!), 'whsec_forger').expect(400);
    assert.equal(res.body.error.code, 'invalid_signature');
    assert.equal((await PaymentItem.findById(deposit!._id).lean())!.status, 'pending');
    assert.equal(await WebhookEvent.countDocuments(), 0);
    assert.equal((await paymentMessages(d.dealId)).length, 0);
  });

  it('changes state once for the same event delivered twice', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    const event = intentEvent('payment_intent.succeeded', deposit!);
    await deliverEvent(srv.url, event).expect(200);
    const first = await PaymentItem.findById(deposit!._id).lean();
    const again = await deliverEvent(srv.url, event).expect(200);
    assert.equal(again.body.duplicate, true);
    const second = await PaymentItem.findById(deposit!._id).lean();
    assert.equal(first!.status, 'paid');
    assert.equal(second!.version, first!.version, 'no second write');
    assert.equal((await paymentMessages(d.dealId)).length, 1);
  });

  it('processes a redelivery of an event recorded but not processed (a crash in between), once', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    const event = intentEvent('payment_intent.succeeded', deposit!);
    await WebhookEvent.create({ _id: event.id, type: event.type }); // recorded, then the process died
    await deliverEvent(srv.url, event).expect(200);
    assert.equal((await PaymentItem.findById(deposit!._id).lean())!.status, 'paid');
    assert.ok((await WebhookEvent.findById(event.id).lean())!.processedAt);
    await deliverEvent(srv.url, event).expect(200);
    assert.equal((await paymentMessages(d.dealId)).length, 1);
  });

  it('never lets a failure that arrives after the success undo the payment', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    const item = { ...deposit!, intentId: 'pi_reorder_1' };
    await PaymentItem.updateOne({ _id: deposit!._id }, { $set: { status: 'processing', intentId: 'pi_reorder_1', intentIds: ['pi_reorder_1'] } });
    await deliverEvent(srv.url, intentEvent('payment_intent.succeeded', item)).expect(200);
    await deliverEvent(srv.url, intentEvent('payment_intent.payment_failed', item)).expect(200);
    const after = await PaymentItem.findById(deposit!._id).lean();
    assert.equal(after!.status, 'paid');
    assert.equal(after!.failureReason, '');
    assert.deepEqual((await paymentMessages(d.dealId)).map((m) => (m.data as { action: string }).action), ['payment.succeeded']);
  });

  it('keeps a refund that arrives before its payment and applies it with the payment', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    await PaymentItem.updateOne({ _id: deposit!._id }, { $set: { status: 'processing', intentId: 'pi_reorder_2', intentIds: ['pi_reorder_2'] } });
    const item = { ...deposit!, intentId: 'pi_reorder_2' };
    await deliverEvent(srv.url, refundEvent(item, 1_000)).expect(200);
    assert.equal((await PaymentItem.findById(deposit!._id).lean())!.status, 'processing', 'not paid by a refund');
    await deliverEvent(srv.url, intentEvent('payment_intent.succeeded', item)).expect(200);
    const after = await PaymentItem.findById(deposit!._id).lean();
    assert.equal(after!.status, 'partially_refunded');
    assert.equal(after!.refundedAmount, 1_000);
  });

  it('holds a payment whose amount or currency differs from the item for review, never paid', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit, 'installment-1': inst } = await itemsByKey(d.dealId);
    await deliverEvent(srv.url, intentEvent('payment_intent.succeeded', deposit!, { amount: deposit!.amount - 1 })).expect(200);
    await deliverEvent(srv.url, intentEvent('payment_intent.succeeded', inst!, { currency: 'usd' })).expect(200);
    for (const id of [deposit!._id, inst!._id]) {
      const held = await PaymentItem.findById(id).lean();
      assert.notEqual(held!.status, 'paid');
      assert.equal(held!.paidAt, null);
      assert.match(held!.review!.reason, /Stripe reported/);
    }
    const res = await d.buyer.client.post(`/api/deals/${d.dealId}/payments/${String(deposit!._id)}/intent`).expect(409);
    assert.equal(res.body.error.code, 'payment_under_review');
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'paying');
  });

  it('delivers at boot a simulated event the API was killed before delivering', async () => {
    const d = await payingDeal(srv, 'transfer');
    const { deposit } = await itemsByKey(d.dealId);
    const event = buildEvent('payment_intent.succeeded', intentEvent('payment_intent.succeeded', { ...deposit!, intentId: 'pi_killed' }).data.object);
    await PaymentItem.updateOne({ _id: deposit!._id }, { $set: { status: 'processing', intentId: 'pi_killed', intentIds: ['pi_killed'] } });
    await SimulatedEvent.create({ _id: event.id, type: event.type, payload: JSON.stringify(event) }); // stored, never sent
    const restarted = await startTestServer({ STRIPE_API_BASE: mock.url });
    try {
      for (let i = 0; i < 100 && !(await SimulatedEvent.findById(event.id).lean())!.deliveredAt; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok((await SimulatedEvent.findById(event.id).lean())!.deliveredAt, 'delivered after the restart');
      assert.equal((await PaymentItem.findById(deposit!._id).lean())!.status, 'paid');
    } finally {
      await restarted.close();
    }
  });
});
