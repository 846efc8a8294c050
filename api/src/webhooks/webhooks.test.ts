import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startTestServer, type TestServer } from '../../test/server';
import { achievementInput, signUp, type SignedIn } from '../../test/factories';
import { openDealFor, publishedAchievement } from '../../test/deals.factories';
import { Effects } from '../events/effects';
import { EventBus } from '../events/bus';
import { readSentListings, recordListingChanges } from './webhook.sources';
import { User } from '../auth/user.model';
import { Types } from 'mongoose';
import { createLogger } from '../logger';
import { WebhookClaim, WebhookDelivery } from './webhook.model';
import { trusted } from '../db';
import { WebhooksService } from './webhooks.service';
import { WebhookDispatcher, RETRY_WINDOW_MS, LOG_RETENTION_MS } from './webhook.dispatcher';
import { guardedLookup, isPrivateAddress, urlProblem } from './webhook.ssrf';
import { send } from './webhook.dispatcher';

/** A partner's endpoint on loopback: answers each request with the next status of `statuses` (the last one repeats). */
class Receiver {
  readonly got: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  private server!: Server;
  private waiters: (() => void)[] = [];
  constructor(public statuses: number[] = [200]) {}
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        const status = this.statuses[Math.min(this.got.length - 1, this.statuses.length - 1)]!;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? `boom ${status}` : 'ok');
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  async waitFor(n: number, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    while (this.got.length < n) {
      if (Date.now() > until) throw new Error(`receiver got ${this.got.length} of ${n} requests`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
  close() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** The partner's check, written from the README alone (not the server's code). */
function partnerVerifies(secret: string, header: string, rawBody: string): boolean {
  const fields = new Map(header.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const t = fields.get('t');
  const v1 = fields.get('v1');
  if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const waitUntil = async (what: string, check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('outgoing webhooks', () => {
  let srv: TestServer;
  const receivers: Receiver[] = [];
  const receiver = async (statuses?: number[]) => {
    const r = new Receiver(statuses);
    receivers.push(r);
    return { r, url: await r.start() };
  };
  before(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  after(() => srv.close());

  const subscribe = async (who: SignedIn, url: string, events: string[]) => {
    const res = await who.client.post('/api/webhooks', { url, events, description: '合作平台' }).expect(201);
    assert.match(res.body.secret, /^whsec_/);
    return { id: res.body.webhook.id as string, secret: res.body.secret as string };
  };

  describe('POST /api/webhooks', () => {
    it('shows the secret once: the list and the answer to a change never carry it', async () => {
      const a = await signUp(srv.url, { verified: true });
      const { id } = await subscribe(a, 'https://partner.example.cn/hooks', ['achievement.published']);
      const list = await a.client.get('/api/webhooks').expect(200);
      assert.equal(list.body.items.length, 1);
      assert.equal(list.body.items[0].id, id);
      assert.equal(JSON.stringify(list.body).includes('whsec_'), false);
      const patched = await a.client.patch(`/api/webhooks/${id}`, { events: ['deal.status'] }).expect(200);
      assert.deepEqual(patched.body.webhook.events, ['deal.status']);
      assert.equal(JSON.stringify(patched.body).includes('whsec_'), false);
    });

    it('refuses a URL that is not http(s) and an unknown event with a 400 naming the field', async () => {
      const a = await signUp(srv.url);
      const bad = await a.client.post('/api/webhooks', { url: 'ftp://partner.example.cn/x', events: ['match.created'] }).expect(400);
      assert.equal(bad.body.error.field, 'url');
      const ev = await a.client.post('/api/webhooks', { url: 'https://partner.example.cn/x', events: ['listing.exploded'] }).expect(400);
      assert.equal(ev.body.error.field, 'events.0');
    });

    it('is for organisation admins only', async () => {
      const a = await signUp(srv.url);
      await User.updateOne({ _id: a.user.id }, { $set: { roles: ['member'] } });
      const res = await a.client.post('/api/webhooks', { url: 'https://partner.example.cn/x', events: ['match.created'] }).expect(403);
      assert.equal(res.body.error.code, 'not_org_admin');
      await a.client.get('/api/webhooks').expect(403);
    });
  });

  it('delivers a published achievement signed so that the partner’s own code verifies it', async () => {
    const { r, url } = await receiver();
    const a = await signUp(srv.url, { verified: true });
    const partner = await signUp(srv.url, { kind: 'enterprise' });
    const { secret } = await subscribe(partner, url, ['achievement.published', 'achievement.withdrawn']);
    const created = await a.client.post('/api/achievements', achievementInput()).expect(201);
    const pub = await a.client.post(`/api/achievements/${created.body.id}/publish`, { version: created.body.version }).expect(200);
    await r.waitFor(1);
    const hit = r.got[0]!;
    assert.equal(hit.headers['x-techbridge-event'], 'achievement.published');
    assert.ok(partnerVerifies(secret, String(hit.headers['x-techbridge-signature']), hit.body), 'the signature verifies');
    assert.equal(partnerVerifies('whsec_wrong', String(hit.headers['x-techbridge-signature']), hit.body), false);
    assert.equal(partnerVerifies(secret, String(hit.headers['x-techbridge-signature']), hit.body.replace('published', 'withdrawn')), false, 'a changed body fails');
    const body = JSON.parse(hit.body);
    assert.equal(body.type, 'achievement.published');
    assert.equal(body.data.id, created.body.id);
    assert.equal(body.data.status, 'published');
    assert.equal(hit.body.includes('680'), false, 'confidential details never leave');
    // Withdrawing it announces the withdrawal.
    await a.client.post(`/api/achievements/${created.body.id}/withdraw`, { version: pub.body.version }).expect(200);
    await r.waitFor(2);
    assert.equal(JSON.parse(r.got[1]!.body).type, 'achievement.withdrawn');
    // The log shows each delivery with its attempt.
    const hooks = await partner.client.get('/api/webhooks').expect(200);
    const log = await partner.client.get(`/api/webhooks/${hooks.body.items[0].id}/deliveries`).expect(200);
    assert.equal(log.body.total, 2);
    assert.deepEqual(log.body.items.map((d: { status: string }) => d.status), ['delivered', 'delivered']);
    assert.equal(log.body.items[0].attempts[0].statusCode, 200);
    assert.equal(log.body.items[0].attempts[0].responseBody, 'ok');
    assert.equal(typeof log.body.items[0].attempts[0].durationMs, 'number');
  });

  it('tells a deal’s parties of its status, and nobody else', async () => {
    const { r: mine, url: myUrl } = await receiver();
    const { r: other, url: otherUrl } = await receiver();
    const p = await openDealFor(srv.url).then(async (d) => d);
    // Subscribed after the deal opened: a second deal of the same parties is what it hears of.
    const { secret } = await subscribe(p.buyer, myUrl, ['deal.status']);
    const stranger = await signUp(srv.url, { kind: 'enterprise' });
    await subscribe(stranger, otherUrl, ['deal.status']);
    const res = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode: 'transfer' }).expect(201);
    await mine.waitFor(1);
    const body = JSON.parse(mine.got[0]!.body);
    assert.equal(body.type, 'deal.status');
    assert.equal(body.data.dealId, res.body.id);
    assert.equal(body.data.status, 'open');
    assert.ok(partnerVerifies(secret, String(mine.got[0]!.headers['x-techbridge-signature']), mine.got[0]!.body));
    await srv.services.effects.idle();
    assert.equal(other.got.length, 0, 'another organisation hears nothing of this deal');
  });

  it('records match.created for both sides before the announcement counts as done', async () => {
    const { r, url } = await receiver();
    const supplier = await signUp(srv.url);
    const buyer = await signUp(srv.url, { kind: 'enterprise' });
    await subscribe(supplier, url, ['match.created']);
    let settledWithRows = -1;
    const matchId = '0123456789abcdef01234567';
    await srv.services.effects.run(
      'match.created',
      {
        event: { id: `match.created:${matchId}`, action: 'match.created', actor: null, at: new Date() },
        match: { id: matchId, achievementId: new Types.ObjectId(), achievementTitle: '成果', demandId: new Types.ObjectId(), supplierOrgId: supplier.org!.id, supplierName: 'S', score: 0.8, summary: { zh: '摘要', en: 'summary' }, created: true },
        demand: { org: new Types.ObjectId(buyer.org!.id), title: { zh: '需求', en: 'Demand' } } as never,
      },
      { settled: async () => void (settledWithRows = await WebhookDelivery.countDocuments({ eventId: `match.created:${matchId}` })) },
    );
    await srv.services.effects.idle();
    assert.equal(settledWithRows, 1, 'the delivery was stored before the owed record could be cleared');
    await r.waitFor(1);
    const body = JSON.parse(r.got[0]!.body);
    assert.equal(body.type, 'match.created');
    assert.equal(body.data.matchId, matchId);
  });

  it('records a listing the outbox sends twice (a crash before its flag was cleared) as one delivery', async () => {
    const { r, url } = await receiver();
    const admin = await signUp(srv.url);
    await subscribe(admin, url, ['achievement.published']);
    const supplier = await signUp(srv.url, { verified: true });
    const id = await publishedAchievement(supplier.org!.id, supplier.user.id);
    const sent = await readSentListings('achievements', [id]);
    await recordListingChanges(srv.services.webhooks, sent.kind, sent.rows);
    await recordListingChanges(srv.services.webhooks, sent.kind, sent.rows);
    assert.equal(await WebhookDelivery.countDocuments({ eventId: `achievement.published:${id}:v1` }), 1);
    await r.waitFor(1);
    await srv.services.effects.idle();
    assert.equal(r.got.length, 1);
  });

  it('leaves an event owed when its deliveries could not be recorded (its settled step is not run)', async () => {
    const effects = new Effects({ bus: new EventBus(), notify: async () => undefined });
    effects.record(async () => {
      throw new Error('store unreachable');
    });
    let settled = false;
    await effects.run('match.created' as never, {} as never, { settled: async () => void (settled = true) });
    await effects.idle();
    assert.equal(settled, false);
  });

  it('an admin of another organisation can neither see nor redeliver the log; redelivery sends it again', async () => {
    const { r, url } = await receiver([500, 200]);
    const a = await signUp(srv.url, { verified: true });
    const owner = await signUp(srv.url, { kind: 'enterprise' });
    const other = await signUp(srv.url, { kind: 'enterprise' });
    const { id } = await subscribe(owner, url, ['achievement.published']);
    const created = await a.client.post('/api/achievements', achievementInput()).expect(201);
    await a.client.post(`/api/achievements/${created.body.id}/publish`, { version: created.body.version }).expect(200);
    await r.waitFor(1);
    let log: { body: { items: { id: string; status: string; attempts: unknown[] }[] } } = { body: { items: [] } };
    await waitUntil('the failed attempt in the log', async () => {
      log = await owner.client.get(`/api/webhooks/${id}/deliveries`).expect(200);
      return log.body.items[0]?.attempts.length === 1;
    });
    const delivery = log.body.items[0]!;
    assert.equal(delivery.status, 'pending', 'a 500 is retried later');
    await other.client.get(`/api/webhooks/${id}/deliveries`).expect(404);
    await other.client.post(`/api/webhooks/${id}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, {}).expect(404);
    await other.client.delete(`/api/webhooks/${id}`).expect(404);
    assert.equal((await other.client.get('/api/webhooks').expect(200)).body.items.length, 0);
    // Its own admin redelivers now (the retry would have waited 15–30 s).
    await owner.client.post(`/api/webhooks/${id}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, {}).expect(200);
    await r.waitFor(2);
    await waitUntil('delivered', async () => (await WebhookDelivery.findById(delivery.id).lean())?.status === 'delivered');
    const row = await WebhookDelivery.findById(delivery.id).lean();
    assert.deepEqual(row!.attempts.map((x) => [x.statusCode, x.redelivery]), [[500, false], [200, true]]);
    assert.equal(r.got[0]!.body, r.got[1]!.body, 'the same bytes are sent again');
  });

  describe('retries (an injected clock)', () => {
    // Far in the future, so the test server's own dispatcher (real clock) never finds these due.
    let clock = Date.now() + 30 * 24 * 3600_000;
    const logger = createLogger('silent');
    const setup = async (statuses: number[]) => {
      const { r, url } = await receiver(statuses);
      const admin = await signUp(srv.url);
      await subscribe(admin, url, ['match.created']);
      const service = new WebhooksService({ logger, allowPrivate: true, now: () => clock });
      const dispatcher = new WebhookDispatcher({ webhooks: service, logger, now: () => clock, random: () => 0.5, backoff: { baseMs: 30_000, maxMs: 3_600_000 } });
      await service.record('match.created', `match.created:test-${clock}`, [admin.org!.id], { matchId: 'm1' });
      const row = async () => (await WebhookDelivery.findOne({ org: admin.org!.id }).lean())!;
      return { r, dispatcher, row };
    };

    it('retries after a 500 with backoff, then succeeds', async () => {
      const { r, dispatcher, row } = await setup([500, 200]);
      assert.equal(await dispatcher.runOnce(), 1);
      const first = await row();
      assert.equal(first.status, 'pending');
      assert.equal(first.attempts[0]!.statusCode, 500);
      assert.equal(first.attempts[0]!.responseBody, 'boom 500');
      const wait = first.nextAttemptAt!.getTime() - clock;
      assert.ok(wait >= 15_000 && wait <= 30_000, `the first retry waits half to all of 30 s (${wait})`);
      assert.equal(await dispatcher.runOnce(), 0, 'not before it is due');
      clock += wait;
      assert.equal(await dispatcher.runOnce(), 1);
      const done = await row();
      assert.equal(done.status, 'delivered');
      assert.deepEqual(done.attempts.map((a) => a.statusCode), [500, 200]);
      assert.equal(r.got.length, 2);
    });

    it('gives up once the next attempt would fall past 24 hours, with every attempt logged', async () => {
      const { r, dispatcher, row } = await setup([503]);
      const start = (await row()).windowStart.getTime();
      for (let i = 0; i < 100; i++) {
        await dispatcher.runOnce();
        const cur = await row();
        if (cur.status !== 'pending') break;
        clock = cur.nextAttemptAt!.getTime();
      }
      const last = await row();
      assert.equal(last.status, 'failed');
      assert.ok(last.attempts.length >= 10 && last.attempts.length < 60, `${last.attempts.length} attempts`);
      assert.ok(last.attempts.every((a) => a.at.getTime() - start <= RETRY_WINDOW_MS), 'no attempt after the window');
      assert.ok(last.attempts.at(-1)!.at.getTime() - start > RETRY_WINDOW_MS - 2 * 3_600_000, 'retried for (nearly) the whole window');
      const gaps = last.attempts.slice(1).map((a, i) => a.at.getTime() - last.attempts[i]!.at.getTime());
      assert.ok(gaps[1]! > gaps[0]!, 'the delay grows');
      assert.ok(gaps.every((g) => g <= 3_600_000), 'capped at an hour');
      clock += 48 * 3_600_000;
      assert.equal(await dispatcher.runOnce(), 0, 'nothing more is attempted');
      assert.equal(r.got.length, last.attempts.length);
    });

    it('prunes old claims and finished deliveries past the log’s retention', async () => {
      const { dispatcher, row } = await setup([200]);
      await dispatcher.runOnce();
      const id = (await row())._id;
      assert.equal(await WebhookClaim.countDocuments({ _id: `${id}#1` }), 1);
      clock += LOG_RETENTION_MS + 3_600_000;
      await dispatcher.prune();
      assert.equal(await WebhookDelivery.countDocuments({ _id: id }), 0);
      assert.equal(await WebhookClaim.countDocuments({ at: trusted({ $lt: new Date(clock - 2 * RETRY_WINDOW_MS) }) }), 0);
    });

    it('makes each attempt once even when two dispatchers run it at the same time', async () => {
      const { r, row } = await setup([200]);
      const service = new WebhooksService({ logger, allowPrivate: true, now: () => clock });
      const two = [0, 1].map((i) => new WebhookDispatcher({ webhooks: service, logger, now: () => clock, holder: `p${i}` }));
      const attempted = await Promise.all(two.map((d) => d.runOnce()));
      assert.equal(attempted[0]! + attempted[1]!, 1);
      assert.equal(r.got.length, 1);
      assert.equal((await row()).attempts.length, 1);
    });
  });

  describe('SSRF guard', () => {
    it('refuses private, loopback and link-local addresses and local names in production', () => {
      for (const url of ['http://127.0.0.1/x', 'http://10.1.2.3/x', 'http://192.168.1.1/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://localhost:8080/', 'http://[::ffff:10.0.0.1]/'])
        assert.ok(urlProblem(url, false), url);
      assert.equal(urlProblem('https://partner.example.cn/hooks', false), null);
      assert.equal(urlProblem('http://127.0.0.1:9/x', true), null, 'allowed outside production');
      assert.ok(urlProblem('file:///etc/passwd', true));
      assert.ok(urlProblem('https://user:pw@partner.example.cn/', true));
      assert.equal(isPrivateAddress('8.8.8.8'), false);
      assert.equal(isPrivateAddress('100.64.1.1'), true);
    });

    it('refuses at connect time a host name that resolves to a private address (the lookup the socket uses)', async () => {
      const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup(false)('localhost', {}, (err) => resolve(err)));
      assert.equal(refused?.code, 'EPRIVATEADDRESS');
      const allowed = await new Promise<string>((resolve) => guardedLookup(true)('localhost', {}, (_err, address) => resolve(String(address))));
      assert.ok(isPrivateAddress(allowed));
      // And `send` refuses an address literal before connecting.
      const { r, url } = await receiver();
      const res = await send(url, '{}', {}, { timeoutMs: 2000, allowPrivate: false });
      assert.equal(res.statusCode, null);
      assert.match(res.error ?? '', /refused/);
      assert.equal(r.got.length, 0);
    });
  });
});
