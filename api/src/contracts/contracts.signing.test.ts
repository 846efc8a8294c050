import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import { brokeredDeal } from '../../test/deals.factories';
import { agreedDeal, invitedMember } from '../../test/contracts.factories';
import { Contract } from './contract.model';
import { signatureEventId } from './contract.signing';
import { Deal } from '../deals/deal.model';
import { AuditEvent } from '../audit/audit.model';
import { Message } from '../deals/message.model';
import { Notification } from '../notifications/notification.model';

describe('contracts: signing (POST /api/deals/:id/contract/sign) and particulars', () => {
  let srv: TestServer;
  const contracted: string[] = [];
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true, onContracted: (id) => void contracted.push(id) });
  });
  after(() => srv.close());
  const path = (id: string, tail = '') => `/api/deals/${id}/contract${tail}`;

  it('moves the deal to contracted when both sides signed the current hash, and calls onContracted once', async () => {
    const d = await agreedDeal(srv.url);
    const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    const b = await d.buyer.client.post(path(d.dealId, '/sign'), { hash }).set('user-agent', 'tb-test/1').expect(201);
    assert.deepEqual(b.body.signatures.map((s: { side: string }) => s.side), ['buyer']);
    assert.equal(b.body.viewer.canSign, false);
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'agreed', 'one signature does not contract');
    const s = await d.supplier.client.post(path(d.dealId, '/sign'), { hash }).expect(201);
    assert.equal(s.body.status, 'signed');
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'contracted');
    assert.deepEqual(contracted.filter((id) => id === d.dealId), [d.dealId]);

    const stored = await Contract.findOne({ deal: d.dealId }).lean();
    const buyerSig = stored!.signatures.find((x) => x.side === 'buyer')!;
    assert.equal(String(buyerSig.user), d.buyer.user.id);
    assert.equal(buyerSig.hash, hash);
    assert.equal(buyerSig.userAgent, 'tb-test/1');
    assert.match(buyerSig.ip, /127\.0\.0\.1/);
    assert.ok(stored!.signatures.every((x) => x.recorded) && !stored!.unrecorded);
    // Each signature is a deal event: a system message in the room and an audit event; then the transition.
    assert.equal(await AuditEvent.countDocuments({ entityId: d.dealId, action: 'contract.signed' }), 2);
    assert.equal(await AuditEvent.countDocuments({ entityId: d.dealId, action: 'deal.transitioned', to: 'contracted' }), 1);
    const msgs = await d.supplier.client.get(`/api/deals/${d.dealId}/messages`).expect(200);
    const signed = msgs.body.items.filter((m: { event?: { action: string } }) => m.event?.action === 'contract.signed');
    assert.deepEqual(signed.map((m: { event: { side: string } }) => m.event.side), ['buyer', 'supplier']);
    await srv.services.effects.idle();
    assert.equal(await Notification.countDocuments({ user: d.supplier.user.id, kind: 'contract.signed' }), 1, "the supplier hears of the buyer's signature");
    const again = await d.buyer.client.post(path(d.dealId, '/sign'), { hash }).expect(409);
    assert.equal(again.body.error.code, 'deal_not_agreed');
  });

  it('refuses a stale hash with 409 stale_hash and the current hash, storing nothing', async () => {
    const d = await agreedDeal(srv.url);
    const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    const res = await d.buyer.client.post(path(d.dealId, '/sign'), { hash: 'a'.repeat(64) }).expect(409);
    assert.equal(res.body.error.code, 'stale_hash');
    assert.equal(res.body.error.details.hash, hash);
    assert.equal((await Contract.findOne({ deal: d.dealId }).lean())!.signatures.length, 0);
    const bad = await d.buyer.client.post(path(d.dealId, '/sign'), { hash: 'XYZ' }).expect(400);
    assert.equal(bad.body.error.field, 'hash');
  });

  it('refuses a second signature by the same side with 409', async () => {
    const d = await agreedDeal(srv.url);
    const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    await d.buyer.client.post(path(d.dealId, '/sign'), { hash }).expect(201);
    const res = await d.buyer.client.post(path(d.dealId, '/sign'), { hash }).expect(409);
    assert.equal(res.body.error.code, 'already_signed');
    assert.equal((await Contract.findOne({ deal: d.dealId }).lean())!.signatures.length, 1);
  });

  it('refuses members, the broker, other organisations, platform admins and anonymous users', async () => {
    const d = await agreedDeal(srv.url);
    const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    const member = await invitedMember(srv.url, d.buyer);
    const r1 = await member.client.post(path(d.dealId, '/sign'), { hash }).expect(403);
    assert.equal(r1.body.error.code, 'not_org_admin');
    await member.client.put(path(d.dealId, '/particulars'), { dispute: { method: 'court', venue: '上海市浦东新区人民法院' }, confidentialityYears: 3 }).expect(403);
    const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
    await other.client.post(path(d.dealId, '/sign'), { hash }).expect(404);
    const admin = await signInAdmin(srv.url);
    const r2 = await admin.client.post(path(d.dealId, '/sign'), { hash }).expect(403);
    assert.equal(r2.body.error.code, 'not_a_party');
    const anon = await signUp(srv.url);
    await anon.client.post('/api/auth/logout').expect(204);
    await anon.client.init();
    await anon.client.post(path(d.dealId, '/sign'), { hash }).expect(401);
    assert.equal((await Contract.findOne({ deal: d.dealId }).lean())!.signatures.length, 0);
  });

  it("refuses the broker's signature with 403", async () => {
    const d = await agreedDeal(srv.url);
    const { broker, dealId } = await brokeredDeal(srv.url, { supplier: d.supplier, buyer: d.buyer, achievementId: d.achievementId }, 'transfer');
    await d.supplier.client.room('offer:create', { dealId, replacesVersion: 0, terms: { mode: 'transfer', price: 100, paymentSchedule: [{ description: 'x', amount: 100, due: '2027-01-01' }] } }).expect(201);
    await d.supplier.client.room('offer:accept', { dealId, version: 1 }).expect(200);
    await d.buyer.client.room('offer:accept', { dealId, version: 1 }).expect(200);
    const { hash } = (await broker.client.get(path(dealId)).expect(200)).body;
    const res = await broker.client.post(path(dealId, '/sign'), { hash }).expect(403);
    assert.equal(res.body.error.code, 'not_a_principal');
  });

  it('ends with exactly two signatures and one transition when both sides sign at once', async () => {
    for (let round = 0; round < 3; round++) {
      const d = await agreedDeal(srv.url);
      const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
      const sign = (c: typeof d.buyer.client) => c.post(path(d.dealId, '/sign'), { hash });
      const results = await Promise.all([sign(d.buyer.client), sign(d.supplier.client), sign(d.buyer.client), sign(d.supplier.client)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 201, 409, 409]);
      const c = await Contract.findOne({ deal: d.dealId }).lean();
      assert.deepEqual(c!.signatures.map((s) => s.side).sort(), ['buyer', 'supplier']);
      assert.equal((await Deal.findById(d.dealId).lean())!.status, 'contracted');
      assert.equal(await AuditEvent.countDocuments({ entityId: d.dealId, action: 'deal.transitioned', to: 'contracted' }), 1);
      assert.equal(contracted.filter((id) => id === d.dealId).length, 1);
    }
  });

  it('makes a new revision with a new hash when the particulars change, clearing the signatures', async () => {
    const d = await agreedDeal(srv.url);
    const first = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    await d.buyer.client.post(path(d.dealId, '/sign'), { hash: first.hash }).expect(201);
    const input = { dispute: { method: 'court', venue: '上海知识产权法院' }, confidentialityYears: 8 };
    const edited = (await d.supplier.client.put(path(d.dealId, '/particulars'), input).expect(200)).body;
    assert.equal(edited.revision, 2);
    assert.notEqual(edited.hash, first.hash);
    assert.deepEqual(edited.signatures, []);
    assert.deepEqual(edited.content.dispute, { method: 'court', venue: '上海知识产权法院' });
    assert.deepEqual(edited.content.confidentiality, { years: 8 });
    const stale = await d.buyer.client.post(path(d.dealId, '/sign'), { hash: first.hash }).expect(409);
    assert.equal(stale.body.error.code, 'stale_hash');
    assert.equal(stale.body.error.details.hash, edited.hash);
    const msgs = await d.buyer.client.get(`/api/deals/${d.dealId}/messages`).expect(200);
    assert.ok(msgs.body.items.some((m: { event?: { action: string } }) => m.event?.action === 'contract.revised'));
    const bad = await d.supplier.client.put(path(d.dealId, '/particulars'), { ...input, confidentialityYears: 0 }).expect(400);
    assert.equal(bad.body.error.field, 'confidentialityYears');
    const bad2 = await d.supplier.client.put(path(d.dealId, '/particulars'), { ...input, dispute: { method: 'duel', venue: 'x' } }).expect(400);
    assert.equal(bad2.body.error.field, 'dispute.method');
  });

  it('records a signature whose deal event a crash lost, once, when the contract is next read', async () => {
    const d = await agreedDeal(srv.url);
    const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    await d.buyer.client.post(path(d.dealId, '/sign'), { hash }).expect(201);
    // As if the process died after the contract write: the signature stored, its deal event not.
    const c = await Contract.findOne({ deal: d.dealId }).lean();
    const eventId = c!.signatures[0]!.eventId;
    await AuditEvent.deleteMany({ eventId });
    await Message.deleteMany({ deal: d.dealId, clientMsgId: eventId });
    await Contract.updateOne({ _id: c!._id }, { $set: { 'signatures.0.recorded': false, unrecorded: true } });
    await srv.services.contracts.contracts.recover();
    await d.supplier.client.get(path(d.dealId)).expect(200);
    assert.equal(await AuditEvent.countDocuments({ eventId }), 1);
    assert.equal(await Message.countDocuments({ deal: d.dealId, clientMsgId: eventId }), 1);
    assert.equal((await Contract.findById(c!._id).lean())!.unrecorded, false);
  });

  it('contracts the deal at boot when a crash came between the second signature and the transition', async () => {
    const d = await agreedDeal(srv.url);
    const { hash } = (await d.buyer.client.get(path(d.dealId)).expect(200)).body;
    await d.buyer.client.post(path(d.dealId, '/sign'), { hash }).expect(201);
    // The supplier's signature stored by its compare-and-set, then the process died.
    const c = await Contract.findOne({ deal: d.dealId }).lean();
    const sig = { ...c!.signatures[0]!, side: 'supplier', user: d.supplier.user.id, org: d.supplier.org!.id, eventId: signatureEventId(c!._id, 1, 'supplier'), recorded: false };
    await Contract.updateOne({ _id: c!._id }, { $push: { signatures: sig }, $set: { status: 'signed', signedAt: new Date(), unrecorded: true }, $inc: { version: 1 } });
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'agreed');
    await srv.services.contracts.contracts.recover();
    await srv.services.contracts.contracts.recover();
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'contracted');
    assert.equal(contracted.filter((id) => id === d.dealId).length, 1);
    assert.equal(await AuditEvent.countDocuments({ entityId: d.dealId, action: 'contract.signed' }), 2);
  });
});
