import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp, type SignedIn } from '../../test/factories';
import { parties } from '../../test/deals.factories';
import { ReportJob } from '../reports/report.model';

// Issue 17 item 3: every list the web app shows is paged by the server — it takes page and
// pageSize (the shared `pageQuery`), answers the page it was asked and the total, and refuses a
// page size over 100 naming pageSize.
describe('lists that scale: page, pageSize and total on every list endpoint (issue 17)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  /** Three of a kind made, the list read as pages of two: 2 then 1, all different, total 3. */
  async function pagesOfTwo(who: SignedIn, path: string, extra = '') {
    const sep = path.includes('?') ? '&' : '?';
    const p1 = await who.client.get(`${path}${sep}page=1&pageSize=2${extra}`).expect(200);
    const p2 = await who.client.get(`${path}${sep}page=2&pageSize=2${extra}`).expect(200);
    assert.equal(p1.body.total, 3, `${path} total`);
    assert.equal(p1.body.page, 1);
    assert.equal(p1.body.pageSize, 2);
    assert.equal(p1.body.items.length, 2, `${path} first page`);
    assert.equal(p2.body.items.length, 1, `${path} second page`);
    assert.equal(new Set([...p1.body.items, ...p2.body.items].map((i: { id: string }) => i.id)).size, 3, `${path} pages do not overlap`);
    const bad = await who.client.get(`${path}${sep}pageSize=101`).expect(400);
    assert.equal(bad.body.error.field, 'pageSize', `${path} names pageSize`);
    const zero = await who.client.get(`${path}${sep}page=0`).expect(400);
    assert.equal(zero.body.error.field, 'page');
  }

  it("pages an enterprise's deal proposals and a broker's docking runs", async () => {
    const broker = await signUp(srv.url, { kind: 'agency', verified: true });
    const p = await parties(srv.url);
    for (const mode of ['license', 'transfer', 'equity'] as const)
      await broker.client.post('/api/deals', { achievementId: p.achievementId, mode, buyerOrgId: p.buyer.org!.id }).expect(202);
    await pagesOfTwo(p.buyer, '/api/deal-proposals?side=received');

    for (let i = 0; i < 3; i++) await broker.client.post('/api/brokers/docking', { field: 'energy-storage' }).expect(201);
    await pagesOfTwo(broker, '/api/brokers/docking');
    // another agency sees none of them
    const other = await signUp(srv.url, { kind: 'agency', verified: true });
    assert.equal((await other.client.get('/api/brokers/docking').expect(200)).body.total, 0);
  });

  it("pages an organisation's invitations (its admins only) and the platform's annual reports", async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    for (let i = 0; i < 3; i++) await uni.client.post(`/api/orgs/${uni.org!.id}/invitations`, {}).expect(201);
    await pagesOfTwo(uni, `/api/orgs/${uni.org!.id}/invitations`);
    const stranger = await signUp(srv.url, { kind: 'enterprise' });
    await stranger.client.get(`/api/orgs/${uni.org!.id}/invitations?page=1&pageSize=2`).expect(403);

    const admin = await signInAdmin(srv.url);
    // stored directly: the runner is not under test here
    for (const year of [2023, 2024, 2025]) await ReportJob.create({ year, status: 'queued', requestedBy: admin.user.id });
    await pagesOfTwo(admin, '/api/reports');
  });

  it('takes page and pageSize on the lists paged before (deals, matches, interests, demand interests, notifications, mine, directory)', async () => {
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    for (const path of [
      '/api/deals',
      '/api/matches',
      '/api/interests',
      '/api/demand-interests',
      '/api/notifications',
      '/api/demands/mine',
      '/api/achievements/mine',
      '/api/directory',
    ]) {
      const res = await ent.client.get(`${path}?page=1&pageSize=5`).expect(200);
      assert.equal(typeof res.body.total, 'number', `${path} answers a total`);
      assert.ok(Array.isArray(res.body.items), `${path} answers items`);
      const bad = await ent.client.get(`${path}?pageSize=101`).expect(400);
      assert.equal(bad.body.error.field, 'pageSize', `${path} names pageSize`);
    }
  });

  it("pages a broker's portfolio (by status) and an organisation's agencies (its admins only)", async () => {
    const broker = await signUp(srv.url, { kind: 'agency', verified: true });
    const clients = [];
    for (let i = 0; i < 3; i++) {
      const c = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await broker.client.post('/api/brokers/portfolio', { orgId: c.org!.id }).expect(201);
      clients.push(c);
    }
    await pagesOfTwo(broker, '/api/brokers/portfolio');
    await pagesOfTwo(broker, '/api/brokers/portfolio?status=pending');
    await clients[0]!.client.post(`/api/orgs/${clients[0]!.org!.id}/agencies/${broker.org!.id}/accept`, {}).expect(200);
    const active = (await broker.client.get('/api/brokers/portfolio?status=active').expect(200)).body;
    assert.deepEqual([active.total, active.items.map((l: { org: { id: string } }) => l.org.id)], [1, [clients[0]!.org!.id]]);
    assert.equal((await broker.client.get('/api/brokers/portfolio?status=pending').expect(200)).body.total, 2);
    const badStatus = await broker.client.get('/api/brokers/portfolio?status=declined').expect(400);
    assert.equal(badStatus.body.error.field, 'status');
    // not a broker: no portfolio
    await clients[1]!.client.get('/api/brokers/portfolio').expect(403);

    const ent = clients[2]!;
    for (let i = 0; i < 2; i++) {
      const other = await signUp(srv.url, { kind: 'agency', verified: true });
      await other.client.post('/api/brokers/portfolio', { orgId: ent.org!.id }).expect(201);
    }
    await pagesOfTwo(ent, `/api/orgs/${ent.org!.id}/agencies`);
    await clients[1]!.client.get(`/api/orgs/${ent.org!.id}/agencies?page=1&pageSize=2`).expect(403);
  });
});
