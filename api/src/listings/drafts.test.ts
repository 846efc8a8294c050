import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp } from '../../test/factories';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { FileChunk, StoredFile } from '../files/file.model';
import { pendingListings, listingsSeenDirty, markPendingComplete } from '../search/outbox';
import { CreationKey } from './creation-key';

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(3000, 0x20)]);

const upload = (c: TestClient, kind: string, id: string) =>
  c.agent
    .post(`/api/attachments/${kind}/${id}?name=spec.pdf`)
    .set('x-csrf-token', c.csrf)
    .set('content-type', 'application/octet-stream')
    .send(pdf());

const KINDS = [
  { kind: 'achievement', api: '/api/achievements', input: achievementInput, model: Achievement, org: 'university', live: 'published' },
  { kind: 'demand', api: '/api/demands', input: demandInput, model: Demand, org: 'enterprise', live: 'open' },
] as const;

describe('drafts: deleting them and creating each once', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  for (const k of KINDS) {
    const count = () => (k.model as typeof Achievement).countDocuments();

    describe(`DELETE ${k.api}/:id`, () => {
      it('deletes an own draft with its attachments, creation key and outbox record', async () => {
        const owner = await signUp(srv.url, { kind: k.org });
        const key = randomUUID();
        const { body } = await owner.client.agent
          .post(k.api)
          .set('x-csrf-token', owner.client.csrf)
          .set('idempotency-key', key)
          .send(k.input())
          .expect(201);
        const file = await upload(owner.client, k.kind, body.id).expect(201);
        assert.equal(await FileChunk.countDocuments({ file: file.body.id }), 1);
        // the process's record that the engine lags this listing
        markPendingComplete();
        listingsSeenDirty(k.kind, [body.id]);
        assert.ok(pendingListings(k.kind)!.has(body.id));

        const res = await owner.client.delete(`${k.api}/${body.id}`).expect(200);
        assert.deepEqual(res.body, { id: body.id, deleted: true });
        assert.equal(await count(), 0);
        assert.equal(await StoredFile.countDocuments({ targetId: body.id }), 0);
        assert.equal(await FileChunk.countDocuments({ file: file.body.id }), 0);
        assert.equal(await CreationKey.countDocuments({ listing: body.id }), 0);
        assert.ok(!pendingListings(k.kind)!.has(body.id));
        await owner.client.get(`${k.api}/${body.id}`).expect(404);
        await owner.client.delete(`${k.api}/${body.id}`).expect(404);
        // the key is free again: a new editor session's create makes a new draft
        await owner.client.agent.post(k.api).set('x-csrf-token', owner.client.csrf).set('idempotency-key', key).send(k.input()).expect(201);
      });

      it(`refuses a listing once ${k.live} with 409 not_deletable and keeps it`, async () => {
        const owner = await signUp(srv.url, { kind: k.org, verified: true });
        const { body } = await owner.client.post(k.api, k.input()).expect(201);
        await owner.client.post(`${k.api}/${body.id}/publish`, {}).expect(200);
        const res = await owner.client.delete(`${k.api}/${body.id}`).expect(409);
        assert.equal(res.body.error.code, 'not_deletable');
        assert.equal(res.body.error.details.status, k.live);
        await owner.client.post(`${k.api}/${body.id}/withdraw`, {}).expect(200);
        assert.equal((await owner.client.delete(`${k.api}/${body.id}`).expect(409)).body.error.code, 'not_deletable');
        assert.equal(await count(), 1);
      });

      it('answers another organisation 404 for a draft and 403 for a published listing', async () => {
        const owner = await signUp(srv.url, { kind: k.org, verified: true });
        const other = await signUp(srv.url, { kind: k.org });
        const draft = await owner.client.post(k.api, k.input()).expect(201);
        await other.client.delete(`${k.api}/${draft.body.id}`).expect(404);
        const live = await owner.client.post(k.api, k.input()).expect(201);
        await owner.client.post(`${k.api}/${live.body.id}/publish`, {}).expect(200);
        assert.equal((await other.client.delete(`${k.api}/${live.body.id}`).expect(403)).body.error.code, 'forbidden');
        const anon = await new TestClient(srv.url).init();
        await anon.delete(`${k.api}/${draft.body.id}`).expect(401);
        assert.equal(await count(), 2);
      });
    });

    describe(`POST ${k.api} with an Idempotency-Key`, () => {
      const create = (c: TestClient, key: string, over: Record<string, unknown> = {}) =>
        c.agent.post(k.api).set('x-csrf-token', c.csrf).set('idempotency-key', key).send(k.input(over));

      it('answers a retry with the first draft (200) instead of a second one', async () => {
        const owner = await signUp(srv.url, { kind: k.org });
        const key = randomUUID();
        const first = await create(owner.client, key).expect(201);
        const again = await create(owner.client, key).expect(200);
        assert.equal(again.body.id, first.body.id);
        assert.equal(again.body.status, 'draft');
        assert.equal(await count(), 1);
        // another editor session (another key) is another draft
        await create(owner.client, randomUUID()).expect(201);
        assert.equal(await count(), 2);
      });

      it('keeps one draft when the publish after the save was refused and the save is retried', async () => {
        const owner = await signUp(srv.url, { kind: k.org }); // not verified: publishing is refused
        const key = randomUUID();
        const saved = await create(owner.client, key).expect(201);
        assert.equal((await owner.client.post(`${k.api}/${saved.body.id}/publish`, {}).expect(403)).body.error.code, 'org_not_verified');
        const retried = await create(owner.client, key).expect(200);
        assert.equal(retried.body.id, saved.body.id);
        assert.equal(await count(), 1);
      });

      it('stores one draft for 12 concurrent retries of one key', async () => {
        const owner = await signUp(srv.url, { kind: k.org });
        const key = randomUUID();
        const answers = await Promise.all(Array.from({ length: 12 }, () => create(owner.client, key)));
        assert.equal(answers.filter((a) => a.status === 201).length, 1, 'one create made the draft');
        assert.equal(answers.filter((a) => a.status === 200).length, 11, 'the others answered with it');
        assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'every answer names the same draft');
        assert.equal(await count(), 1);
        assert.equal(await CreationKey.countDocuments({ key }), 1);
      });

      it('keeps keys apart per organisation', async () => {
        const a = await signUp(srv.url, { kind: k.org });
        const b = await signUp(srv.url, { kind: k.org });
        const key = randomUUID();
        const ra = await create(a.client, key).expect(201);
        const rb = await create(b.client, key).expect(201);
        assert.notEqual(ra.body.id, rb.body.id);
        assert.equal(rb.body.org.id, b.org!.id);
      });

      it('answers 400 naming Idempotency-Key for a malformed key', async () => {
        const owner = await signUp(srv.url, { kind: k.org });
        const res = await create(owner.client, 'x y').expect(400);
        assert.equal(res.body.error.field, 'Idempotency-Key');
        assert.equal(await count(), 0);
      });
    });
  }
});
