import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import { agreedDeal, BUYER_CODE, SUPPLIER_CODE, type Mode } from '../../test/contracts.factories';
import { Contract } from './contract.model';

describe('contracts: registration data (技术合同登记)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());

  async function signedDeal(mode: Mode) {
    const d = await agreedDeal(srv.url, mode);
    const { hash } = (await d.buyer.client.get(`/api/deals/${d.dealId}/contract`).expect(200)).body;
    await d.buyer.client.post(`/api/deals/${d.dealId}/contract/sign`, { hash }).expect(201);
    await d.supplier.client.post(`/api/deals/${d.dealId}/contract/sign`, { hash }).expect(201);
    return { ...d, hash };
  }

  it("gives a deal's parties its registration data as JSON and as a CSV Excel reads (UTF-8 BOM)", async () => {
    const d = await signedDeal('transfer');
    const json = (await d.buyer.client.get(`/api/deals/${d.dealId}/contract/registration?format=json`).expect(200)).body;
    const signedOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    assert.deepEqual(
      { type: json.contractType.zh, category: json.category.zh, fen: json.amountFen, yuan: json.amountYuan, field: json.technicalField.code, signedOn: json.signedOn, region: json.region.code },
      { type: '技术转让', category: '专利权转让合同', fen: 200_000_000, yuan: '2000000.00', field: 'energy-storage', signedOn, region: '310000' },
    );
    assert.deepEqual([json.seller.creditCode, json.buyer.creditCode, json.hash], [SUPPLIER_CODE, BUYER_CODE, d.hash]);
    const csv = await d.supplier.client.get(`/api/deals/${d.dealId}/contract/registration?format=csv`).buffer(true).expect(200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    const text = csv.text;
    assert.equal(text.charCodeAt(0), 0xfeff, 'starts with the byte-order mark');
    const [header, row] = text.slice(1).trim().split('\r\n');
    assert.ok(header!.startsWith('合同编号 Contract no.,合同类型 Type,合同类别 Category,成交金额（元） Amount (CNY)'));
    const cells = row!.split(',');
    assert.deepEqual(cells.slice(1, 5), ['技术转让', '专利权转让合同', '2000000.00', '200000000']);
    assert.ok(cells.includes(SUPPLIER_CODE) && cells.includes(BUYER_CODE) && cells.includes(d.hash));
  });

  it('answers 409 before both signed, 404 to outsiders', async () => {
    const d = await agreedDeal(srv.url, 'license');
    const r = await d.buyer.client.get(`/api/deals/${d.dealId}/contract/registration`).expect(409);
    assert.equal(r.body.error.code, 'contract_not_signed');
    const other = await signUp(srv.url, { kind: 'enterprise' });
    await other.client.get(`/api/deals/${d.dealId}/contract/registration`).expect(404);
  });

  it('exports every signed contract to platform admins, filtered by signing date; others get 403', async () => {
    const a = await signedDeal('license');
    const b = await signedDeal('equity');
    await agreedDeal(srv.url, 'transfer'); // not signed: not registered
    const admin = await signInAdmin(srv.url);
    const all = (await admin.client.get('/api/contracts/registrations?format=json').expect(200)).body;
    assert.deepEqual(all.items.map((r: { dealId: string }) => r.dealId).sort(), [a.dealId, b.dealId].sort());
    const equity = all.items.find((r: { dealId: string }) => r.dealId === b.dealId);
    assert.deepEqual([equity.contractType.zh, equity.category.zh, equity.amountFen], ['技术转让', '技术作价入股协议', 300_000_000]);
    await Contract.updateOne({ deal: a.dealId }, { $set: { signedAt: new Date('2026-01-15T10:00:00+08:00') } });
    const janRes = await admin.client.get('/api/contracts/registrations?from=2026-01-01&to=2026-01-31');
    assert.equal(janRes.status, 200, JSON.stringify(janRes.body));
    const jan = janRes.body;
    assert.deepEqual(jan.items.map((r: { dealId: string }) => r.dealId), [a.dealId]);
    const csv = await admin.client.get('/api/contracts/registrations?format=csv').buffer(true).expect(200);
    assert.equal(csv.text.slice(1).trim().split('\r\n').length, 3, 'a header and two rows');
    const bad = await admin.client.get('/api/contracts/registrations?from=2026-02-01&to=2026-01-01').expect(400);
    assert.equal(bad.body.error.field, 'to');
    const bad2 = await admin.client.get('/api/contracts/registrations?format=xml').expect(400);
    assert.equal(bad2.body.error.field, 'format');
    const r = await a.buyer.client.get('/api/contracts/registrations').expect(403);
    assert.equal(r.body.error.code, 'not_platform_admin');
  });

  it("lets an org admin set the organisation's credit code, checking its GB 32100 check character", async () => {
    const u = await signUp(srv.url, { kind: 'enterprise' });
    const bad = await u.client.patch(`/api/orgs/${u.org!.id}`, { creditCode: '91350100M000100Y44' }).expect(400);
    assert.equal(bad.body.error.field, 'creditCode');
    assert.match(bad.body.error.message, /校验位不正确/);
    const ok = await u.client.patch(`/api/orgs/${u.org!.id}`, { creditCode: '91350100m000100y43' }).expect(200);
    assert.equal(ok.body.creditCode, '91350100M000100Y43');
    const shown = await u.client.get(`/api/orgs/${u.org!.id}`).expect(200);
    assert.equal(shown.body.creditCode, '91350100M000100Y43');
    const other = await signUp(srv.url, { kind: 'enterprise' });
    const r = await other.client.patch(`/api/orgs/${u.org!.id}`, { creditCode: null }).expect(403);
    assert.equal(r.body.error.code, 'not_org_admin');
  });
});
