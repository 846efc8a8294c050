import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { demandInput, signUp, type SignedIn } from '../../test/factories';
import { Demand } from './demand.model';

describe('demands', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  async function openDemand(over: Record<string, unknown> = {}, nameZh?: string) {
    const owner = await signUp(srv.url, { kind: 'enterprise', verified: true, nameZh });
    const created = await owner.client.post('/api/demands', demandInput(over)).expect(201);
    await owner.client.post(`/api/demands/${created.body.id}/publish`, {}).expect(200);
    return { owner, id: created.body.id as string };
  }

  /** Asserts the response body names neither the organisation's id nor its name. */
  function assertHidesOrg(body: unknown, owner: SignedIn, nameZh: string) {
    const json = JSON.stringify(body);
    assert.ok(!json.includes(owner.org!.id), 'no org id');
    assert.ok(!json.includes(nameZh), 'no org name');
  }

  describe('POST /api/demands', () => {
    it('creates a draft for the caller’s organisation', async () => {
      const ent = await signUp(srv.url, { kind: 'enterprise' });
      const res = await ent.client.post('/api/demands', demandInput()).expect(201);
      assert.equal(res.body.status, 'draft');
      assert.equal(res.body.org.id, ent.org!.id);
      assert.equal(res.body.budgetMax, 300_000_000);
      assert.equal(res.body.version, 1);
      assert.equal((await Demand.findById(res.body.id).lean())!.indexDirty, true);
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['a budget range upside down', { budgetMin: 5, budgetMax: 4 }, 'budgetMax'],
      ['a budget with decimals', { budgetMin: 1.5 }, 'budgetMin'],
      ['a description with no text', { description: { zh: '', en: '' } }, 'description'],
      ['an unknown mode', { modes: ['barter'] }, 'modes.0'],
      ['a mode twice', { modes: ['license', 'license'] }, 'modes'],
      ['a minimum TRL of 0', { minTrl: 0 }, 'minTrl'],
      ['a deadline that is not a date', { deadline: 'next spring' }, 'deadline'],
      ['anonymous as a string', { anonymous: 'yes' }, 'anonymous'],
      ['an operator in the region', { region: { $in: ['310000'] } }, 'region'],
      ['an org smuggled in', { org: '0123456789abcdef01234567' }, 'org'],
    ];
    for (const [what, patch, field] of bad) {
      it(`answers 400 naming "${field}" for ${what}`, async () => {
        const ent = await signUp(srv.url, { kind: 'enterprise' });
        const res = await ent.client.post('/api/demands', demandInput(patch)).expect(400);
        assert.equal(res.body.error.field, field, res.body.error.message);
        assert.equal(await Demand.countDocuments(), 0);
      });
    }
  });

  describe('transitions', () => {
    it('refuses to publish for an unverified organisation with 403', async () => {
      const ent = await signUp(srv.url, { kind: 'enterprise' });
      const { body } = await ent.client.post('/api/demands', demandInput()).expect(201);
      assert.equal((await ent.client.post(`/api/demands/${body.id}/publish`, {}).expect(403)).body.error.code, 'org_not_verified');
      assert.equal((await Demand.findById(body.id).lean())!.status, 'draft');
    });

    it('opens, withdraws, republishes and closes; closed is final (409 with the status)', async () => {
      const { owner, id } = await openDemand();
      assert.equal((await Demand.findById(id).lean())!.status, 'open');
      const w = await owner.client.post(`/api/demands/${id}/withdraw`, {}).expect(200);
      assert.equal(w.body.status, 'withdrawn');
      const other = await signUp(srv.url);
      await other.client.get(`/api/demands/${id}`).expect(404);
      await owner.client.post(`/api/demands/${id}/publish`, {}).expect(200);
      const c = await owner.client.post(`/api/demands/${id}/close`, {}).expect(200);
      assert.equal(c.body.status, 'closed');
      assert.ok(c.body.closedAt);
      for (const action of ['publish', 'withdraw', 'close']) {
        const res = await owner.client.post(`/api/demands/${id}/${action}`, {}).expect(409);
        assert.equal(res.body.error.code, 'illegal_transition');
        assert.equal(res.body.error.details.status, 'closed');
      }
      const edit = await owner.client.patch(`/api/demands/${id}`, { version: c.body.version, minTrl: 3 }).expect(409);
      assert.equal(edit.body.error.details.status, 'closed');
    });

    it('refuses to withdraw or close a draft', async () => {
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const { body } = await ent.client.post('/api/demands', demandInput()).expect(201);
      assert.equal((await ent.client.post(`/api/demands/${body.id}/withdraw`, {}).expect(409)).body.error.details.status, 'draft');
      assert.equal((await ent.client.post(`/api/demands/${body.id}/close`, {}).expect(409)).body.error.details.status, 'draft');
    });

    it('refuses another organisation: 403 on an open demand, 404 on a draft', async () => {
      const { id } = await openDemand();
      const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await other.client.post(`/api/demands/${id}/close`, {}).expect(403);
      await other.client.patch(`/api/demands/${id}`, { version: 2, minTrl: 1 }).expect(403);
      const ent = await signUp(srv.url, { kind: 'enterprise' });
      const draft = await ent.client.post('/api/demands', demandInput()).expect(201);
      await other.client.patch(`/api/demands/${draft.body.id}`, { version: 1, minTrl: 1 }).expect(404);
      await other.client.get(`/api/demands/${draft.body.id}`).expect(404);
      assert.equal((await Demand.findById(id).lean())!.status, 'open');
    });
  });

  describe('PATCH /api/demands/:id', () => {
    it('edits with the current version, 409 with a stale one', async () => {
      const { owner, id } = await openDemand();
      const ok = await owner.client.patch(`/api/demands/${id}`, { version: 2, minTrl: 7, keywords: ['热泵'] }).expect(200);
      assert.equal(ok.body.version, 3);
      assert.equal(ok.body.minTrl, 7);
      const stale = await owner.client.patch(`/api/demands/${id}`, { version: 2, minTrl: 1 }).expect(409);
      assert.equal(stale.body.error.code, 'version_conflict');
      assert.equal(stale.body.error.details.version, 3);
    });

    it('checks the budget range against the stored other end', async () => {
      const { owner, id } = await openDemand();
      const res = await owner.client.patch(`/api/demands/${id}`, { version: 2, budgetMin: 900_000_000 }).expect(400);
      assert.equal(res.body.error.field, 'budgetMax');
      assert.equal((await Demand.findById(id).lean())!.budgetMin, 100_000_000);
    });
  });

  describe('anonymous demands', () => {
    it('hides the organisation from other organisations and anonymous visitors, not from its own', async () => {
      const name = '匿名测试企业甲';
      const { owner, id } = await openDemand({ anonymous: true }, name);
      const mine = await owner.client.get(`/api/demands/${id}`).expect(200);
      assert.equal(mine.body.org.id, owner.org!.id);
      assert.equal(mine.body.anonymous, true);

      const other = await signUp(srv.url, { kind: 'university' });
      const theirs = await other.client.get(`/api/demands/${id}`).expect(200);
      assert.equal(theirs.body.org, null);
      assert.equal(theirs.body.revealedTo, undefined);
      assertHidesOrg(theirs.body, owner, name);
      const anon = await (await new TestClient(srv.url).init()).get(`/api/demands/${id}`).expect(200);
      assertHidesOrg(anon.body, owner, name);
    });

    it('reveals the name to one counterpart organisation only', async () => {
      const name = '匿名测试企业乙';
      const { owner, id } = await openDemand({ anonymous: true }, name);
      const uni = await signUp(srv.url, { kind: 'university' });
      const third = await signUp(srv.url, { kind: 'institute' });
      const res = await owner.client.post(`/api/demands/${id}/reveal`, { orgId: uni.org!.id }).expect(200);
      assert.deepEqual(res.body.revealedTo, [uni.org!.id]);
      const seen = await uni.client.get(`/api/demands/${id}`).expect(200);
      assert.equal(seen.body.org.id, owner.org!.id);
      assert.equal(seen.body.org.name.zh, name);
      assertHidesOrg((await third.client.get(`/api/demands/${id}`).expect(200)).body, owner, name);
      // revealing twice keeps one entry
      await owner.client.post(`/api/demands/${id}/reveal`, { orgId: uni.org!.id }).expect(200);
      assert.equal((await Demand.findById(id).lean())!.revealedTo.length, 1);
    });

    it('refuses reveals by other organisations, of named demands, to unknown or own organisations', async () => {
      const { owner, id } = await openDemand({ anonymous: true });
      const uni = await signUp(srv.url, { kind: 'university' });
      await uni.client.post(`/api/demands/${id}/reveal`, { orgId: uni.org!.id }).expect(403);
      await owner.client.post(`/api/demands/${id}/reveal`, { orgId: '0123456789abcdef01234567' }).expect(404);
      assert.equal((await owner.client.post(`/api/demands/${id}/reveal`, { orgId: owner.org!.id }).expect(400)).body.error.field, 'orgId');
      assert.equal((await owner.client.post(`/api/demands/${id}/reveal`, { orgId: { $ne: '' } }).expect(400)).body.error.field, 'orgId');
      const named = await openDemand({ anonymous: false });
      assert.equal((await named.owner.client.post(`/api/demands/${named.id}/reveal`, { orgId: uni.org!.id }).expect(409)).body.error.code, 'not_anonymous');
      assert.equal((await Demand.findById(id).lean())!.revealedTo.length, 0);
    });
  });

  describe('GET /api/demands/mine', () => {
    it('lists the organisation’s demands of every status, and refuses anonymous callers', async () => {
      const { owner } = await openDemand();
      await owner.client.post('/api/demands', demandInput()).expect(201);
      await (await signUp(srv.url, { kind: 'enterprise' })).client.post('/api/demands', demandInput()).expect(201);
      const res = await owner.client.get('/api/demands/mine').expect(200);
      assert.equal(res.body.total, 2);
      assert.equal((await owner.client.get('/api/demands/mine?status=open').expect(200)).body.total, 1);
      await (await new TestClient(srv.url).init()).get('/api/demands/mine').expect(401);
    });
  });
});
