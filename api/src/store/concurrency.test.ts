// Many clients at once on the same documents, through the API (HTTP and sockets): every
// acknowledged change is stored exactly once, versions and seqs have no gaps, nothing answers 5xx.
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { licenseTerms, newClientMsgId, openDealFor, publishedAchievement } from '../../test/deals.factories';
import { call, connectDeals } from '../../test/sockets';
import type { SignedIn } from '../../test/factories';

interface Res {
  status: number;
  body: Record<string, unknown> & { error?: { code: string } };
}

describe('store: concurrent clients through the API lose and duplicate nothing', function () {
  this.timeout(180_000);
  let srv: TestServer;
  const statuses: number[] = [];

  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());

  const seen = <T extends { status: number }>(r: T): T => {
    statuses.push(r.status);
    return r;
  };

  it('keeps every acknowledged message, offer, edit and transition exactly once', async () => {
    const d = await openDealFor(srv.url);
    const other = await publishedAchievement(d.supplier.org!.id, d.supplier.user.id);
    const sockets = await Promise.all(
      [d.supplier, d.supplier, d.buyer, d.buyer].map(async (who) => {
        const s = await connectDeals(srv.url, who.client.cookieHeader());
        const join = await call(s, 'deal:join', { dealId: d.dealId });
        assert.ok(join.data, `join: ${JSON.stringify(join.error)}`);
        return s;
      }),
    );

    const acked = { messages: new Map<string, number>(), offers: new Map<number, string>(), edits: [] as { version: number; keyword: string }[], transitions: 0 };

    const socketSender = async (i: number) => {
      for (let k = 0; k < 15; k++) {
        const clientMsgId = newClientMsgId();
        const r = await call<{ seq: number }>(sockets[i]!, 'message:send', { dealId: d.dealId, clientMsgId, text: `s${i}-${k}` });
        if (r.data) acked.messages.set(clientMsgId, r.data.seq);
        else assert.notEqual(r.error?.code, 'internal', 'a socket send failed inside');
      }
    };
    const restSender = async (who: SignedIn, tag: string) => {
      for (let k = 0; k < 10; k++) {
        const clientMsgId = newClientMsgId();
        const r = seen((await who.client.room('message:send', { dealId: d.dealId, clientMsgId, text: `${tag}-${k}` })) as unknown as Res);
        if (r.status === 201) acked.messages.set(clientMsgId, (r.body as { seq: number }).seq);
      }
    };
    const offerer = async (who: SignedIn, tag: string) => {
      for (let k = 0; k < 6; k++) {
        const deal = seen((await who.client.get(`/api/deals/${d.dealId}`)) as unknown as Res);
        const current = (deal.body as { currentOfferVersion?: number | null }).currentOfferVersion ?? 0;
        const note = `${tag}-${k}`;
        const r = seen((await who.client.room('offer:create', { dealId: d.dealId, replacesVersion: current, terms: licenseTerms({ royaltyRate: 2 + k / 10 }), note })) as unknown as Res);
        if (r.status === 201) acked.offers.set((r.body as { offer: { version: number } }).offer.version, note);
        else assert.equal(r.status, 409, `offer: ${r.status} ${JSON.stringify(r.body)}`);
      }
    };
    const editor = async (tag: string) => {
      for (let k = 0; k < 8; k++) {
        const cur = seen((await d.supplier.client.get(`/api/achievements/${other}`)) as unknown as Res);
        const keyword = `${tag}${k}`;
        const r = seen((await d.supplier.client.patch(`/api/achievements/${other}`, { version: (cur.body as { version: number }).version, keywords: [keyword] })) as unknown as Res);
        if (r.status === 200) acked.edits.push({ version: (r.body as { version: number }).version, keyword });
        else assert.equal(r.status, 409, `edit: ${r.status} ${JSON.stringify(r.body)}`);
      }
    };
    const toggler = async () => {
      for (let k = 0; k < 6; k++) {
        const action = k % 2 ? 'publish' : 'withdraw';
        const r = seen((await d.supplier.client.post(`/api/achievements/${other}/${action}`, {})) as unknown as Res);
        if (r.status === 200) acked.transitions++;
        else assert.equal(r.status, 409, `${action}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    };

    await Promise.all([
      ...sockets.map((_, i) => socketSender(i)),
      restSender(d.supplier, 'rs'),
      restSender(d.buyer, 'rb'),
      offerer(d.supplier, 'os'),
      offerer(d.buyer, 'ob'),
      editor('ea'),
      editor('eb'),
      editor('ec'),
      toggler(),
    ]);
    for (const s of sockets) s.disconnect();

    assert.deepEqual(statuses.filter((s) => s >= 500), [], 'no 5xx');

    // Messages: each acknowledged one once, at the seq it was acknowledged with; seqs gapless.
    const all: { seq: number; clientMsgId?: string; kind: string }[] = [];
    for (let after = 0; ; ) {
      const page = await d.buyer.client.get(`/api/deals/${d.dealId}/messages?after=${after}&limit=100`).expect(200);
      all.push(...page.body.items);
      if (!page.body.hasMore) break;
      after = page.body.items.at(-1).seq;
    }
    assert.deepEqual(all.map((m) => m.seq), all.map((_, i) => i + 1), 'seqs 1…n without gaps or repeats');
    assert.equal(acked.messages.size, 4 * 15 + 2 * 10, 'every text message was acknowledged');
    const bySeq = new Map(all.map((m) => [m.seq, m]));
    for (const [clientMsgId, seq] of acked.messages) assert.equal(bySeq.get(seq)?.clientMsgId, clientMsgId, `message ${clientMsgId} at seq ${seq}`);
    const ids = all.map((m) => m.clientMsgId).filter((c) => c && acked.messages.has(c));
    assert.equal(new Set(ids).size, ids.length, 'no message stored twice');
    assert.equal(ids.length, acked.messages.size);

    // Offers: versions 1…k, each acknowledged one at its version with its note.
    const offers = (await d.buyer.client.get(`/api/deals/${d.dealId}/offers`).expect(200)).body as { items?: { version: number; note?: string }[] } | { version: number; note?: string }[];
    const list = Array.isArray(offers) ? offers : (offers.items ?? []);
    assert.ok(acked.offers.size >= 2, 'offers were acknowledged');
    assert.deepEqual(list.map((o) => o.version).sort((a, b) => a - b), list.map((_, i) => i + 1), 'offer versions without gaps');
    for (const [version, note] of acked.offers) assert.equal(list.find((o) => o.version === version)?.note, note, `offer v${version}`);
    assert.equal(list.length, acked.offers.size, 'no unacknowledged offer stored');

    // The edited listing: one version per acknowledged write, the last acknowledged edit's content.
    const final = (await d.supplier.client.get(`/api/achievements/${other}`).expect(200)).body as { version: number; keywords: string[] };
    assert.ok(acked.edits.length >= 3, 'edits were acknowledged');
    assert.equal(final.version, 1 + acked.edits.length + acked.transitions, 'every acknowledged edit and transition bumped the version once');
    const versions = acked.edits.map((e) => e.version);
    assert.equal(new Set(versions).size, versions.length, 'no two edits acknowledged at the same version');
    const lastEdit = acked.edits.reduce((a, b) => (b.version > a.version ? b : a));
    assert.deepEqual(final.keywords, [lastEdit.keyword]);
  });
});
