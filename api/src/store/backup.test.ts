// Backup and restore of the embedded store (scripts/backup.mjs, `npm run backup` / `npm run
// restore`): a round trip between two stores of its own (not the shared test store of
// test/hooks.ts), compared document by document with their BSON types, and index by index.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, Double, Int32, Long, MongoClient, ObjectId, type Db } from 'mongodb';
import { startFerretDB } from '../../../scripts/services.mjs';
import { backup, restore } from '../../../scripts/backup.mjs';

type Store = Awaited<ReturnType<typeof startFerretDB>>;

const DBS = ['techbridge', 'techbridge_archive'];

/** Every collection of every database: documents as canonical Extended JSON (types explicit), by _id; index lists. */
async function snapshot(client: MongoClient) {
  const out: Record<string, { docs: string[]; indexes: unknown[] }> = {};
  for (const name of DBS) {
    const db = client.db(name);
    const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    for (const c of collections) {
      const docs = await db.collection(c).find({}, { promoteValues: false, promoteLongs: false }).toArray();
      const indexes = (await db.collection(c).indexes()).sort((a, b) => String(a.name).localeCompare(String(b.name)));
      out[`${name}.${c}`] = {
        docs: docs.map((d) => BSON.EJSON.stringify(d, { relaxed: false })).sort(),
        indexes,
      };
    }
  }
  return out;
}

async function fill(db: Db, archive: Db) {
  const orgIds = Array.from({ length: 12 }, () => new ObjectId());
  await db.collection('organizations').insertMany(
    orgIds.map((_id, i) => ({
      _id,
      name: { zh: `第${i}研究院·新能源材料实验室`, en: `Institute ${i}` },
      kind: i % 2 ? 'university' : 'enterprise',
      verified: i % 3 === 0,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i, 8, 30, 15, 123)),
    })),
  );
  await db.collection('users').createIndex({ email: 1 }, { unique: true });
  await db.collection('users').insertMany(
    orgIds.map((org, i) => ({ email: `user${i}@例子.cn`, org, roles: ['member', ...(i === 0 ? ['admin'] : [])], lastLoginAt: null })),
  );
  await db.collection('achievements').createIndex({ org: 1, status: 1 });
  await db.collection('achievements').insertMany(
    Array.from({ length: 40 }, (_, i) => ({
      _id: new ObjectId(),
      org: orgIds[i % orgIds.length],
      title: { zh: `高镍三元正极材料量产工艺 ${i} 号`, en: `High-nickel cathode process #${i}` },
      status: ['draft', 'published', 'withdrawn'][i % 3],
      priceFen: Long.fromNumber(1_000_000_000_000 + i), // int64 beyond int32
      trl: new Int32(i % 9),
      score: new Double(i + 0.25),
      ratio: new Double(3), // a whole double stays a double
      tags: ['储能', 'battery', `t${i}`],
      patents: [
        { no: `ZL20211012345${i % 10}.X`, grantedAt: new Date(Date.UTC(2021, 5, 1 + (i % 28))), claims: [1, 2, 3] },
        { no: `CN11${i}`, grantedAt: null, claims: [] },
      ],
      detail: { contact: { name: '张工', phone: '010-62345678' }, notes: '细节：保温 680 ℃' },
      version: i,
    })),
  );
  await db.collection('deals').insertOne({
    _id: new ObjectId(),
    offers: [
      { v: 1, terms: { mode: 'license', feeFen: Long.fromNumber(50_000_000) }, at: new Date(Date.UTC(2026, 3, 2)) },
      { v: 2, terms: { mode: 'license', feeFen: Long.fromNumber(48_000_000), royalty: new Double(0.035) }, at: new Date(Date.UTC(2026, 3, 3)) },
    ],
    outbox: [],
  });
  await db.collection('messages').createIndex({ deal: 1, seq: 1 }, { unique: true });
  await db.collection<{ _id: string; deal: string; seq: number; text?: string }>('messages').insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: `d1:${i}`, deal: 'd1', seq: i, text: `你好 ${i} 👋` })));
  await archive.collection('auditevents').insertOne({ action: 'restore.test', at: new Date(0), meta: { nested: { deeper: [{ a: 1 }, { b: [true, false] }] } } });
}

describe('backup and restore of the embedded store (scripts/backup.mjs)', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  const stores: Store[] = [];
  const clients: MongoClient[] = [];
  const tempDir = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  const open = async (dataDir: string) => {
    const store = await startFerretDB({ dataDir, durable: false });
    stores.push(store);
    const client = await MongoClient.connect(store.uri, { serverSelectionTimeoutMS: 10_000 });
    clients.push(client);
    return { store, client };
  };

  after(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    for (const s of stores) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('restores into a fresh store every collection document by document (types included) and every index', async () => {
    const source = await open(tempDir('tb-backup-src-'));
    assert.equal(source.store.backend, 'postgresql');
    assert.ok(source.store.pgUrl);
    await fill(source.client.db(DBS[0]), source.client.db(DBS[1]));
    const before = await snapshot(source.client);
    assert.deepEqual(Object.keys(before).sort(), [
      'techbridge.achievements',
      'techbridge.deals',
      'techbridge.messages',
      'techbridge.organizations',
      'techbridge.users',
      'techbridge_archive.auditevents',
    ]);
    assert.ok(before['techbridge.achievements']!.docs[0]!.includes('"$numberLong":"1000000000000'), 'int64 kept as int64');

    const out = tempDir('tb-backup-files-');
    const file = join(out, 'round-trip.dump');
    const dumped = await backup({ pgUrl: source.store.pgUrl, file });
    assert.equal(dumped.file, file);
    assert.ok(existsSync(file) && dumped.bytes > 1000);
    assert.deepEqual(dumped.databases.sort(), DBS);

    // A restore under a running store is refused (FerretDB caches its metadata).
    await assert.rejects(restore({ file, dataDir: source.store.dataDir, durable: false }), /in use/);

    const targetDir = tempDir('tb-backup-dst-');
    const restored = await restore({ file, dataDir: targetDir, durable: false });
    assert.deepEqual(restored.databases.sort(), DBS);
    const target = await open(targetDir);
    const after = await snapshot(target.client);
    assert.deepEqual(Object.keys(after), Object.keys(before));
    for (const name of Object.keys(before)) {
      assert.equal(after[name]!.docs.length, before[name]!.docs.length, `${name}: document count`);
      before[name]!.docs.forEach((doc, i) => assert.equal(after[name]!.docs[i], doc, `${name}: document ${i}`));
      assert.deepEqual(after[name]!.indexes, before[name]!.indexes, `${name}: indexes`);
    }

    // The restored store serves reads by field and still enforces its unique indexes.
    const users = target.client.db('techbridge').collection('users');
    assert.equal((await users.findOne({ email: 'user3@例子.cn' }))?.roles.length, 1);
    await assert.rejects(users.insertOne({ email: 'user3@例子.cn' }), (err: { code?: number }) => err.code === 11000);
    await assert.rejects(
      target.client.db('techbridge').collection<{ _id: string; deal: string; seq: number; text?: string }>('messages').insertOne({ _id: 'dup', deal: 'd1', seq: 2 }),
      (err: { code?: number }) => err.code === 11000,
    );
  });

  it('backs up a stopped store by starting its PostgreSQL for the dump, and restores over existing data', async () => {
    const dir = tempDir('tb-backup-stopped-');
    const first = await open(dir);
    await first.client.db('techbridge').collection('orgs').insertMany([{ n: 1 }, { n: 2 }]);
    await first.client.close();
    await first.store.stop();

    const file = join(tempDir('tb-backup-files-'), 'stopped.dump');
    const dumped = await backup({ dataDir: dir, file, durable: false });
    assert.match(dumped.source, /started for the dump/);
    assert.deepEqual(dumped.databases, ['techbridge']);

    // Changed after the backup: the restore brings back the backed-up state, dropping what came later.
    const second = await open(dir);
    await second.client.db('techbridge').collection('orgs').insertOne({ n: 3 });
    await second.client.db('later').collection('x').insertOne({ y: 1 });
    await second.client.close();
    await second.store.stop();
    await restore({ file, dataDir: dir, durable: false });

    const third = await open(dir);
    const docs = await third.client.db('techbridge').collection('orgs').find({}, { projection: { _id: 0 } }).sort({ n: 1 }).toArray();
    assert.deepEqual(docs, [{ n: 1 }, { n: 2 }]);
    const names = (await third.client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    assert.ok(!names.includes('later'), `databases after the restore: ${names.join(', ')}`);
  });
});
