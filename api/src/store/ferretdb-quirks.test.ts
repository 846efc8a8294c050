// What FerretDB 1.24 answers wrongly, pinned, so that an upgrade that fixes one is noticed (and its
// workaround revisited), and so that MongoDB is shown to answer right. No code of ours may depend
// on these cases: the store layer avoids each (see store.ts, write-gate.ts).
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
import { storeInfo } from './store';

const onFerret = () => storeInfo().kind === 'ferretdb';
const onPg = () => onFerret() && !!storeInfo().pgUrl;

describe('store: FerretDB 1.24 answers pinned (wrong on FerretDB, right on MongoDB)', function () {
  this.timeout(60_000);
  const coll = () => mongoose.connection.db!.collection('quirks');

  it('a $group with two $sum accumulators: the second is 0 on FerretDB', async () => {
    await coll().insertMany([{ price: 3 }, { price: 4 }]);
    const [row] = await coll()
      .aggregate<{ n: number; total: number }>([{ $group: { _id: null, n: { $sum: 1 }, total: { $sum: '$price' } } }])
      .toArray();
    assert.equal(row!.n, 2);
    assert.equal(row!.total, onFerret() ? 0 : 7, 'FerretDB fixed the second accumulator: aggregations may use several again');
  });

  it('update and delete filters on a field inside an array of subdocuments match nothing on the PostgreSQL backend', async () => {
    await coll().insertOne({ items: [{ k: 1 }, { k: 2 }] });
    assert.equal(await coll().countDocuments({ 'items.k': 1 }), 1, 'find matches');
    const upd = await coll().updateOne({ 'items.k': 1 }, { $set: { seen: true } });
    const del = await coll().deleteMany({ 'items.k': 2 });
    const wrong = onPg();
    assert.equal(upd.matchedCount, wrong ? 0 : 1, 'FerretDB fixed dotted array paths in update filters');
    assert.equal(del.deletedCount, wrong ? 0 : 1, 'FerretDB fixed dotted array paths in delete filters');
  });

  it('concurrent $inc of one document loses updates without the write gate, and none through it', async () => {
    await coll().insertOne({ _id: 'counter' as never, n: 0 });
    // A driver of our own, not the copy mongoose uses (the gate is installed on that one only).
    const plain = await MongoClient.connect(process.env.MONGODB_URI!);
    try {
      const raw = plain.db(mongoose.connection.db!.databaseName).collection('quirks');
      await Promise.all(Array.from({ length: 32 }, () => raw.updateOne({ _id: 'counter' as never }, { $inc: { n: 1 } })));
      const ungated = (await raw.findOne({ _id: 'counter' as never }))!.n as number;
      if (onFerret()) assert.ok(ungated < 32, `FerretDB applied 32 concurrent $inc atomically (${ungated}): the write gate may no longer be needed`);
      else assert.equal(ungated, 32);
    } finally {
      await plain.close();
    }
    await coll().updateOne({ _id: 'counter' as never }, { $set: { n: 0 } });
    // mongoose's driver: gated on FerretDB, atomic on MongoDB.
    await Promise.all(Array.from({ length: 32 }, () => coll().updateOne({ _id: 'counter' as never }, { $inc: { n: 1 } })));
    assert.equal((await coll().findOne({ _id: 'counter' as never }))!.n, 32);
  });

  it('sixteen concurrent version-guarded updates have exactly one winner through the store', async () => {
    await coll().insertOne({ _id: 'cas' as never, version: 0, x: -1 });
    const res = await Promise.all(
      Array.from({ length: 16 }, (_, i) => coll().findOneAndUpdate({ _id: 'cas' as never, version: 0 }, { $set: { x: i }, $inc: { version: 1 } })),
    );
    const winners = res.filter(Boolean);
    assert.equal(winners.length, 1);
    const final = (await coll().findOne({ _id: 'cas' as never }))!;
    assert.equal(final.version, 1);
  });

  it('a unique index admits exactly one of twenty concurrent inserts of a key (what message seqs rely on)', async () => {
    await coll().createIndex({ deal: 1, seq: 1 }, { unique: true });
    const res = await Promise.allSettled(Array.from({ length: 20 }, () => coll().insertOne({ deal: 'd', seq: 1 })));
    assert.equal(res.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(await coll().countDocuments({ deal: 'd' }), 1);
  });
});
