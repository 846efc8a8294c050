import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startApiProcess, startRedis, type ApiProcess } from '../../test/processes';
import { signUp } from '../../test/factories';
import { licenseTerms, newClientMsgId, publishedAchievement } from '../../test/deals.factories';
import { collect, connect, connectDeals, ok, until } from '../../test/sockets';
import type { MessageView } from '../deals/deals.events';

describe('realtime scale-out: two API processes linked by Redis', function () {
  this.timeout(180_000);
  let redis: { url: string; stop: () => Promise<void> } | undefined;
  const apis: ApiProcess[] = [];
  const sockets: Socket[] = [];

  before(async () => {
    redis = await startRedis();
    apis.push(...(await Promise.all([startApiProcess({ env: { REDIS_URL: redis.url } }), startApiProcess({ env: { REDIS_URL: redis.url } })])));
  });
  after(async () => {
    for (const s of sockets.splice(0)) s.close();
    await Promise.all(apis.splice(0).map((a) => a.stop()));
    await redis?.stop();
  });

  it('delivers a message sent through one process to a client connected to the other', async () => {
    const [one, two] = apis as [ApiProcess, ApiProcess];
    const supplier = await signUp(one.url, { kind: 'university', verified: true });
    const buyer = await signUp(one.url, { kind: 'enterprise', verified: true });
    const achievementId = await publishedAchievement(supplier.org!.id, supplier.user.id);
    const dealId = (await buyer.client.post('/api/deals', { achievementId, mode: 'license' }).expect(201)).body.id as string;

    // The same session cookie authenticates on either process (sessions live in the database).
    const s = (await connectDeals(one.url, supplier.client.cookieHeader())) as unknown as Socket;
    const b = (await connectDeals(two.url, buyer.client.cookieHeader())) as unknown as Socket;
    sockets.push(s, b);
    await ok(s, 'deal:join', { dealId });
    await ok(b, 'deal:join', { dealId });

    const atBuyer = collect<MessageView>(b, 'message:created');
    const atSupplier = collect<MessageView>(s, 'message:created');
    const sent = await ok<MessageView>(s, 'message:send', { dealId, clientMsgId: newClientMsgId(), text: '来自进程一' });
    await until(() => atBuyer.some((m) => m.seq === sent.seq), 'the message on process two');
    assert.equal(atBuyer.find((m) => m.seq === sent.seq)!.text, '来自进程一');

    const back = await ok<MessageView>(b, 'message:send', { dealId, clientMsgId: newClientMsgId(), text: '来自进程二' });
    await until(() => atSupplier.some((m) => m.seq === back.seq), 'the reply on process one');
    assert.equal(back.seq, sent.seq + 1, 'both processes draw seqs from the same gapless sequence');

    // Offers made on one process reach sockets on the other, and so does typing.
    const offers = collect<{ offer: { version: number } }>(s, 'offer:created');
    const typing = collect<{ userId: string }>(s, 'typing');
    // The buyer's session (its cookie) works on process two as well: b is connected there.
    await ok(b, 'offer:create', { dealId, replacesVersion: 0, terms: licenseTerms() });
    await ok(b, 'typing', { dealId, typing: true });
    await until(() => offers.length === 1 && typing.length === 1, 'offer and typing across processes');
    assert.equal(offers[0]!.offer.version, 1);
    assert.equal(typing[0]!.userId, buyer.user.id);
  });

  it("pushes notifyUser-style events to a user's socket on another process", async () => {
    const [one, two] = apis as [ApiProcess, ApiProcess];
    const supplier = await signUp(one.url, { kind: 'university', verified: true });
    const buyer = await signUp(one.url, { kind: 'enterprise', verified: true });
    const achievementId = await publishedAchievement(supplier.org!.id, supplier.user.id);
    const main = await connect(two.url, supplier.client.cookieHeader());
    sockets.push(main);
    const notes = collect<{ notification: { kind: string } }>(main, 'notification:created');
    // Opening the deal on process one notifies the supplier's members, whose socket is on process two.
    await buyer.client.post('/api/deals', { achievementId, mode: 'license' }).expect(201);
    await until(() => notes.length === 1, 'the deal invitation notification');
    assert.equal(notes[0]!.notification.kind, 'deal.invited');
  });
});
