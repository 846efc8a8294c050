import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp, type SignedIn } from '../../test/factories';
import { call, connect } from '../../test/sockets';

const CJK = /[\u3400-\u9fff]/;

describe('API refusals in the request’s language', () => {
  let srv: TestServer;
  let ent: SignedIn;
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());
  beforeEach(async () => {
    ent = await signUp(srv.url, { kind: 'enterprise' });
  });

  const post = (c: TestClient, path: string, body: unknown, lang?: string) => {
    const r = c.agent.post(path).set('x-csrf-token', c.csrf);
    return (lang ? r.set('accept-language', lang) : r).send(body as object);
  };

  it('words a schema rule in Chinese or English, naming the field', async () => {
    const body = demandInput({ budgetMin: 5, budgetMax: 4 });
    const zh = (await post(ent.client, '/api/demands', body, 'zh-CN,zh;q=0.9').expect(400)).body.error;
    assert.equal(zh.field, 'budgetMax');
    assert.equal(zh.message, '最高预算（budgetMax）：不能低于最低预算');
    assert.equal(zh.details[0].message, '不能低于最低预算');
    const en = (await post(ent.client, '/api/demands', body, 'en-GB,en;q=0.9').expect(400)).body.error;
    assert.equal(en.message, 'budgetMax: must not be below budgetMin');
    assert.equal(en.details[0].message, 'must not be below budgetMin');
  });

  it('never sends zod’s own wording: bounds, missing and wrong types in either language', async () => {
    const body = { ...demandInput(), title: { zh: '', en: '' }, minTrl: 12, anonymous: undefined, region: 7 };
    delete (body as Record<string, unknown>).field;
    const zh = (await post(ent.client, '/api/demands', body, 'zh').expect(400)).body.error;
    const en = (await post(ent.client, '/api/demands', body, 'en').expect(400)).body.error;
    assert.ok(zh.details.length >= 3, JSON.stringify(zh.details));
    assert.equal(zh.details.length, en.details.length);
    for (const [i, issue] of zh.details.entries()) {
      assert.match(issue.message, CJK, `zh ${issue.field}: ${issue.message}`);
      assert.doesNotMatch(en.details[i].message, /^(Invalid|Too (small|big)|Expected)/, `en ${issue.field}: ${en.details[i].message}`);
      assert.doesNotMatch(en.details[i].message, CJK);
    }
    const byField = (list: { field: string; message: string }[], f: string) => list.find((d) => d.field === f)?.message;
    assert.equal(byField(zh.details, 'field'), '必填');
    assert.equal(byField(en.details, 'field'), 'is required');
    assert.equal(byField(zh.details, 'minTrl'), '应为 1–9');
    assert.equal(byField(en.details, 'minTrl'), 'must be 1–9');
    assert.match(byField(zh.details, 'region')!, /^请选择有效的选项：110000, /);
    assert.match(byField(en.details, 'region')!, /^must be one of: 110000, /);
    assert.equal(byField(zh.details, 'title'), '请至少填写中文或英文');
    assert.match(zh.message, CJK);
  });

  it('answers an unknown field, a 404 and an illegal transition in Chinese and English', async () => {
    const smuggled = await post(ent.client, '/api/demands', demandInput({ isAdmin: true }), 'zh').expect(400);
    assert.equal(smuggled.body.error.message, 'isAdmin：不接受该字段');
    const missing = await ent.client.agent.get('/api/achievements/0123456789abcdef01234567').set('accept-language', 'zh').expect(404);
    assert.equal(missing.body.error.message, '成果不存在或已被删除');
    const missingEn = await ent.client.agent.get('/api/achievements/0123456789abcdef01234567').set('accept-language', 'en').expect(404);
    assert.equal(missingEn.body.error.message, 'Achievement not found');

    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
    const zh = await post(uni.client, `/api/achievements/${body.id}/withdraw`, {}, 'zh').expect(409);
    assert.equal(zh.body.error.message, '「草稿」状态的成果不能撤回');
    const en = await post(uni.client, `/api/achievements/${body.id}/withdraw`, {}, 'en').expect(409);
    assert.equal(en.body.error.message, 'Cannot withdraw a draft listing');
    // publishing needs a verified organisation: the refusal is a sentence in either language
    const refused = await post(ent.client, '/api/demands', demandInput(), 'zh').expect(201);
    const zhRefusal = await post(ent.client, `/api/demands/${refused.body.id}/publish`, {}, 'zh').expect(403);
    assert.equal(zhRefusal.body.error.code, 'org_not_verified');
    assert.match(zhRefusal.body.error.message, /^贵机构尚未通过平台认证，暂不能/);
  });

  it('answers in the user’s locale when the request names no language, else in Chinese', async () => {
    const anon = await new TestClient(srv.url).init();
    const a = await anon.agent.get('/api/achievements/0123456789abcdef01234567').expect(404);
    assert.equal(a.body.error.message, '成果不存在或已被删除');
    await ent.client.patch('/api/me', { locale: 'en' }).expect(200);
    const b = await ent.client.agent.get('/api/achievements/0123456789abcdef01234567').expect(404);
    assert.equal(b.body.error.message, 'Achievement not found');
    // the page's language wins over the account's
    const c = await ent.client.agent.get('/api/achievements/0123456789abcdef01234567').set('accept-language', 'zh-CN').expect(404);
    assert.equal(c.body.error.message, '成果不存在或已被删除');
  });

  it('words a deal-room refusal in the socket’s language: the page’s auth.lang, else Accept-Language', async () => {
    const cookie = ent.client.cookieHeader();
    const zh = await connect(srv.url, cookie, { namespace: '/deals', headers: { 'accept-language': 'zh-CN' } });
    const en = await connect(srv.url, cookie, { namespace: '/deals', headers: { 'accept-language': 'zh-CN' }, auth: { lang: 'en' } });
    try {
      const a = await call(zh, 'deal:join', { dealId: 'not-an-id' });
      const b = await call(en, 'deal:join', { dealId: 'not-an-id' });
      assert.equal(a.error?.code, 'validation_failed');
      assert.match(a.error?.message ?? '', /^dealId：[\u3400-\u9fff]/);
      assert.match(b.error?.message ?? '', /^dealId: [a-z]/);
      assert.doesNotMatch(b.error?.message ?? '', CJK);
    } finally {
      zh.close();
      en.close();
    }
  });
});
