import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { signUp, demandInput, type SignedIn } from '../../test/factories';
import { openDealFor, publishedAchievement } from '../../test/deals.factories';
import { Achievement } from '../achievements/achievement.model';
import { FileChunk, StoredFile } from './file.model';
import { sniffFile } from './file-types';
import { MAX_FILE_BYTES } from './files.service';

// Small but real files: what each format's bytes start with, then filler.
const pdf = (size = 4000) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(size, 0x20)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
const html = () => Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

/** Uploads `bytes` as `name` to `/api/attachments/:kind/:id`. */
const upload = (c: TestClient, kind: string, id: string, name: string, bytes: Buffer) =>
  c.agent
    .post(`/api/attachments/${kind}/${id}?name=${encodeURIComponent(name)}`)
    .set('x-csrf-token', c.csrf)
    .set('content-type', 'application/octet-stream')
    .send(bytes);

/** Downloads a file with its bytes as a Buffer. */
const download = (c: TestClient, url: string) =>
  c.agent.get(url).buffer(true).parse((res, cb) => {
    const parts: Buffer[] = [];
    res.on('data', (d: Buffer) => parts.push(d));
    res.on('end', () => cb(null, Buffer.concat(parts)));
  });

describe('attachments', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  describe('sniffFile (magic bytes, not names)', () => {
    it('accepts a PDF, a PNG, a JPEG and an Office file whose bytes match their extension', () => {
      assert.deepEqual(sniffFile('a.pdf', pdf(10)), { type: 'application/pdf' });
      assert.deepEqual(sniffFile('a.PNG', png()), { type: 'image/png' });
      assert.deepEqual(sniffFile('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])), { type: 'image/jpeg' });
      assert.match((sniffFile('a.docx', Buffer.from('PK\x03\x04rest', 'latin1')) as { type: string }).type, /wordprocessingml/);
    });

    it('refuses HTML renamed .pdf, a PDF renamed .html, a ZIP renamed .pdf and unlisted extensions', () => {
      assert.ok('problem' in sniffFile('report.pdf', html()));
      assert.ok('problem' in sniffFile('page.html', pdf(10)));
      assert.ok('problem' in sniffFile('page.pdf', Buffer.from('PK\x03\x04rest', 'latin1')));
      assert.ok('problem' in sniffFile('image.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')));
      assert.ok('problem' in sniffFile('noext', pdf(10)));
    });
  });

  describe('on an achievement', () => {
    let owner: SignedIn;
    let other: SignedIn;
    let achievementId: string;
    beforeEach(async () => {
      owner = await signUp(srv.url, { kind: 'university', verified: true });
      other = await signUp(srv.url, { kind: 'enterprise', verified: true });
      achievementId = await publishedAchievement(owner.org!.id, owner.user.id);
    });

    it('stores a multi-chunk PDF and serves it back byte for byte as a download, never inline', async () => {
      const bytes = pdf(700_000);
      const up = await upload(owner.client, 'achievement', achievementId, '专利说明书.pdf', bytes).expect(201);
      assert.equal(up.body.name, '专利说明书.pdf');
      assert.equal(up.body.type, 'application/pdf');
      assert.equal(up.body.size, bytes.length);
      assert.ok((await FileChunk.countDocuments({ file: up.body.id })) >= 3, 'stored in chunks');
      const res = await download(owner.client, up.body.url).expect(200);
      assert.ok(Buffer.compare(res.body as Buffer, bytes) === 0, 'same bytes');
      assert.match(res.headers['content-disposition']!, /^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''%E4%B8%93/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(res.headers['content-security-policy']!, /sandbox/);
    });

    it('keeps the attachments behind the NDA: listed as locked, 403 to download, readable once accepted', async () => {
      const up = await upload(owner.client, 'achievement', achievementId, 'spec.pdf', pdf()).expect(201);
      const anon = await new TestClient(srv.url).init();
      const locked = await anon.get(`/api/attachments/achievement/${achievementId}`).expect(200);
      assert.deepEqual(locked.body, { items: [], count: 1, locked: true });
      assert.equal((await anon.get(up.body.url).expect(403)).body.error.code, 'nda_required');
      assert.equal((await other.client.get(up.body.url).expect(403)).body.error.code, 'nda_required');
      const a = await Achievement.findById(achievementId).lean();
      await other.client.post(`/api/achievements/${achievementId}/nda`, { ndaVersion: a!.ndaVersion ?? 1 }).expect(201);
      const open = await other.client.get(`/api/attachments/achievement/${achievementId}`).expect(200);
      assert.equal(open.body.locked, false);
      assert.deepEqual(open.body.items.map((f: { id: string }) => f.id), [up.body.id]);
      await download(other.client, up.body.url).expect(200);
    });

    it('lets only the owning organisation attach or remove (403 for another, 401 for anonymous)', async () => {
      assert.equal((await upload(other.client, 'achievement', achievementId, 'x.pdf', pdf()).expect(403)).body.error.code, 'forbidden');
      const anon = await new TestClient(srv.url).init();
      await upload(anon, 'achievement', achievementId, 'x.pdf', pdf()).expect(401);
      const up = await upload(owner.client, 'achievement', achievementId, 'x.pdf', pdf()).expect(201);
      await other.client.delete(up.body.url).expect(403);
      assert.equal(await StoredFile.countDocuments(), 1);
      await owner.client.delete(up.body.url).expect(200);
      assert.equal(await StoredFile.countDocuments(), 0);
      assert.equal(await FileChunk.countDocuments(), 0);
      await owner.client.get(up.body.url).expect(404);
    });

    it("hides a draft's attachments from everyone outside its organisation (404)", async () => {
      await Achievement.updateOne({ _id: achievementId }, { $set: { status: 'draft' } });
      const up = await upload(owner.client, 'achievement', achievementId, 'x.pdf', pdf()).expect(201);
      await other.client.get(up.body.url).expect(404);
      await other.client.get(`/api/attachments/achievement/${achievementId}`).expect(404);
    });

    it('refuses bad files with a 4xx naming the file and stores nothing', async () => {
      const cases: [string, Buffer, number, string][] = [
        ['page.html', html(), 415, 'file_type_refused'],
        ['report.pdf', html(), 415, 'file_type_refused'],
        ['image.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'), 415, 'file_type_refused'],
        ['empty.pdf', Buffer.alloc(0), 400, 'empty_file'],
        ['huge.pdf', pdf(MAX_FILE_BYTES + 10), 413, 'file_too_large'],
      ];
      for (const [name, bytes, status, code] of cases) {
        const res = await upload(owner.client, 'achievement', achievementId, name, bytes).expect(status);
        assert.equal(res.body.error.code, code, name);
        assert.equal(res.body.error.field, 'file', name);
      }
      const noName = await owner.client.agent
        .post(`/api/attachments/achievement/${achievementId}`)
        .set('x-csrf-token', owner.client.csrf)
        .set('content-type', 'application/octet-stream')
        .send(pdf())
        .expect(400);
      assert.equal(noName.body.error.field, 'name');
      assert.equal((await upload(owner.client, 'listing', achievementId, 'x.pdf', pdf()).expect(400)).body.error.field, 'kind');
      assert.equal(await StoredFile.countDocuments(), 0);
      assert.equal(await FileChunk.countDocuments(), 0);
    });

    it('strips a path from the file name', async () => {
      const up = await upload(owner.client, 'achievement', achievementId, '..\\..\\etc/passwd.png', png()).expect(201);
      assert.equal(up.body.name, 'passwd.png');
    });
  });

  describe('on a demand', () => {
    it('is readable by anyone who can see the demand, attachable by its organisation only', async () => {
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const d = await ent.client.post('/api/demands', demandInput()).expect(201);
      const up = await upload(ent.client, 'demand', d.body.id, 'drawing.png', png()).expect(201);
      // a draft: only its organisation
      await uni.client.get(up.body.url).expect(404);
      await ent.client.post(`/api/demands/${d.body.id}/publish`, {}).expect(200);
      const anon = await new TestClient(srv.url).init();
      await download(anon, up.body.url).expect(200);
      await upload(uni.client, 'demand', d.body.id, 'x.png', png()).expect(403);
    });
  });

  describe('in a deal room', () => {
    it("is for the deal's participants: others get 404, and only the uploader removes a file", async () => {
      const d = await openDealFor(srv.url);
      const up = await upload(d.buyer.client, 'deal', d.dealId, '需求说明.pdf', pdf()).expect(201);
      const list = await d.supplier.client.get(`/api/attachments/deal/${d.dealId}`).expect(200);
      assert.deepEqual(list.body.items.map((f: { name: string }) => f.name), ['需求说明.pdf']);
      await download(d.supplier.client, up.body.url).expect(200);
      const outsider = await signUp(srv.url, { kind: 'enterprise', verified: true });
      await outsider.client.get(up.body.url).expect(404);
      await outsider.client.get(`/api/attachments/deal/${d.dealId}`).expect(404);
      await upload(outsider.client, 'deal', d.dealId, 'x.pdf', pdf()).expect(404);
      const anon = await new TestClient(srv.url).init();
      await anon.get(up.body.url).expect(404);
      assert.equal((await d.supplier.client.delete(up.body.url).expect(403)).body.error.code, 'not_uploader');
      await d.buyer.client.delete(up.body.url).expect(200);
    });
  });
});
