import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { demandInput, signInAdmin, signUp, type SignedIn } from '../../test/factories';
import { EmailMessage } from '../mail/email-message.model';
import { Notification } from '../notifications/notification.model';
import { Org } from './org.model';
import { randomCreditCode, withCreditCheck } from './credit-code';

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20)]);

describe('organisation verification', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  let uni: SignedIn;
  let admin: SignedIn;
  beforeEach(async () => {
    uni = await signUp(srv.url, { kind: 'university' });
    admin = await signInAdmin(srv.url);
  });

  const uploadLicence = (c: TestClient, orgId: string) =>
    c.agent
      .post(`/api/attachments/org-licence/${orgId}?name=${encodeURIComponent('营业执照.pdf')}`)
      .set('x-csrf-token', c.csrf)
      .set('content-type', 'application/octet-stream')
      .send(pdf());

  it('shows the platform admin what the organisation submitted: credit code, contact, licence', async () => {
    const up = await uploadLicence(uni.client, uni.org!.id).expect(201);
    const res = await admin.client.get('/api/orgs?verified=false').expect(200);
    const row = res.body.items.find((o: { id: string }) => o.id === uni.org!.id);
    assert.equal(row.review.status, 'pending');
    assert.match(row.review.creditCode, /^91310000[0-9A-Z]{10}$/);
    assert.equal(row.review.contact.name, '测试用户');
    assert.equal(row.review.contact.email, uni.user.email);
    assert.ok(row.review.submittedAt);
    assert.equal(row.review.licence.id, up.body.id);
    // the admin opens the licence; another organisation cannot
    const file = await admin.client.get(up.body.url).expect(200);
    assert.match(file.headers['content-disposition']!, /^attachment;/);
    const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
    await other.client.get(up.body.url).expect(403);
    await other.client.get(`/api/orgs/${uni.org!.id}/verification`).expect(403);
    await uploadLicence(other.client, uni.org!.id).expect(403);
  });

  it('rejects with a reason: the organisation is told by notification and email, in zh and en, and stays unverified', async () => {
    const res = await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: false, reason: '营业执照不清晰' }).expect(200);
    assert.equal(res.body.verified, false);
    assert.equal(res.body.review.status, 'rejected');
    assert.equal(res.body.review.reason, '营业执照不清晰');
    const n = await Notification.findOne({ user: uni.user.id, kind: 'org.rejected' }).lean();
    assert.ok(n, 'notified');
    assert.match(n!.body!.zh!, /营业执照不清晰/);
    assert.match(n!.body!.en!, /Reason: 营业执照不清晰/);
    const mail = await EmailMessage.findOne({ to: uni.user.email, kind: 'org-rejected' }).lean();
    assert.ok(mail, 'emailed');
    assert.match(mail!.body!.zh!, /原因：营业执照不清晰/);
    assert.match(mail!.subject!.en!, /not approved/);
    // the org admin sees the reason on their own verification
    const mine = await uni.client.get(`/api/orgs/${uni.org!.id}/verification`).expect(200);
    assert.equal(mine.body.review.reason, '营业执照不清晰');
  });

  it('needs a reason to reject (400 naming reason) and changes nothing without one', async () => {
    const res = await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: false }).expect(400);
    assert.equal(res.body.error.field, 'reason');
    assert.equal((await Org.findById(uni.org!.id).lean())!.verification!.status, 'pending');
  });

  it('approves: verified, and the organisation is told by notification and email', async () => {
    await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: true }).expect(200);
    const org = await Org.findById(uni.org!.id).lean();
    assert.equal(org!.verified, true);
    assert.equal(org!.verification!.status, 'approved');
    assert.ok(await Notification.exists({ user: uni.user.id, kind: 'org.verified' }));
    assert.ok(await EmailMessage.exists({ to: uni.user.email, kind: 'org-verified' }));
  });

  it('lets the org admin resubmit after a rejection (back to pending, reason cleared) and filters the queue by status', async () => {
    await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: false, reason: '信用代码与执照不符' }).expect(200);
    assert.equal((await admin.client.get('/api/orgs?status=rejected').expect(200)).body.total, 1);
    const code = withCreditCheck('12100000MB0123456');
    const res = await uni.client
      .put(`/api/orgs/${uni.org!.id}/verification`, { creditCode: code.toLowerCase(), contact: { name: '王老师', phone: '021-6543 2100' } })
      .expect(200);
    assert.equal(res.body.review.status, 'pending');
    assert.equal(res.body.review.reason, null);
    assert.equal(res.body.review.creditCode, code);
    assert.equal(res.body.review.contact.phone, '021-6543 2100');
    assert.equal((await admin.client.get('/api/orgs?status=rejected').expect(200)).body.total, 0);
    assert.equal((await admin.client.get('/api/orgs?status=pending').expect(200)).body.total, 1);
  });

  it('refuses a resubmission with a wrong check character, from a member who is not its admin, or once verified', async () => {
    const good = randomCreditCode();
    const bad = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
    const wrong = await uni.client.put(`/api/orgs/${uni.org!.id}/verification`, { creditCode: bad, contact: { name: 'x', phone: '13800138000' } }).expect(400);
    assert.equal(wrong.body.error.field, 'creditCode');
    assert.match(wrong.body.error.message, /校验位不正确/);
    const phone = await uni.client.put(`/api/orgs/${uni.org!.id}/verification`, { creditCode: good, contact: { name: 'x', phone: 'call me' } }).expect(400);
    assert.equal(phone.body.error.field, 'contact.phone');
    const other = await signUp(srv.url, { kind: 'enterprise' });
    await other.client.put(`/api/orgs/${uni.org!.id}/verification`, { creditCode: good, contact: { name: 'x', phone: '13800138000' } }).expect(403);
    await admin.client.put(`/api/orgs/${uni.org!.id}/verification`, { creditCode: good, contact: { name: 'x', phone: '13800138000' } }).expect(403);
    await admin.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: true }).expect(200);
    const again = await uni.client.put(`/api/orgs/${uni.org!.id}/verification`, { creditCode: good, contact: { name: 'x', phone: '13800138000' } }).expect(409);
    assert.equal(again.body.error.code, 'already_verified');
  });

  it('refuses the decision to anyone but a platform admin', async () => {
    await uni.client.post(`/api/orgs/${uni.org!.id}/verify`, { verified: false, reason: 'x' }).expect(403);
    const anon = await new TestClient(srv.url).init();
    await anon.get(`/api/orgs/${uni.org!.id}/verification`).expect(401);
    assert.equal(await Notification.countDocuments({ kind: 'org.rejected' }), 0);
  });
});

describe('organisation directory and profiles', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  it('lists organisations for anyone, searched by name and filtered by kind and region, paged, verified first', async () => {
    await signUp(srv.url, { kind: 'university', nameZh: '江南光电大学', region: '320000' });
    await signUp(srv.url, { kind: 'university', nameZh: '江南材料研究院', region: '320000', verified: true });
    await signUp(srv.url, { kind: 'enterprise', nameZh: '江南电池有限公司', region: '310000' });
    const anon = await new TestClient(srv.url).init();
    const all = await anon.get('/api/directory?q=江南').expect(200);
    assert.equal(all.body.total, 3);
    assert.equal(all.body.items[0].name.zh, '江南材料研究院', 'verified first');
    assert.ok(!('creditCode' in all.body.items[0]), 'no credit code in the directory');
    const unis = await anon.get('/api/directory?kind=university&region=320000&pageSize=1&page=2').expect(200);
    assert.equal(unis.body.total, 2);
    assert.equal(unis.body.items.length, 1);
    assert.equal(unis.body.items[0].name.zh, '江南光电大学');
    assert.equal((await anon.get('/api/directory?q=电池').expect(200)).body.total, 1);
    // a pattern is the user's words, not a regular expression
    assert.equal((await anon.get('/api/directory?q=.*').expect(200)).body.total, 0);
    assert.equal((await anon.get('/api/directory?region=999999').expect(400)).body.error.field, 'region');
    assert.equal((await anon.get('/api/directory?kind=bank').expect(400)).body.error.field, 'kind');
  });

  it("shows an organisation's public achievements and non-anonymous public demands only", async () => {
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const input = demandInput;
    const open = await ent.client.post('/api/demands', input({ title: { zh: '公开需求', en: '' } })).expect(201);
    await ent.client.post(`/api/demands/${open.body.id}/publish`, {}).expect(200);
    const anon = await ent.client.post('/api/demands', input({ title: { zh: '匿名需求', en: '' }, anonymous: true })).expect(201);
    await ent.client.post(`/api/demands/${anon.body.id}/publish`, {}).expect(200);
    await ent.client.post('/api/demands', input({ title: { zh: '草稿需求', en: '' } })).expect(201);
    const visitor = await new TestClient(srv.url).init();
    const profile = await visitor.get(`/api/orgs/${ent.org!.id}/profile`).expect(200);
    assert.equal(profile.body.verified, true);
    const demands = await visitor.get(`/api/orgs/${ent.org!.id}/demands`).expect(200);
    assert.deepEqual(demands.body.items.map((d: { title: { zh: string } }) => d.title.zh), ['公开需求']);
    assert.equal(demands.body.total, 1);
    const achievements = await visitor.get(`/api/orgs/${ent.org!.id}/achievements`).expect(200);
    assert.equal(achievements.body.total, 0);
    await visitor.get('/api/orgs/0123456789abcdef01234567/profile').expect(404);
    await visitor.get('/api/orgs/0123456789abcdef01234567/demands').expect(404);
  });
});
