// Loads the demo catalogue into a real database (FerretDB, started by the api's test hooks) through
// the api's models and signs in as seeded users over HTTP.
import assert from 'node:assert/strict';
import { mochaHooks, cleanDatabase } from '../../api/test/hooks';
import { startTestServer, TestClient, type TestServer } from '../../api/test/server';
import { Org } from '../../api/src/orgs/org.model';
import { User } from '../../api/src/auth/user.model';
import { Achievement } from '../../api/src/achievements/achievement.model';
import { Demand } from '../../api/src/demands/demand.model';
import { buildDemoData, DEMO_PASSWORD, ADMIN_PASSWORD } from './demo';
import { demoId, hasData, loadDemoData } from './load';
import type { DemoData } from './types';

describe('demo data loader', function () {
  this.timeout(120_000);
  let data: DemoData;
  let srv: TestServer;
  before(async function () {
    await mochaHooks.beforeAll.call(this);
    await cleanDatabase();
    data = buildDemoData();
    srv = await startTestServer();
  });
  after(async () => {
    await srv?.close();
    await mochaHooks.afterAll();
  });

  it('loads every record through the api models, and a second run inserts nothing', async () => {
    assert.equal(await hasData(), false);
    const first = await loadDemoData(data);
    const members = data.users.filter((u) => !u.roles.includes('platform-admin'));
    assert.deepEqual(first.orgs, { inserted: data.orgs.length, existing: 0 });
    assert.deepEqual(first.users, { inserted: members.length, existing: 0 });
    assert.deepEqual(first.achievements, { inserted: data.achievements.length, existing: 0 });
    assert.deepEqual(first.demands, { inserted: data.demands.length, existing: 0 });
    assert.equal(first.portfolios.inserted, new Set(data.users.filter((u) => u.roles.includes('broker')).map((u) => u.orgKey)).size);
    assert.equal(await hasData(), true);

    assert.equal(await Org.countDocuments(), data.orgs.length);
    assert.equal(await User.countDocuments(), data.users.length, 'members plus the platform admin');
    assert.equal(await Achievement.countDocuments({ status: 'published' }), data.achievements.filter((a) => a.status === 'published').length);
    assert.equal(await Demand.countDocuments({ anonymous: true }), data.demands.filter((d) => d.anonymous).length);
    // Inserted for indexing: each listing is still dirty or already indexed by the running server's
    // indexer (the load, deals and indicators included, takes long enough for it to start) — none
    // left clean but never indexed.
    assert.equal(await Achievement.countDocuments({ indexDirty: false, indexedVersion: 0 }), 0);
    assert.equal(await Demand.countDocuments({ indexDirty: false, indexedVersion: 0 }), 0);

    const again = await loadDemoData(data);
    assert.equal(again.orgs.inserted + again.users.inserted + again.achievements.inserted + again.demands.inserted + again.portfolios.inserted, 0);
    assert.equal(await Achievement.countDocuments(), data.achievements.length);
    assert.equal(await User.countDocuments(), data.users.length);

    // the same key maps to the same record, with the achievement's terms in fen and its org resolved
    const sample = data.achievements.find((a) => a.status === 'published' && a.patents.length)!;
    const stored = await Achievement.findById(demoId(sample.key)).lean();
    assert.equal(stored!.title!.zh, sample.title.zh);
    assert.equal(String(stored!.org), String(demoId(sample.orgKey)));
    assert.equal(stored!.patents[0]!.number, sample.patents[0]!.number);
  });

  it('lets seeded users sign in, and the indexer makes the catalogue searchable without details', async () => {
    const admin = data.users.find((u) => u.roles.includes('platform-admin'))!;
    const member = data.users.find((u) => u.roles.includes('org-admin') && u.orgKey)!;
    assert.equal(member.password, DEMO_PASSWORD);
    assert.equal(admin.password, ADMIN_PASSWORD);
    for (const u of [member, admin]) {
      const c = await new TestClient(srv.url).init();
      const res = await c.post('/api/auth/login', { email: u.email, password: u.password }).expect(200);
      assert.equal(res.body.user.email, u.email.toLowerCase());
    }
    const roles = (await User.findOne({ email: admin.email.toLowerCase() }).lean())!.roles;
    assert.ok(roles.includes('platform-admin'));

    srv.indexer.kick();
    await srv.indexer.idle(60_000);
    const res = await new TestClient(srv.url).agent.get(`/api/search/achievements?q=${encodeURIComponent('电池')}&pageSize=50`).expect(200);
    assert.ok(res.body.total > 0, 'battery listings are found');
    const published = new Set(data.achievements.filter((a) => a.status === 'published').map((a) => String(demoId(a.key))));
    assert.ok(res.body.hits.every((h: { id: string }) => published.has(h.id)), 'no drafts');
    const sample = data.achievements.find((a) => a.status === 'published')!;
    const secret = sample.details.zh.slice(0, 12);
    assert.ok(!JSON.stringify(res.body).includes(secret));
    const all = await new TestClient(srv.url).agent.get('/api/search/achievements?pageSize=1').expect(200);
    assert.equal(all.body.total, published.size);
  });
});
