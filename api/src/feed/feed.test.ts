import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput, signUp } from '../../test/factories';
import mongoose, { Types } from 'mongoose';
import pg from 'pg';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { storeInfo } from '../store/store';
import { keysetQuery } from '../store/pg-read';
import { collectionTables } from '../store/pg-companions';

interface Entry {
  op: 'upsert' | 'delete';
  id: string;
  updatedAt: string;
  version: number;
  status?: string;
  item?: Record<string, unknown>;
}
interface Page {
  entries: Entry[];
  nextCursor: string;
  hasMore: boolean;
  horizon: string;
}

const key = (e: Entry) => [Date.parse(e.updatedAt), e.id] as const;
const precedes = (a: readonly [number, string], b: readonly [number, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** Reads the feed from `cursor` until a page is not full; every page's entries in strictly increasing (updatedAt, _id). */
async function drain(c: TestClient, kind: string, cursor: string | undefined, limit: number) {
  const entries: Entry[] = [];
  let prev: readonly [number, string] | null = null;
  for (;;) {
    const res = await c.get(`/api/feed/${kind}?limit=${limit}${cursor ? `&updatedSince=${encodeURIComponent(cursor)}` : ''}`).expect(200);
    const page = res.body as Page;
    for (const e of page.entries) {
      if (prev) assert.ok(precedes(prev, key(e)), `out of order: ${JSON.stringify(prev)} then ${JSON.stringify(key(e))}`);
      prev = key(e);
    }
    entries.push(...page.entries);
    cursor = page.nextCursor;
    if (!page.hasMore) return { entries, cursor };
  }
}

describe('incremental feed /api/feed/*', function () {
  this.timeout(180_000);

  describe('content and paging (settle window 0)', () => {
    let srv: TestServer;
    before(async () => {
      srv = await startTestServer({ FEED_SETTLE_MS: '0' });
    });
    after(() => srv.close());

    it('serves published achievements without confidential details, omits drafts, and a withdrawal as a tombstone after the cursor', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const pub = (await uni.client.post('/api/achievements', achievementInput()).expect(201)).body;
      await uni.client.post(`/api/achievements/${pub.id}/publish`, {}).expect(200);
      const draft = (await uni.client.post('/api/achievements', achievementInput({ title: { zh: '草稿', en: 'draft' } })).expect(201)).body;
      const anon = await new TestClient(srv.url).init();

      const first = await drain(anon, 'achievements', undefined, 100);
      assert.deepEqual(first.entries.map((e) => [e.op, e.id]), [['upsert', pub.id]]);
      const item = first.entries[0]!.item!;
      assert.equal(item.id, pub.id);
      assert.equal(item.status, 'published');
      assert.equal('details' in item, false);
      const wire = JSON.stringify(first.entries);
      assert.ok(!wire.includes('680℃') && !wire.includes('680 °C'), 'confidential details leaked');
      assert.ok(!wire.includes(draft.id), 'a draft leaked');

      const current = (await uni.client.get(`/api/achievements/${pub.id}`).expect(200)).body;
      await uni.client.post(`/api/achievements/${pub.id}/withdraw`, { version: current.version }).expect(200);
      const next = await drain(anon, 'achievements', first.cursor, 100);
      assert.equal(next.entries.length, 1);
      assert.deepEqual({ op: next.entries[0]!.op, id: next.entries[0]!.id, status: next.entries[0]!.status }, { op: 'delete', id: pub.id, status: 'withdrawn' });
      assert.equal(next.entries[0]!.item, undefined);
      // Nothing changed since: the same cursor comes back with an empty page.
      const again = (await anon.get(`/api/feed/achievements?updatedSince=${encodeURIComponent(next.cursor)}`).expect(200)).body as Page;
      assert.deepEqual(again.entries, []);
      assert.equal(again.nextCursor, next.cursor);
    });

    it('never exposes the organisation of an anonymous demand', async () => {
      const ent = await signUp(srv.url, { kind: 'enterprise', verified: true, nameZh: '保密需求企业甲' });
      const anonDemand = (await ent.client.post('/api/demands', demandInput({ anonymous: true })).expect(201)).body;
      await ent.client.post(`/api/demands/${anonDemand.id}/publish`, {}).expect(200);
      const open = (await ent.client.post('/api/demands', demandInput({ anonymous: false })).expect(201)).body;
      await ent.client.post(`/api/demands/${open.id}/publish`, {}).expect(200);
      const anon = await new TestClient(srv.url).init();
      const { entries } = await drain(anon, 'demands', undefined, 1000);
      const byId = new Map(entries.map((e) => [e.id, e]));
      const hidden = byId.get(anonDemand.id)!;
      assert.equal(hidden.op, 'upsert');
      assert.equal(hidden.item!.org, null);
      assert.equal(hidden.item!.anonymous, true);
      assert.ok(!JSON.stringify(hidden).includes(ent.org!.id) && !JSON.stringify(hidden).includes('保密需求企业甲'), 'the anonymous demand names its organisation');
      assert.equal((byId.get(open.id)!.item!.org as { id: string }).id, ent.org!.id);
    });

    it('pages through listings that share one updatedAt exactly once each, in (updatedAt, _id) order', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const ids: string[] = [];
      for (let i = 0; i < 11; i++) {
        const a = (await uni.client.post('/api/achievements', achievementInput({ title: { zh: `成果${i}`, en: `Result ${i}` } })).expect(201)).body;
        await uni.client.post(`/api/achievements/${a.id}/publish`, {}).expect(200);
        ids.push(a.id);
      }
      const tie = new Date(Date.now() - 60_000);
      await Achievement.updateMany({}, { $set: { updatedAt: tie } }, { timestamps: false });
      const anon = await new TestClient(srv.url).init();
      const { entries } = await drain(anon, 'achievements', undefined, 3);
      assert.deepEqual(entries.map((e) => e.id), [...ids].sort());
      assert.ok(entries.every((e) => Date.parse(e.updatedAt) === tie.getTime()));
    });

    it('starts from an ISO date-time, and refuses a forged cursor or a page over 1000 with 400 naming the field', async () => {
      const anon = await new TestClient(srv.url).init();
      const fromDate = (await anon.get('/api/feed/achievements?updatedSince=2999-01-01T00:00:00Z').expect(200)).body as Page;
      assert.deepEqual(fromDate.entries, []);
      const bad = await anon.get('/api/feed/achievements?updatedSince=not-a-cursor').expect(400);
      assert.equal(bad.body.error.field, 'updatedSince');
      const forged = Buffer.from(JSON.stringify(['f1', 1, '{"$gt":""}'])).toString('base64url');
      assert.equal((await anon.get(`/api/feed/demands?updatedSince=${forged}`).expect(400)).body.error.field, 'updatedSince');
      assert.equal((await anon.get('/api/feed/demands?limit=1001').expect(400)).body.error.field, 'limit');
    });
  });

  describe('paging while listings are written (default settle window)', () => {
    let srv: TestServer;
    before(async () => {
      srv = await startTestServer();
    });
    after(() => srv.close());

    it('never skips nor repeats a change: each (listing, version) at most once, and every listing last seen at its final version', async () => {
      const uni = await signUp(srv.url, { kind: 'university', verified: true });
      const versions = new Map<string, number>();
      for (let i = 0; i < 24; i++) {
        const a = (await uni.client.post('/api/achievements', achievementInput({ title: { zh: `并发成果${i}`, en: `Concurrent ${i}` } })).expect(201)).body;
        const p = (await uni.client.post(`/api/achievements/${a.id}/publish`, {}).expect(200)).body;
        versions.set(a.id, p.version);
      }
      const ids = [...versions.keys()];
      const anon = await new TestClient(srv.url).init();
      const served: Entry[] = [];
      let cursor: string | undefined;
      // Every listing served once at its published version first (once past the settle window), so
      // the writes below are changes the feed must serve again — however fast the writers are.
      await new Promise((r) => setTimeout(r, srv.config.FEED_SETTLE_MS + 200));
      const before = await drain(anon, 'achievements', undefined, 5);
      served.push(...before.entries);
      cursor = before.cursor;
      assert.equal(served.length, ids.length, 'each listing served once before the writes');
      let writing = true;
      const writer = async (w: number) => {
        for (let round = 0; round < 10; round++) {
          const id = ids[(w * 7 + round * 5) % ids.length]!;
          const v = versions.get(id)!;
          // A stale version is a 409 (another writer got there first): read it again and go on.
          const res = await uni.client.patch(`/api/achievements/${id}`, { version: v, keywords: [`w${w}r${round}`] });
          if (res.status === 200) versions.set(id, res.body.version);
          else {
            assert.equal(res.status, 409, JSON.stringify(res.body));
            versions.set(id, (await uni.client.get(`/api/achievements/${id}`).expect(200)).body.version);
          }
        }
      };
      const writers = Promise.all([0, 1, 2, 3].map(writer)).finally(() => {
        writing = false;
      });
      // Page while the writers run, then until the settle window has passed after the last write.
      let quietSince = 0;
      for (;;) {
        const page = await drain(anon, 'achievements', cursor, 5);
        served.push(...page.entries);
        cursor = page.cursor;
        if (writing) continue;
        if (!quietSince) quietSince = Date.now();
        if (Date.now() - quietSince > srv.config.FEED_SETTLE_MS + 1000 && page.entries.length === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await writers;

      const pairs = served.map((e) => `${e.id}@${e.version}`);
      assert.equal(new Set(pairs).size, pairs.length, `a change was served twice: ${pairs.filter((p, i) => pairs.indexOf(p) !== i).join(', ')}`);
      const last = new Map<string, number>();
      for (const e of served) {
        assert.ok((last.get(e.id) ?? 0) < e.version, `${e.id} went back from version ${last.get(e.id)} to ${e.version}`);
        last.set(e.id, e.version);
      }
      const stored = await Achievement.find({}, { version: 1 }).lean();
      for (const doc of stored) assert.equal(last.get(String(doc._id)), doc.version, `listing ${String(doc._id)}: the feed last served version ${last.get(String(doc._id))}, stored ${doc.version}`);
      assert.ok(served.length > ids.length, 'the writes during paging were served');
    });
  });

  describe('the page query (FerretDB on PostgreSQL)', () => {
    it('is read by the (updatedAt, _id) index in its order: no sequential scan, no sort', async () => {
      // On MongoDB the page is the driver's query on the same declared index (nothing to explain here).
      if (!storeInfo().pgUrl) return assert.equal(storeInfo().kind, 'mongodb');
      const raw = (name: string) => mongoose.connection.db!.collection(name);
      const now = Date.now();
      for (const model of [Achievement, Demand] as unknown as mongoose.Model<never>[]) {
        await raw(model.collection.collectionName).insertMany(
          Array.from({ length: 2000 }, (_, i) => ({ _id: new Types.ObjectId(), org: new Types.ObjectId(), status: i % 5 ? 'published' : 'draft', publishedAt: i % 5 ? new Date(now - i * 1000) : null, updatedAt: new Date(now - (i % 700) * 1000), version: 1 })),
        );
        const cast = model.find().cast(model as never, { publishedAt: { $ne: null } } as never) as Record<string, unknown>;
        const q = keysetQuery(model, cast, { field: 'updatedAt', after: { t: now - 300_000, id: '0'.repeat(24) }, upTo: now, limit: 1000 })!;
        const client = new pg.Client({ connectionString: storeInfo().pgUrl });
        await client.connect();
        try {
          const db = mongoose.connection.db!.databaseName;
          const table = (await collectionTables(client, db)).get(model.collection.collectionName)!;
          await client.query('SET enable_seqscan = off');
          await client.query('SET enable_sort = off');
          const res = await client.query(`EXPLAIN (FORMAT JSON) ${q.sql.replace('{table}', `"${db}"."${table}"`)}`, q.args);
          const plan = JSON.stringify(res.rows[0]);
          assert.ok(!plan.includes('"Seq Scan"'), `${model.modelName}: sequential scan in ${plan}`);
          assert.ok(!plan.includes('"Node Type":"Sort"'), `${model.modelName}: sorted, not read in index order: ${plan}`);
          assert.ok(plan.includes('Index'), plan);
        } finally {
          await client.end();
        }
      }
    });
  });
});
