import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import { licenseTerms, newClientMsgId, openDealFor } from '../../test/deals.factories';
import { call, collect, connectDeals, ok, settle, until, type DealClient } from '../../test/sockets';
import { Deal } from './deal.model';
import { transitionsFor } from './deals.state';
import { Message } from './message.model';
import { Notification } from '../notifications/notification.model';
import type { DealActionResult, DealView, JoinResult, MessageView, OfferHistoryItem } from './deals.events';

describe('deals (socket /deals namespace)', () => {
  let srv: TestServer;
  const open: Socket[] = [];
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  after(() => srv.close());

  async function sock(who: { client: { cookieHeader: () => string } }): Promise<DealClient> {
    const s = await connectDeals(srv.url, who.client.cookieHeader());
    open.push(s as unknown as Socket);
    return s;
  }

  /** A deal with both parties connected and joined. */
  async function room() {
    const d = await openDealFor(srv.url);
    const s = await sock(d.supplier);
    const b = await sock(d.buyer);
    await ok<JoinResult>(s as unknown as Socket, 'deal:join', { dealId: d.dealId });
    await ok<JoinResult>(b as unknown as Socket, 'deal:join', { dealId: d.dealId });
    return { ...d, s: s as unknown as Socket, b: b as unknown as Socket };
  }

  const send = (s: Socket, dealId: string, text: string, clientMsgId = newClientMsgId()) =>
    call<MessageView>(s, 'message:send', { dealId, clientMsgId, text });

  describe('access', () => {
    it('lets a participant join and acks the timeline so far', async () => {
      const d = await openDealFor(srv.url);
      const s = (await sock(d.buyer)) as unknown as Socket;
      const res = await ok<JoinResult>(s, 'deal:join', { dealId: d.dealId });
      assert.equal(res.deal.id, d.dealId);
      assert.equal(res.lastSeq, 1);
      assert.deepEqual(res.messages.map((m) => m.seq), [1]);
    });

    it('refuses a non-participant: cannot join, send, offer or see broadcasts', async () => {
      const r = await room();
      const stranger = await signUp(srv.url, { kind: 'enterprise' });
      const x = (await sock(stranger)) as unknown as Socket;
      const leaked = collect(x, 'message:created');
      const join = await call(x, 'deal:join', { dealId: r.dealId });
      assert.equal(join.error?.code, 'not_found');
      const sendRes = await send(x, r.dealId, '我也想谈');
      assert.equal(sendRes.error?.code, 'not_found');
      const offer = await call(x, 'offer:create', { dealId: r.dealId, replacesVersion: 0, terms: licenseTerms() });
      assert.equal(offer.error?.code, 'not_found');
      const typing = await call(x, 'typing', { dealId: r.dealId });
      assert.equal(typing.error?.code, 'not_joined');
      const got = collect<MessageView>(r.b, 'message:created');
      await ok(r.s, 'message:send', { dealId: r.dealId, clientMsgId: newClientMsgId(), text: '机密报价细节' });
      await until(() => got.length === 1, 'the participant to get the message');
      await settle();
      assert.equal(leaked.length, 0);
      assert.equal(await Message.countDocuments({ deal: r.dealId }), 2);
    });

    it('lets a platform admin join (read) but not send', async () => {
      const d = await openDealFor(srv.url);
      const admin = await signInAdmin(srv.url);
      const a = (await sock(admin)) as unknown as Socket;
      await ok(a, 'deal:join', { dealId: d.dealId });
      const res = await send(a, d.dealId, '管理员');
      assert.equal(res.error?.code, 'not_a_party');
    });

    it('refuses a flood of events from one socket with rate_limited', async () => {
      const d = await openDealFor(srv.url);
      const s = (await sock(d.buyer)) as unknown as Socket;
      await ok(s, 'deal:join', { dealId: d.dealId });
      const results = await Promise.all(Array.from({ length: 150 }, () => call(s, 'typing', { dealId: d.dealId })));
      const limited = results.filter((r) => r.error?.code === 'rate_limited').length;
      assert.ok(limited > 0, 'some events were refused');
      assert.ok(results.filter((r) => r.data).length >= 50, 'a burst is still allowed');
    });

    it('holds the flood limit exactly, per user: 80 sends at once store 60, and a fresh socket gets no fresh bucket (issue 14)', async () => {
      const d = await openDealFor(srv.url);
      const s = (await sock(d.buyer)) as unknown as Socket;
      await ok(s, 'deal:join', { dealId: d.dealId });
      const before = await Message.countDocuments({ deal: d.dealId });
      const results = await Promise.all(Array.from({ length: 80 }, (_, i) => send(s, d.dealId, `洪水 ${i}`)));
      assert.equal(results.filter((r) => r.data).length, 59, 'the join took one of the 60');
      assert.equal(await Message.countDocuments({ deal: d.dealId }), before + 59);
      const fresh = (await sock(d.buyer)) as unknown as Socket;
      const again = await send(fresh, d.dealId, '换个连接');
      assert.equal(again.error?.code, 'rate_limited');
      // Another user is not limited by this one.
      const other = (await sock(d.supplier)) as unknown as Socket;
      await ok(other, 'deal:join', { dealId: d.dealId });
      assert.ok((await send(other, d.dealId, '供方')).data);
    });

    it('disconnects a socket at once when its session logs out; it neither reads nor writes after (issue 14)', async () => {
      const d = await openDealFor(srv.url);
      const s = (await sock(d.buyer)) as unknown as Socket;
      await ok(s, 'deal:join', { dealId: d.dealId });
      const gone = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(String(reason))));
      await d.buyer.client.post('/api/auth/logout').expect(204);
      assert.equal(await Promise.race([gone, new Promise((r) => setTimeout(() => r('still connected'), 2000))]), 'io server disconnect');
      const before = await Message.countDocuments({ deal: d.dealId });
      s.connect();
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(s.connected, false, 'the old cookie opens no socket');
      assert.equal(await Message.countDocuments({ deal: d.dealId }), before);
    });

    it('answers hostile payloads with a validation error naming the field', async () => {
      const d = await openDealFor(srv.url);
      const s = (await sock(d.buyer)) as unknown as Socket;
      const r1 = await call(s, 'deal:join', { dealId: { $gt: '' } });
      assert.equal(r1.error?.code, 'validation_failed');
      assert.equal(r1.error?.field, 'dealId');
      const r2 = await call(s, 'message:send', 'just a string');
      assert.equal(r2.error?.code, 'validation_failed');
      const r3 = await call(s, 'message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: 'x', admin: true });
      assert.equal(r3.error?.field, 'admin');
      const r4 = await call(s, 'message:send', { dealId: d.dealId, clientMsgId: newClientMsgId(), text: 'x'.repeat(4001) });
      assert.equal(r4.error?.field, 'text');
      assert.equal(await Message.countDocuments({ deal: d.dealId }), 1);
    });
  });

  describe('messages', () => {
    it('acks a message with its stored seq, then broadcasts message:created to the room', async () => {
      const r = await room();
      const atBuyer = collect<MessageView>(r.b, 'message:created');
      const res = await send(r.s, r.dealId, '您好，我们可以先谈许可范围');
      assert.equal(res.data!.seq, 2);
      const stored = await Message.findOne({ deal: r.dealId, seq: 2 }).lean();
      assert.equal(stored!.text, '您好，我们可以先谈许可范围');
      await until(() => atBuyer.length === 1, 'the broadcast');
      assert.deepEqual(atBuyer[0], res.data);
    });

    it('returns the same seq for a duplicate clientMsgId and stores one message', async () => {
      const r = await room();
      const clientMsgId = newClientMsgId();
      const first = await send(r.b, r.dealId, '报价请查收', clientMsgId);
      await send(r.s, r.dealId, '收到');
      const again = await send(r.b, r.dealId, '报价请查收', clientMsgId);
      assert.equal(again.data!.seq, first.data!.seq);
      assert.equal(again.data!.id, first.data!.id);
      assert.equal(await Message.countDocuments({ deal: r.dealId, clientMsgId }), 1);
      assert.equal(await Message.countDocuments({ deal: r.dealId }), 3);
    });

    it('gives concurrent senders on two sockets gapless seqs, and each sees all of the other', async () => {
      const r = await room();
      const atS = collect<MessageView>(r.s, 'message:created');
      const atB = collect<MessageView>(r.b, 'message:created');
      const N = 30;
      const acks = await Promise.all(
        Array.from({ length: N }, (_, i) => send(i % 2 ? r.s : r.b, r.dealId, `并发消息 ${i}`)),
      );
      const seqs = acks.map((a) => a.data!.seq).sort((x, y) => x - y);
      assert.deepEqual(seqs, Array.from({ length: N }, (_, i) => i + 2));
      await until(() => new Set(atS.map((m) => m.seq)).size === N && new Set(atB.map((m) => m.seq)).size === N, 'all broadcasts');
      const stored = await Message.find({ deal: r.dealId }).sort({ seq: 1 }).lean();
      assert.deepEqual(stored.map((m) => m.seq), Array.from({ length: N + 1 }, (_, i) => i + 1));
    });

    it('gives a client that rejoins with its lastSeq exactly what it missed', async () => {
      const r = await room();
      for (let i = 0; i < 3; i++) await ok(r.s, 'message:send', { dealId: r.dealId, clientMsgId: newClientMsgId(), text: `before ${i}` });
      const lastSeen = 4;
      r.b.close();
      const missed: number[] = [];
      for (let i = 0; i < 5; i++) missed.push((await ok<MessageView>(r.s, 'message:send', { dealId: r.dealId, clientMsgId: newClientMsgId(), text: `missed ${i}` })).seq);
      const b2 = (await sock(r.buyer)) as unknown as Socket;
      const back = await ok<JoinResult>(b2, 'deal:join', { dealId: r.dealId, lastSeq: lastSeen });
      assert.deepEqual(back.messages.map((m) => m.seq), missed);
      assert.deepEqual(back.messages.map((m) => m.text), ['missed 0', 'missed 1', 'missed 2', 'missed 3', 'missed 4']);
      assert.equal(back.lastSeq, 9);
      assert.equal(back.hasMore, false);
      const none = await ok<JoinResult>(b2, 'deal:join', { dealId: r.dealId, lastSeq: 9 });
      assert.deepEqual(none.messages, []);
    });

    it('broadcasts a message sent from a socket that never joined the room to the sockets in it', async () => {
      const r = await room();
      const atS = collect<MessageView>(r.s, 'message:created');
      const res = await r.buyer.client.room('message:send', { dealId: r.dealId, clientMsgId: newClientMsgId(), text: '另一个标签页' }).expect(201);
      await until(() => atS.length === 1, 'the message on the joined socket');
      assert.equal(atS[0]!.seq, res.body.seq);
    });

    it('relays typing and read markers to the others without storing them', async () => {
      const r = await room();
      const typing = collect<{ userId: string; typing: boolean }>(r.s, 'typing');
      const read = collect<{ userId: string; seq: number }>(r.s, 'read');
      const selfTyping = collect(r.b, 'typing');
      await ok(r.b, 'typing', { dealId: r.dealId, typing: true });
      await ok(r.b, 'read', { dealId: r.dealId, seq: 1 });
      await until(() => typing.length === 1 && read.length === 1, 'typing and read');
      assert.deepEqual(typing[0], { dealId: r.dealId, userId: r.buyer.user.id, name: '测试用户', typing: true });
      assert.equal(read[0]!.seq, 1);
      assert.equal(selfTyping.length, 0);
      assert.equal(await Message.countDocuments({ deal: r.dealId }), 1);
    });
  });

  describe('offers and transitions', () => {
    it('rejects invalid terms naming the field (terms.royaltyRate) and stores nothing', async () => {
      const r = await room();
      const res = await call(r.s, 'offer:create', { dealId: r.dealId, replacesVersion: 0, terms: licenseTerms({ royaltyRate: 250 }) });
      assert.equal(res.error?.code, 'validation_failed');
      assert.equal(res.error?.field, 'terms.royaltyRate');
      assert.equal((await Deal.findById(r.dealId).lean())!.offers.length, 0);
    });

    it('negotiates to agreement over sockets: offer, stale counter 409, both accept the same version', async () => {
      const r = await room();
      const offersAtB = collect<{ offer: { version: number } }>(r.b, 'offer:created');
      const msgsAtB = collect<MessageView>(r.b, 'message:created');
      const v1 = await ok<DealActionResult>(r.s, 'offer:create', { dealId: r.dealId, replacesVersion: 0, terms: licenseTerms(), note: '首轮' });
      assert.equal(v1.offer!.version, 1);
      await until(() => offersAtB.length === 1, 'offer:created');
      await until(() => msgsAtB.some((m) => m.kind === 'offer' && m.offer!.version === 1), 'the offer message');

      await ok(r.b, 'offer:create', { dealId: r.dealId, replacesVersion: 1, terms: licenseTerms({ royaltyRate: 2.8 }) });
      const stale = await call(r.s, 'offer:create', { dealId: r.dealId, replacesVersion: 1, terms: licenseTerms({ royaltyRate: 3.2 }) });
      assert.equal(stale.error?.code, 'stale_offer');
      assert.deepEqual(stale.error?.details, { status: 'negotiating', currentOfferVersion: 2 });

      const accepted = collect<{ agreed: boolean; side: string }>(r.s, 'offer:accepted');
      const transitioned = collect<{ to: string }>(r.s, 'deal:transitioned');
      const a1 = await ok<DealActionResult>(r.b, 'offer:accept', { dealId: r.dealId, version: 2 });
      assert.equal(a1.deal.status, 'negotiating');
      const a2 = await ok<DealActionResult>(r.s, 'offer:accept', { dealId: r.dealId, version: 2 });
      assert.equal(a2.deal.status, 'agreed');
      assert.equal(a2.deal.agreedOfferVersion, 2);
      await until(() => accepted.length === 2 && transitioned.some((t) => t.to === 'agreed'), 'acceptance broadcasts');
      assert.deepEqual(accepted.map((a) => [a.side, a.agreed]), [
        ['buyer', false],
        ['supplier', true],
      ]);
    });

    it('answers an illegal transition with 409 and the current state', async () => {
      const r = await room();
      const res = await call(r.b, 'deal:transition', { dealId: r.dealId, to: 'completed' });
      assert.equal(res.error?.code, 'illegal_transition');
      assert.equal((res.error?.details as { status: string }).status, 'open');
      const noReason = await call(r.b, 'deal:transition', { dealId: r.dealId, to: 'cancelled' });
      assert.equal(noReason.error?.field, 'reason');
      const done = await ok<DealActionResult>(r.b, 'deal:transition', { dealId: r.dealId, to: 'cancelled', reason: '需求取消' });
      assert.equal(done.deal.status, 'cancelled');
      assert.equal(done.message.event!.to, 'cancelled');
    });

    it('accepts from each side exactly the transitions the room offers it (transitionsFor), agreed and beyond included', async () => {
      const r = await room();
      await ok(r.s, 'offer:create', { dealId: r.dealId, replacesVersion: 0, terms: licenseTerms() });
      await ok(r.b, 'offer:accept', { dealId: r.dealId, version: 1 });
      const agreed = await ok<DealActionResult>(r.s, 'offer:accept', { dealId: r.dealId, version: 1 });
      assert.equal(agreed.deal.status, 'agreed');
      for (const [who, side] of [[r.b, 'buyer'], [r.s, 'supplier']] as const) {
        const offered = transitionsFor('agreed', side);
        assert.deepEqual(offered, ['cancelled'], side);
        // every step the platform takes itself is refused, so none may be offered
        for (const to of ['open', 'negotiating', 'agreed', 'contracted', 'paying', 'completed'] as const) {
          const res = await call(who, 'deal:transition', { dealId: r.dealId, to });
          assert.ok(res.error, `${side} → ${to} must be refused`);
          assert.equal(offered.includes(to), false);
        }
      }
      for (const status of ['contracted', 'paying'] as const)
        for (const side of ['supplier', 'buyer', 'broker'] as const) assert.deepEqual(transitionsFor(status, side), ['cancelled'], `${status}/${side}`);
      assert.deepEqual(transitionsFor('completed', 'buyer'), []);
      assert.deepEqual(transitionsFor('open', null), []);
      const done = await ok<DealActionResult>(r.b, 'deal:transition', { dealId: r.dealId, to: 'cancelled', reason: '预算取消' });
      assert.equal(done.deal.status, 'cancelled');
    });

    it('withdraws and rejects through the same service as REST (policy included)', async () => {
      const r = await room();
      await ok(r.s, 'offer:create', { dealId: r.dealId, replacesVersion: 0, terms: licenseTerms() });
      const wrong = await call(r.b, 'offer:withdraw', { dealId: r.dealId, version: 1 });
      assert.equal(wrong.error?.code, 'not_your_offer');
      const rej = await ok<DealActionResult>(r.b, 'offer:reject', { dealId: r.dealId, version: 1, reason: '价格太高' });
      assert.equal(rej.offer!.status, 'rejected');
      const again = await call(r.s, 'offer:withdraw', { dealId: r.dealId, version: 1 });
      assert.equal(again.error?.code, 'offer_not_open');
    });
  });

  describe('effects from stored events', () => {
    it('sends an offer a crash left unflushed on the late flush: offer:created with its history entry, deal:transitioned, the messages, one notification', async () => {
      const r = await room();
      const offers = collect<{ deal: DealView; offer: OfferHistoryItem }>(r.b, 'offer:created');
      const moves = collect<{ deal: DealView; from: string; to: string }>(r.b, 'deal:transitioned');
      const msgs = collect<MessageView>(r.b, 'message:created');
      // What a crash right after the supplier's guarded offer write leaves: the offer stored, its events not flushed.
      const at = new Date();
      const event = (id: string, e: object) => ({ id, actor: r.supplier.user.id, actorName: '测试用户', side: 'supplier', at, ...e });
      await Deal.updateOne(
        { _id: r.dealId },
        {
          $set: {
            status: 'negotiating',
            currentOfferVersion: 1,
            hasPending: true,
            offers: [
              { version: 1, replacesVersion: 0, mode: 'license', terms: licenseTerms(), note: '', side: 'supplier', author: r.supplier.user.id, authorName: '测试用户', createdAt: at, status: 'open', closedBy: null, closedAt: null, closeReason: '', acceptances: [] },
            ],
          },
          $inc: { version: 1 },
          $push: {
            pending: {
              $each: [
                event('srv-crash-offer', { kind: 'offer', action: 'offer.created', from: null, to: '1', data: { version: 1, replacesVersion: 0, mode: 'license', terms: licenseTerms(), note: '' } }),
                event('srv-crash-move', { kind: 'system', action: 'deal.transitioned', from: 'open', to: 'negotiating', data: { action: 'deal.transitioned', from: 'open', to: 'negotiating' } }),
              ],
            },
          },
        },
      );
      const stuck = (await Deal.findById(r.dealId).lean())!;
      assert.equal(await srv.services.deals.changes.recover(), 1, 'the boot-time recovery finds the deal');
      await until(() => offers.length === 1 && moves.length === 1 && msgs.length === 2, 'the late broadcasts');
      assert.equal(offers[0]!.offer.version, 1);
      assert.equal(offers[0]!.offer.diff, null);
      assert.equal(offers[0]!.deal.version, stuck.version);
      assert.equal(offers[0]!.deal.status, 'negotiating');
      assert.deepEqual([moves[0]!.from, moves[0]!.to], ['open', 'negotiating']);
      assert.deepEqual(msgs.map((m) => [m.seq, m.kind]), [
        [2, 'offer'],
        [3, 'system'],
      ]);
      await srv.services.effects.idle();
      // A second flush of the same events (two processes flushing at once) stores nothing twice.
      await srv.services.deals.changes.flush(stuck);
      await srv.services.effects.idle();
      assert.equal(await Message.countDocuments({ deal: r.dealId }), 3);
      assert.equal(await Notification.countDocuments({ user: r.buyer.user.id, kind: 'deal.offer' }), 1);
      assert.equal(await Notification.countDocuments({ user: r.supplier.user.id, kind: 'deal.offer' }), 0, 'not the actor');
      assert.equal(await srv.services.deals.changes.recover(), 0);
    });

    it('broadcasts a counter-offer with its history entry (the diff against the version it replaces), as its ack carries it; its notification follows', async () => {
      const r = await room();
      const offers = collect<{ deal: DealView; offer: OfferHistoryItem }>(r.b, 'offer:created');
      await ok(r.s, 'offer:create', { dealId: r.dealId, replacesVersion: 0, terms: licenseTerms() });
      const res = await ok<DealActionResult>(r.b, 'offer:create', { dealId: r.dealId, replacesVersion: 1, terms: licenseTerms({ royaltyRate: 2.5 }) });
      assert.deepEqual(res.offer!.diff!.map((c) => [c.path, c.from, c.to]), [['royaltyRate', 3.5, 2.5]]);
      await until(() => offers.length === 2, 'both offers');
      assert.deepEqual(offers[1]!.offer, res.offer, 'the broadcast carries the same history entry as the ack');
      assert.ok(offers[1]!.deal.version > offers[0]!.deal.version);
      await srv.services.effects.idle();
      assert.equal(await Notification.countDocuments({ user: r.supplier.user.id, kind: 'deal.offer' }), 1);
    });

    it('answers an unknown /deals event with 400 instead of leaving it unanswered', async () => {
      const r = await room();
      const res = await call(r.b, 'offer:approve', { dealId: r.dealId, version: 1 });
      assert.equal(res.error?.code, 'unknown_event');
      assert.equal(res.error?.status, 400);
    });
  });
});
