import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startApiProcess, type ApiProcess } from '../../test/processes';
import { signUp } from '../../test/factories';
import { newClientMsgId, publishedAchievement } from '../../test/deals.factories';
import { call, connectDeals, ok, until } from '../../test/sockets';
import { Message } from './message.model';
import type { JoinResult, MessageView } from './deals.events';

/**
 * A participant's client as a browser would run it: it keeps the timeline by seq, rejoins with its
 * last seq whenever the socket (re)connects, and resends unacknowledged messages with the same
 * clientMsgId.
 */
class RoomClient {
  readonly timeline = new Map<number, MessageView>();
  /** clientMsgId → seq, for every acknowledged send, in send order. */
  readonly acked = new Map<string, number>();
  readonly unacked = new Map<string, string>();
  readonly rejoins: { from: number; seqs: number[] }[] = [];
  joining: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly socket: Socket,
    readonly dealId: string,
  ) {
    socket.on('message:created', (m: MessageView) => this.keep(m));
    socket.on('connect', () => {
      this.joining = this.join(true);
    });
  }

  /** The highest seq up to which the timeline has no hole. */
  get lastSeq(): number {
    let s = 0;
    while (this.timeline.has(s + 1)) s++;
    return s;
  }

  keep(m: MessageView): void {
    const had = this.timeline.get(m.seq);
    assert.ok(!had || had.id === m.id, `${this.name}: two different messages arrived with seq ${m.seq}`);
    this.timeline.set(m.seq, m);
  }

  async join(isRejoin = false): Promise<void> {
    const from = this.lastSeq;
    const res = await ok<JoinResult>(this.socket, 'deal:join', { dealId: this.dealId, lastSeq: from });
    if (isRejoin) this.rejoins.push({ from, seqs: res.messages.map((m) => m.seq) });
    for (const m of res.messages) this.keep(m);
  }

  async send(text: string, clientMsgId = newClientMsgId()): Promise<void> {
    try {
      const res = await call<MessageView>(this.socket, 'message:send', { dealId: this.dealId, clientMsgId, text }, 2000);
      if (res.data) {
        this.acked.set(clientMsgId, res.data.seq);
        this.unacked.delete(clientMsgId);
        this.keep(res.data);
        return;
      }
      this.unacked.set(clientMsgId, text);
    } catch {
      this.unacked.set(clientMsgId, text); // no ack: the server may or may not have stored it
    }
  }
}

describe('deals: the API process crashes mid-conversation', function () {
  this.timeout(240_000);
  let api: ApiProcess | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await api?.stop();
    api = undefined;
  });

  it('keeps every acknowledged message exactly once, in order, and clients catch up by seq', async () => {
    api = await startApiProcess();
    const port = api.port;
    const supplier = await signUp(api.url, { kind: 'university', verified: true });
    const buyer = await signUp(api.url, { kind: 'enterprise', verified: true });
    const achievementId = await publishedAchievement(supplier.org!.id, supplier.user.id);
    const opened = await buyer.client.post('/api/deals', { achievementId, mode: 'license' }).expect(201);
    const dealId: string = opened.body.id;

    const clients: RoomClient[] = [];
    for (const [name, who] of [
      ['supplier', supplier],
      ['buyer', buyer],
    ] as const) {
      const s = (await connectDeals(api.url, who.client.cookieHeader(), { reconnection: true })) as unknown as Socket;
      sockets.push(s);
      const c = new RoomClient(name, s, dealId);
      await c.join();
      clients.push(c);
    }
    const [sc, bc] = clients as [RoomClient, RoomClient];
    const totalAcked = () => sc.acked.size + bc.acked.size;

    // Both talk at once; the process is killed while sends are in flight.
    let talking = true;
    const talk = async (c: RoomClient) => {
      for (let i = 0; talking; i++) await c.send(`${c.name} 消息 ${i}`);
    };
    const loops = [talk(sc), talk(bc)];
    await until(() => totalAcked() >= 40, '40 acknowledged messages', 60_000);
    await api.crash();
    talking = false;
    await Promise.all(loops);
    const ackedBeforeCrash = new Map([...sc.acked, ...bc.acked]);
    // Each client had a send in flight when the process died (the loops send back to back).
    const inFlight = [...sc.unacked.keys(), ...bc.unacked.keys()];
    assert.ok(inFlight.length >= 2, 'sends were in flight at the crash');

    // Restart on the same port: the clients reconnect by themselves and rejoin with their last seq.
    api = await startApiProcess({ port });
    await until(() => sc.socket.connected && bc.socket.connected, 'both clients to reconnect', 30_000);
    await Promise.all([sc.joining, bc.joining]);

    // Unacknowledged sends are resent with the same clientMsgId, then the conversation goes on.
    for (const c of clients) for (const [id, text] of [...c.unacked]) await c.send(text, id);
    for (const c of clients) assert.equal(c.unacked.size, 0, `${c.name}: every resend is acknowledged`);
    for (let i = 0; i < 5; i++) await Promise.all([sc.send(`supplier 重启后 ${i}`), bc.send(`buyer 重启后 ${i}`)]);

    const stored = await Message.find({ deal: dealId }).sort({ seq: 1 }).lean();
    const n = stored.length;
    assert.deepEqual(stored.map((m) => m.seq), Array.from({ length: n }, (_, i) => i + 1), 'seqs are gapless');
    const byClientId = new Map<string, number[]>();
    for (const m of stored) byClientId.set(m.clientMsgId, [...(byClientId.get(m.clientMsgId) ?? []), m.seq]);
    for (const [id, seq] of ackedBeforeCrash) assert.deepEqual(byClientId.get(id), [seq], `acknowledged ${id} is stored once, at the seq it was acked with`);
    for (const c of clients) {
      for (const [id, seq] of c.acked) assert.deepEqual(byClientId.get(id), [seq], `${c.name}: ${id} stored exactly once`);
      const seqsInSendOrder = [...c.acked.values()];
      assert.deepEqual(seqsInSendOrder, [...seqsInSendOrder].sort((a, b) => a - b), `${c.name}: its messages keep their order`);
    }
    assert.ok(ackedBeforeCrash.size >= 40);
    for (const id of inFlight) assert.equal(byClientId.get(id)?.length, 1, `in-flight ${id} is stored once after its resend`);

    // Each client's timeline becomes exactly the stored one; every rejoin returned exactly the
    // seqs after the one it sent.
    await until(() => sc.lastSeq === n && bc.lastSeq === n, 'both timelines to be complete', 20_000);
    for (const c of clients) {
      assert.deepEqual([...c.timeline.keys()].sort((a, b) => a - b), stored.map((m) => m.seq), `${c.name}: no extra seq`);
      for (const m of stored) assert.equal(c.timeline.get(m.seq)!.id, m._id, `${c.name}: seq ${m.seq} is the stored message`);
      assert.ok(c.rejoins.length >= 1, `${c.name} rejoined after the restart`);
      for (const r of c.rejoins) assert.deepEqual(r.seqs, r.seqs.map((_, i) => r.from + 1 + i), `${c.name}: rejoin from ${r.from} got exactly the next seqs`);
    }
  });
});
