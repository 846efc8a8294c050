import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp, type SignedIn } from '../../test/factories';
import { createLogger } from '../logger';
import { Notification } from '../notifications/notification.model';
import { EmailMessage } from '../mail/email-message.model';
import { AlertHit } from './alert.model';
import { AlertsService, digestDay } from './alerts.service';

const waitUntil = async (what: string, check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('alerts', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  const publishAchievement = async (who: SignedIn, over: Record<string, unknown> = {}) => {
    const created = await who.client.post('/api/achievements', achievementInput(over)).expect(201);
    await who.client.post(`/api/achievements/${created.body.id}/publish`, { version: created.body.version }).expect(200);
    return created.body.id as string;
  };
  const alertNotes = (userId: string) => Notification.find({ user: userId, kind: 'alert.match' }).lean();

  describe('POST /api/alerts', () => {
    it('saves a search from the search page’s URL parameters and lists it for its owner only', async () => {
      const a = await signUp(srv.url, { kind: 'enterprise' });
      const b = await signUp(srv.url, { kind: 'enterprise' });
      const res = await a.client.post('/api/alerts', { kind: 'search', target: 'achievements', q: '电池', field: ['energy-storage'], trlMin: 5 }).expect(201);
      assert.equal(res.body.alert.q, '电池');
      assert.equal((await a.client.get('/api/alerts').expect(200)).body.items.length, 1);
      assert.equal((await b.client.get('/api/alerts').expect(200)).body.items.length, 0);
      await b.client.delete(`/api/alerts/${res.body.alert.id}`).expect(404);
      await a.client.delete(`/api/alerts/${res.body.alert.id}`).expect(204);
      assert.equal((await a.client.get('/api/alerts').expect(200)).body.items.length, 0);
    });

    it('refuses a follow of nothing, an unknown field and an inverted TRL range with a 400 naming the field', async () => {
      const a = await signUp(srv.url);
      assert.equal((await a.client.post('/api/alerts', { kind: 'follow', target: 'demands' }).expect(400)).body.error.field, 'field');
      assert.equal((await a.client.post('/api/alerts', { kind: 'follow', target: 'demands', field: ['astrology'] }).expect(400)).body.error.field, 'field.0');
      assert.equal((await a.client.post('/api/alerts', { kind: 'search', target: 'achievements', trlMin: 7, trlMax: 3 }).expect(400)).body.error.field, 'trlMax');
      await (await new TestClient(srv.url).init()).get('/api/alerts').expect(401);
    });
  });

  it('notifies in-app of a new matching listing once, not of others, nor of its own organisation’s', async () => {
    const supplier = await signUp(srv.url, { verified: true });
    const follower = await signUp(srv.url, { kind: 'enterprise', verified: true });
    await follower.client.post('/api/alerts', { kind: 'follow', target: 'achievements', field: ['energy-storage'], region: ['310000'] }).expect(201);
    await follower.client.post('/api/alerts', { kind: 'search', target: 'achievements', q: '锂电池' }).expect(201);
    await follower.client.post('/api/alerts', { kind: 'follow', target: 'demands', field: ['new-energy-vehicles'] }).expect(201);
    const matching = await publishAchievement(supplier);
    await publishAchievement(supplier, { field: 'biomedicine', title: { zh: '抗体药物偶联技术', en: 'Antibody-drug conjugates' }, keywords: ['抗体'] });
    // The follower's own demand matches its demand alert but is its own.
    const d = await follower.client.post('/api/demands', demandInput()).expect(201);
    await follower.client.post(`/api/demands/${d.body.id}/publish`, { version: d.body.version }).expect(200);
    await waitUntil('the alert notification', async () => (await alertNotes(follower.user.id)).length > 0);
    await srv.indexer.idle();
    const notes = await alertNotes(follower.user.id);
    assert.equal(notes.length, 1, 'two alerts matched one listing: one notification');
    assert.equal(notes[0]!.link, `/achievements/${matching}`);
    const hits = await follower.client.get('/api/alerts/hits').expect(200);
    assert.deepEqual(hits.body.items.map((h: { listingId: string }) => h.listingId), [matching]);
    assert.equal((await alertNotes(supplier.user.id)).length, 0);
  });

  describe('daily digest (an injected clock)', () => {
    // A day far ahead, so the test server's own digest job (real clock) never claims it.
    let clock = Date.UTC(2031, 4, 1, 2, 0, 0);
    const logger = createLogger('silent');
    const hit = (user: string, n: number) => ({
      _id: `${user}:achievement:${'a'.repeat(20)}${String(n).padStart(4, '0')}`,
      user,
      alerts: [],
      kind: 'achievement',
      listing: `${'a'.repeat(20)}${String(n).padStart(4, '0')}`,
      title: { zh: `成果${n}`, en: `Achievement ${n}` },
      digested: false,
      at: new Date(clock),
    });

    it('sends each user one digest a day with what was found, however often or wherever it runs', async () => {
      const u = await signUp(srv.url, { kind: 'enterprise' });
      const alerts = [0, 1].map(() => new AlertsService({ logger, appUrl: 'https://techbridge.example.cn', now: () => clock }));
      await AlertHit.insertMany([hit(u.user.id, 1), hit(u.user.id, 2)]);
      const sent = await Promise.all(alerts.map((s) => s.runDigest()));
      assert.equal(sent[0]! + sent[1]!, 1, 'two processes at once: one email');
      let mails = await EmailMessage.find({ to: u.user.email, kind: 'alert-digest' }).lean();
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.body!.zh!, /成果1[\s\S]*成果2/);
      assert.match(mails[0]!.body!.en!, /Achievement 1/);
      assert.equal(mails[0]!.link, 'https://techbridge.example.cn/alerts');
      // A new hit later the same day waits for tomorrow.
      clock += 3 * 3600_000;
      await AlertHit.insertMany([hit(u.user.id, 3)]);
      assert.equal(await alerts[0]!.runDigest(), 0);
      assert.equal(await EmailMessage.countDocuments({ to: u.user.email, kind: 'alert-digest' }), 1);
      const before = digestDay(clock);
      clock += 24 * 3600_000;
      assert.notEqual(digestDay(clock), before);
      assert.equal(await alerts[1]!.runDigest(), 1);
      mails = await EmailMessage.find({ to: u.user.email, kind: 'alert-digest' }).sort({ createdAt: 1 }).lean();
      assert.equal(mails.length, 2);
      assert.match(mails[1]!.body!.zh!, /成果3/);
      assert.doesNotMatch(mails[1]!.body!.zh!, /成果1/, 'what a digest carried is not sent again');
      assert.equal(await alerts[0]!.runDigest(), 0, 'nothing new: no email');
    });

    it('counts days in China Standard Time', () => {
      assert.equal(digestDay(Date.UTC(2031, 0, 1, 15, 59)), '2031-01-01');
      assert.equal(digestDay(Date.UTC(2031, 0, 1, 16, 0)), '2031-01-02');
    });
  });
});
