import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, signUp } from '../../test/factories';
import { Achievement, NdaAcceptance } from './achievement.model';
import { parsePatentNumber, patentCheckChar } from './patent-number';
import { AchievementInput } from './achievements.schemas';

describe('achievements', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  /** A verified university with one published achievement. */
  async function published(over: Record<string, unknown> = {}) {
    const owner = await signUp(srv.url, { verified: true });
    const created = await owner.client.post('/api/achievements', achievementInput(over)).expect(201);
    const pub = await owner.client.post(`/api/achievements/${created.body.id}/publish`, {}).expect(200);
    return { owner, id: created.body.id as string, body: pub.body };
  }

  describe('POST /api/achievements', () => {
    it('creates a draft owned by the caller’s organisation, version 1, dirty for the indexer', async () => {
      const uni = await signUp(srv.url);
      const res = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      assert.equal(res.body.status, 'draft');
      assert.equal(res.body.version, 1);
      assert.equal(res.body.org.id, uni.org!.id);
      assert.equal(res.body.details.zh, '烧结温度 680℃，保温 6 小时（机密）。', 'the owner sees the details');
      assert.equal(res.body.askingPrice, 50_000_000, 'lowest asking price over the modes');
      const stored = await Achievement.findById(res.body.id).lean();
      assert.equal(stored!.indexDirty, true);
      assert.equal(stored!.patents[0]!.number, 'ZL201710601862.3');
    });

    it('accepts one language only, and normalises a patent number written with spaces and lower case', async () => {
      const uni = await signUp(srv.url);
      const res = await uni.client
        .post('/api/achievements', achievementInput({
          title: { zh: '', en: 'Cathode sintering' },
          summary: { zh: '摘要', en: '' },
          patents: [{ number: ' cn 201710601862.3 ', status: 'pending' }],
        }))
        .expect(201);
      assert.equal(res.body.title.zh, '');
      assert.equal(res.body.patents[0].number, 'CN201710601862.3');
      assert.equal(res.body.patents[0].expiry, null);
    });

    it('refuses an anonymous caller with 401 and stores nothing', async () => {
      const anon = await new TestClient(srv.url).init();
      await anon.post('/api/achievements', achievementInput()).expect(401);
      assert.equal(await Achievement.countDocuments(), 0);
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['a title with no text in either language', { title: { zh: '', en: '  ' } }, 'title'],
      ['a TRL of 10', { trl: 10 }, 'trl'],
      ['a TRL given as a string', { trl: '6' }, 'trl'],
      ['an unknown field code', { field: 'alchemy' }, 'field'],
      ['an operator object as field', { field: { $gt: '' } }, 'field'],
      ['an operator object in the title', { title: { $ne: null } }, 'title.$ne'],
      ['an unknown top-level key', { status: 'published' }, 'status'],
      ['no deal mode', { modes: [] }, 'modes'],
      ['the same mode twice', { modes: [{ mode: 'transfer' }, { mode: 'transfer' }] }, 'modes.1.mode'],
      ['an unknown deal mode', { modes: [{ mode: 'barter' }] }, 'modes.0.mode'],
      ['a negative price', { modes: [{ mode: 'transfer', askingPrice: -1 }] }, 'modes.0.askingPrice'],
      ['a price in yuan with decimals', { modes: [{ mode: 'transfer', askingPrice: 12.5 }] }, 'modes.0.askingPrice'],
      ['a royalty above 100 %', { modes: [{ mode: 'license', minRoyaltyRate: 120 }] }, 'modes.0.minRoyaltyRate'],
      ['equity terms on a transfer', { modes: [{ mode: 'transfer', equity: { valuation: 1, maxSharePct: 5 } }] }, 'modes.0.equity'],
      ['a patent with a wrong check digit', { patents: [{ number: 'ZL201710601862.4', status: 'granted' }] }, 'patents.0.number'],
      ['the example number CN202310123456.7 (its check digit is 6)', { patents: [{ number: 'CN202310123456.7', status: 'pending' }] }, 'patents.0.number'],
      ['a patent number of the wrong shape', { patents: [{ number: 'US1234567B2', status: 'granted' }] }, 'patents.0.number'],
      ['a utility-model number on an invention-patent listing', { patents: [{ number: 'ZL202320123456.7', status: 'granted' }] }, 'patents.0.number'],
      ['a granted patent without ZL', { patents: [{ number: '201710601862.3', status: 'granted' }] }, 'patents.0.number'],
      ['a pending application written with ZL', { patents: [{ number: 'ZL201710601862.3', status: 'pending' }] }, 'patents.0.number'],
      ['patents on a software copyright', { ipType: 'software-copyright' }, 'patents.0.number'],
      ['an unknown patent status', { patents: [{ number: 'ZL201710601862.3', status: 'lapsed' }] }, 'patents.0.status'],
      ['an expiry that is not a date', { patents: [{ number: 'ZL201710601862.3', status: 'granted', expiry: 'soon' }] }, 'patents.0.expiry'],
      ['an unknown region', { region: '999999' }, 'region'],
    ];
    for (const [what, patch, field] of bad) {
      it(`answers 400 naming "${field}" for ${what}, storing nothing`, async () => {
        const uni = await signUp(srv.url);
        const res = await uni.client.post('/api/achievements', achievementInput(patch)).expect(400);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.equal(res.body.error.field, field, res.body.error.message);
        assert.equal(await Achievement.countDocuments(), 0);
      });
    }

    it('answers 413 for an oversized body', async () => {
      const uni = await signUp(srv.url);
      await uni.client.post('/api/achievements', achievementInput({ details: { zh: '密'.repeat(150_000), en: '' } })).expect(413);
    });
  });

  describe('publish / withdraw', () => {
    it('refuses to publish for an unverified organisation with 403 and keeps the draft', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const res = await uni.client.post(`/api/achievements/${body.id}/publish`, {}).expect(403);
      assert.equal(res.body.error.code, 'org_not_verified');
      assert.equal((await Achievement.findById(body.id).lean())!.status, 'draft');
    });

    it('publishes for a verified organisation, bumps the version and marks it dirty', async () => {
      const { id, body } = await published();
      assert.equal(body.status, 'published');
      assert.equal(body.version, 2);
      assert.ok(body.publishedAt);
      // The publish write marks it for the indexer; the test server's indexer may already have
      // taken it, in which case it holds exactly the published version.
      const stored = await Achievement.findById(id).lean();
      assert.ok(stored!.indexDirty || stored!.indexedVersion === 2, `dirty, or indexed at version 2 (indexed ${stored!.indexedVersion})`);
    });

    it('answers an illegal transition with 409 and the current status', async () => {
      const uni = await signUp(srv.url, { verified: true });
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const w = await uni.client.post(`/api/achievements/${body.id}/withdraw`, {}).expect(409);
      assert.equal(w.body.error.code, 'illegal_transition');
      assert.equal(w.body.error.details.status, 'draft');
      await uni.client.post(`/api/achievements/${body.id}/publish`, {}).expect(200);
      const again = await uni.client.post(`/api/achievements/${body.id}/publish`, {}).expect(409);
      assert.equal(again.body.error.details.status, 'published');
    });

    it('withdraws and republishes; a withdrawn listing disappears for other organisations', async () => {
      const { owner, id } = await published();
      const other = await signUp(srv.url, { kind: 'enterprise' });
      await other.client.get(`/api/achievements/${id}`).expect(200);
      const w = await owner.client.post(`/api/achievements/${id}/withdraw`, {}).expect(200);
      assert.equal(w.body.status, 'withdrawn');
      await other.client.get(`/api/achievements/${id}`).expect(404);
      await (await new TestClient(srv.url).init()).get(`/api/achievements/${id}`).expect(404);
      await owner.client.get(`/api/achievements/${id}`).expect(200);
      await owner.client.post(`/api/achievements/${id}/publish`, {}).expect(200);
      await other.client.get(`/api/achievements/${id}`).expect(200);
    });

    it('lets only one of two simultaneous publishes win', async () => {
      const uni = await signUp(srv.url, { verified: true });
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const results = await Promise.all([1, 2, 3].map(() => uni.client.post(`/api/achievements/${body.id}/publish`, {})));
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409]);
      assert.equal((await Achievement.findById(body.id).lean())!.version, 2);
    });

    it('refuses a transition with a stale version with 409', async () => {
      const uni = await signUp(srv.url, { verified: true });
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      await uni.client.patch(`/api/achievements/${body.id}`, { version: 1, trl: 7 }).expect(200);
      const res = await uni.client.post(`/api/achievements/${body.id}/publish`, { version: 1 }).expect(409);
      assert.equal(res.body.error.code, 'version_conflict');
      assert.equal(res.body.error.details.version, 2);
    });

    it('refuses another organisation with 403 on a published listing and 404 on a draft', async () => {
      const { id } = await published();
      const other = await signUp(srv.url, { verified: true });
      await other.client.post(`/api/achievements/${id}/withdraw`, {}).expect(403);
      const owner2 = await signUp(srv.url, { verified: true });
      const draft = await owner2.client.post('/api/achievements', achievementInput()).expect(201);
      await other.client.post(`/api/achievements/${draft.body.id}/publish`, {}).expect(404);
      assert.equal((await Achievement.findById(id).lean())!.status, 'published');
      assert.equal((await Achievement.findById(draft.body.id).lean())!.status, 'draft');
    });
  });

  describe('PATCH /api/achievements/:id', () => {
    it('edits a draft with the current version and bumps it', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const res = await uni.client.patch(`/api/achievements/${body.id}`, { version: 1, trl: 7, keywords: ['正极'] }).expect(200);
      assert.equal(res.body.trl, 7);
      assert.equal(res.body.version, 2);
      assert.deepEqual(res.body.keywords, ['正极']);
      assert.equal(res.body.title.zh, achievementInput().title.zh, 'untouched fields stay');
    });

    it('answers a stale version with 409 and the current version, changing nothing', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      await uni.client.patch(`/api/achievements/${body.id}`, { version: 1, trl: 7 }).expect(200);
      const res = await uni.client.patch(`/api/achievements/${body.id}`, { version: 1, trl: 3 }).expect(409);
      assert.equal(res.body.error.code, 'version_conflict');
      assert.equal(res.body.error.details.version, 2);
      assert.equal((await Achievement.findById(body.id).lean())!.trl, 7);
    });

    it('lets only one of two concurrent edits of the same version through', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const [a, b] = await Promise.all([
        uni.client.patch(`/api/achievements/${body.id}`, { version: 1, trl: 2 }),
        uni.client.patch(`/api/achievements/${body.id}`, { version: 1, trl: 8 }),
      ]);
      assert.deepEqual([a!.status, b!.status].sort(), [200, 409]);
      assert.equal((await Achievement.findById(body.id).lean())!.version, 2);
    });

    it('requires the version', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const res = await uni.client.patch(`/api/achievements/${body.id}`, { trl: 7 }).expect(400);
      assert.equal(res.body.error.field, 'version');
    });

    it('checks patents against a changed ipType (merged with the stored listing)', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      const res = await uni.client.patch(`/api/achievements/${body.id}`, { version: 1, ipType: 'utility-model' }).expect(400);
      assert.equal(res.body.error.field, 'patents.0.number');
      assert.equal((await Achievement.findById(body.id).lean())!.ipType, 'invention-patent');
    });

    it('refuses to edit a withdrawn listing with 409', async () => {
      const { owner, id } = await published();
      await owner.client.post(`/api/achievements/${id}/withdraw`, {}).expect(200);
      const res = await owner.client.patch(`/api/achievements/${id}`, { version: 3, trl: 2 }).expect(409);
      assert.equal(res.body.error.code, 'not_editable');
      assert.equal(res.body.error.details.status, 'withdrawn');
    });

    it('refuses another organisation: 403 on a published listing, 404 on a draft', async () => {
      const { id } = await published();
      const other = await signUp(srv.url);
      await other.client.patch(`/api/achievements/${id}`, { version: 2, trl: 1 }).expect(403);
      const owner2 = await signUp(srv.url);
      const draft = await owner2.client.post('/api/achievements', achievementInput()).expect(201);
      await other.client.patch(`/api/achievements/${draft.body.id}`, { version: 1, trl: 1 }).expect(404);
      assert.equal((await Achievement.findById(id).lean())!.trl, 6);
    });

    it('answers 400 for a malformed id and an operator in the version', async () => {
      const uni = await signUp(srv.url);
      const { body } = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      assert.equal((await uni.client.patch('/api/achievements/nope', { version: 1 }).expect(400)).body.error.field, 'id');
      assert.equal((await uni.client.patch(`/api/achievements/${body.id}`, { version: { $gt: 0 }, trl: 1 }).expect(400)).body.error.field, 'version');
    });
  });

  describe('GET /api/achievements/:id and /mine', () => {
    it('shows a published listing to anyone without details; a draft only to its organisation', async () => {
      const { id } = await published();
      const anon = await new TestClient(srv.url).init();
      const res = await anon.get(`/api/achievements/${id}`).expect(200);
      assert.equal(res.body.details, undefined);
      assert.ok(!JSON.stringify(res.body).includes('680℃'));
      assert.equal(res.body.access.details, false);

      const uni = await signUp(srv.url);
      const draft = await uni.client.post('/api/achievements', achievementInput()).expect(201);
      await anon.get(`/api/achievements/${draft.body.id}`).expect(404);
      await (await signUp(srv.url)).client.get(`/api/achievements/${draft.body.id}`).expect(404);
      await uni.client.get(`/api/achievements/${draft.body.id}`).expect(200);
      await anon.get('/api/achievements/0123456789abcdef01234567').expect(404);
    });

    it('lists only the caller’s organisation’s listings, filtered by status', async () => {
      const a = await signUp(srv.url, { verified: true });
      const b = await signUp(srv.url);
      const one = await a.client.post('/api/achievements', achievementInput()).expect(201);
      await a.client.post('/api/achievements', achievementInput()).expect(201);
      await b.client.post('/api/achievements', achievementInput()).expect(201);
      await a.client.post(`/api/achievements/${one.body.id}/publish`, {}).expect(200);
      const all = await a.client.get('/api/achievements/mine').expect(200);
      assert.equal(all.body.total, 2);
      assert.ok(all.body.items.every((i: { org: { id: string } }) => i.org.id === a.org!.id));
      const drafts = await a.client.get('/api/achievements/mine?status=draft').expect(200);
      assert.equal(drafts.body.total, 1);
      assert.equal((await a.client.get('/api/achievements/mine?status=bogus').expect(400)).body.error.field, 'status');
      assert.equal((await a.client.get('/api/achievements/mine?status[$ne]=x').expect(400)).body.error.code, 'validation_failed');
      await (await new TestClient(srv.url).init()).get('/api/achievements/mine').expect(401);
    });
  });

  describe('NDA and confidential details', () => {
    it('shows details only after the viewer’s organisation accepted the current NDA version', async () => {
      const { id } = await published();
      const buyer = await signUp(srv.url, { kind: 'enterprise' });
      const before = await buyer.client.get(`/api/achievements/${id}`).expect(200);
      assert.equal(before.body.details, undefined);
      assert.equal(before.body.nda.version, 1);

      const stale = await buyer.client.post(`/api/achievements/${id}/nda`, { ndaVersion: 2 }).expect(409);
      assert.equal(stale.body.error.details.ndaVersion, 1);

      const acc = await buyer.client.post(`/api/achievements/${id}/nda`, { ndaVersion: 1 }).expect(201);
      assert.equal(acc.body.achievement.details.zh, '烧结温度 680℃，保温 6 小时（机密）。');
      const stored = await NdaAcceptance.findOne({ achievement: id }).lean();
      assert.equal(String(stored!.org), buyer.org!.id);
      assert.equal(String(stored!.user), buyer.user.id);
      assert.equal(stored!.ndaVersion, 1);
      assert.ok(stored!.acceptedAt instanceof Date);

      const after = await buyer.client.get(`/api/achievements/${id}`).expect(200);
      assert.equal(after.body.details.en, 'Sinter at 680 °C for 6 h (confidential).');
      assert.equal(after.body.nda.accepted, true);

      // a third organisation and an anonymous visitor still see no details
      const third = await signUp(srv.url, { kind: 'enterprise' });
      assert.equal((await third.client.get(`/api/achievements/${id}`).expect(200)).body.details, undefined);
      assert.equal((await (await new TestClient(srv.url).init()).get(`/api/achievements/${id}`).expect(200)).body.details, undefined);

      // accepting twice is a no-op
      await buyer.client.post(`/api/achievements/${id}/nda`, { ndaVersion: 1 }).expect(201);
      assert.equal(await NdaAcceptance.countDocuments(), 1);
    });

    it('asks for a new acceptance when the owner changes the NDA terms', async () => {
      const { owner, id } = await published();
      const buyer = await signUp(srv.url, { kind: 'enterprise' });
      await buyer.client.post(`/api/achievements/${id}/nda`, { ndaVersion: 1 }).expect(201);
      const edited = await owner.client
        .patch(`/api/achievements/${id}`, { version: 2, ndaTerms: { zh: '保密期五年', en: 'Five years of confidentiality' } })
        .expect(200);
      assert.equal(edited.body.nda.version, 2);
      const view = await buyer.client.get(`/api/achievements/${id}`).expect(200);
      assert.equal(view.body.details, undefined);
      assert.equal(view.body.nda.accepted, false);
      await buyer.client.post(`/api/achievements/${id}/nda`, { ndaVersion: 2 }).expect(201);
      assert.ok((await buyer.client.get(`/api/achievements/${id}`).expect(200)).body.details);
    });

    it('refuses NDA acceptance from anonymous callers, the owner, and on drafts', async () => {
      const { owner, id } = await published();
      await (await new TestClient(srv.url).init()).post(`/api/achievements/${id}/nda`, { ndaVersion: 1 }).expect(401);
      assert.equal((await owner.client.post(`/api/achievements/${id}/nda`, { ndaVersion: 1 }).expect(403)).body.error.code, 'own_listing');
      const draft = await owner.client.post('/api/achievements', achievementInput()).expect(201);
      const buyer = await signUp(srv.url, { kind: 'enterprise' });
      await buyer.client.post(`/api/achievements/${draft.body.id}/nda`, { ndaVersion: 1 }).expect(404);
      assert.equal((await buyer.client.post(`/api/achievements/${id}/nda`, { ndaVersion: '1' }).expect(400)).body.error.field, 'ndaVersion');
      assert.equal(await NdaAcceptance.countDocuments(), 0);
    });
  });
});

describe('Chinese patent numbers', () => {
  it('computes the CNIPA check character (weights 2–9,2–5 mod 11, 10 → X)', () => {
    assert.equal(patentCheckChar('201710601862'), '3');
    assert.equal(patentCheckChar('202310123456'), '6');
    // find a body whose check is X and make sure it is accepted as such
    let body = '';
    for (let n = 0; n < 100 && !body; n++) {
      const b = `2021100${String(n).padStart(5, '0')}`;
      if (patentCheckChar(b) === 'X') body = b;
    }
    assert.ok(body, 'some serial has check X');
    assert.equal(parsePatentNumber(`ZL${body}.X`).ok, true);
    assert.equal(parsePatentNumber(`ZL${body}.0`).ok, false);
  });

  it('accepts bare, CN and ZL forms and tells the type from the fifth digit', () => {
    for (const n of ['201710601862.3', 'CN201710601862.3', 'ZL201710601862.3']) {
      const r = parsePatentNumber(n);
      assert.ok(r.ok, n);
      if (r.ok) assert.equal(r.value.ipType, 'invention-patent');
    }
    const um = parsePatentNumber(`ZL202320123456.${patentCheckChar('202320123456')}`);
    assert.ok(um.ok && um.value.ipType === 'utility-model');
    const design = parsePatentNumber(`ZL202330123456.${patentCheckChar('202330123456')}`);
    assert.ok(design.ok && design.value.ipType === 'design-patent');
  });

  it('rejects wrong shapes, unknown type digits and implausible years', () => {
    for (const n of ['', 'ZL20171060186.3', 'ZL2017106018623', 'XX201710601862.3', 'ZL201750601862.3', 'ZL190010601862.3']) {
      assert.equal(parsePatentNumber(n).ok, false, n);
    }
  });

  it('validates a whole listing input with the shared zod schema (what web/ uses)', () => {
    const base = {
      title: { zh: '题目' }, summary: { en: 'x' }, field: 'ai', trl: 3, ipType: 'design-patent', region: '110000',
      modes: [{ mode: 'equity', equity: { valuation: 1_000_000_000, maxSharePct: 20 } }],
    };
    const good = AchievementInput.safeParse({ ...base, patents: [{ number: `ZL202330123456.${patentCheckChar('202330123456')}`, status: 'granted' }] });
    assert.ok(good.success, JSON.stringify(good.error?.issues));
    const wrongKind = AchievementInput.safeParse({ ...base, patents: [{ number: 'ZL201710601862.3', status: 'granted' }] });
    assert.equal(wrongKind.success, false);
  });
});
