import assert from 'node:assert/strict';
import supertest from 'supertest';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import { agreedDeal } from '../../test/contracts.factories';
import { brokeredDeal, parties } from '../../test/deals.factories';
import { Deal } from '../deals/deal.model';

describe('indicators: routes, permissions and inputs', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());

  const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

  it('answers anonymous users 401 and non-admins 403 on the admin routes; the public summary to anyone', async () => {
    const anon = supertest(srv.url);
    for (const path of ['/api/indicators', '/api/indicators/agencies']) {
      const r = await anon.get(path).expect(401);
      assert.equal(r.body.error.code, 'unauthenticated');
    }
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    for (const path of ['/api/indicators', '/api/indicators/agencies']) await ent.client.get(path).expect(403);
    const pub = await anon.get('/api/indicators/public').expect(200);
    assert.equal(pub.body.totals.listings, 0);
    assert.equal('commission' in pub.body.totals, false, 'no commissions in the public summary');
    assert.equal('platformFee' in pub.body.byMonth[0], false);
  });

  it('refuses bad query parameters with a 400 naming the field', async () => {
    const admin = await signInAdmin(srv.url);
    const cases: [string, string][] = [
      ['/api/indicators?year=abc', 'year'],
      ['/api/indicators?year=2026&from=2026-01', 'year'],
      ['/api/indicators?from=2026-13', 'from'],
      ['/api/indicators?from=2026-05&to=2026-01', 'to'],
      ['/api/indicators?province=999999', 'province'],
      ['/api/indicators?city=苏州', 'city'],
      ['/api/indicators?bogus=1', 'bogus'],
      ['/api/indicators/public?year=1999', 'year'],
      ['/api/indicators/agencies?to=2026', 'to'],
    ];
    for (const [path, field] of cases) {
      const r = await admin.client.get(path).expect(400);
      assert.equal(r.body.error.field, field, path);
    }
    const bad = await admin.client.get('/api/indicators/agencies/not-an-id/commission.csv').expect(400);
    assert.equal(bad.body.error.field, 'orgId');
    const badDate = await admin.client.get(`/api/indicators/agencies/${admin.org?.id ?? '0123456789abcdef01234567'}/commission.csv?from=2026-02-30`).expect(400);
    assert.equal(badDate.body.error.field, 'from');
  });

  it('counts a deal agreed through the room for admins, in its month, field, province, mode and organisation kind', async () => {
    const admin = await signInAdmin(srv.url);
    await admin.client.get('/api/indicators').expect(200); // the rollup is built (empty) first: what follows is incremental
    const d = await agreedDeal(srv.url, 'transfer');
    await srv.services.effects.idle();
    await srv.services.indicators.idle();
    const r = (await admin.client.get(`/api/indicators?from=${month()}`).expect(200)).body;
    assert.equal(r.totals.dealsOpened, 1);
    assert.equal(r.totals.dealsAgreed, 1);
    assert.equal(r.totals.dealsContracted, 0);
    assert.deepEqual(
      r.byField.map((x: { key: string; dealsAgreed: number }) => [x.key, x.dealsAgreed]),
      [['energy-storage', 1]],
    );
    assert.deepEqual(r.byMode.map((x: { key: string; dealsOpened: number }) => [x.key, x.dealsOpened]), [['transfer', 1]]);
    assert.deepEqual(r.byProvince.map((x: { key: string }) => x.key), ['310000']);
    assert.equal(r.byOrgKind.find((x: { key: string }) => x.key === 'university').dealsAgreed, 1);
    assert.equal((await Deal.findById(d.dealId).lean())!.status, 'agreed');
    // The rebuild from the raw data gives the same figures.
    const before = JSON.stringify(r);
    await srv.services.indicators.rebuild();
    const after = (await admin.client.get(`/api/indicators?from=${month()}`).expect(200)).body;
    assert.equal(JSON.stringify(after), before);
  });

  it("lets an agency's admin read its own commission statement, not another agency's (403)", async () => {
    const p = await parties(srv.url);
    const { broker } = await brokeredDeal(srv.url, p, 'license');
    const other = await signUp(srv.url, { kind: 'agency', verified: true });
    const own = await broker.client.get(`/api/indicators/agencies/${broker.org!.id}/commission.csv`).buffer(true).expect(200);
    assert.equal(own.text.charCodeAt(0), 0xfeff);
    await other.client.get(`/api/indicators/agencies/${broker.org!.id}/commission.csv`).expect(403);
    await p.buyer.client.get(`/api/indicators/agencies/${broker.org!.id}/commission`).expect(403);
    await supertest(srv.url).get(`/api/indicators/agencies/${broker.org!.id}/commission.csv`).expect(401);
    const admin = await signInAdmin(srv.url);
    await admin.client.get(`/api/indicators/agencies/${broker.org!.id}/commission`).expect(200);
    await admin.client.get('/api/indicators/agencies/0123456789abcdef01234567/commission').expect(404);
  });
});
