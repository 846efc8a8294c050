// Documents read from PostgreSQL and decoded must equal what FerretDB itself returns for them.
import assert from 'node:assert/strict';
import mongoose, { Schema, Types } from 'mongoose';
import { Long } from 'mongodb';
import { findByIds, findPage, storeInfo } from './store';
import { decodeStored, project, UnsupportedStoredType } from './sjson';

const Shape = mongoose.models.SjsonProbe ?? mongoose.model('SjsonProbe', new Schema({ org: Schema.Types.ObjectId, at: Date }, { strict: false, versionKey: false }).index({ org: 1, at: -1, _id: -1 }));

describe('store: documents decoded from FerretDB\'s stored form equal FerretDB\'s own answers', function () {
  this.timeout(60_000);

  it('decodes every type the platform stores, nested, in field order, and projects like MongoDB', async () => {
    const org = new Types.ObjectId();
    const raw = mongoose.connection.db!.collection(Shape.collection.collectionName);
    const docs = [
      {
        _id: new Types.ObjectId(),
        org,
        at: new Date('2026-12-04T08:00:00.123Z'),
        title: { zh: '锂电池正极材料', en: 'Cathode "material" \\ with\nnewline' },
        trl: 6,
        price: 50_000_000,
        ratio: 3.5,
        big: Long.fromNumber(2 ** 40),
        ok: true,
        no: false,
        none: null,
        tags: ['a', 'b'],
        empty: [],
        emptyObj: {},
        patents: [{ number: 'ZL202310000001.2', at: new Date(0), ids: [new Types.ObjectId()] }],
      },
      { _id: new Types.ObjectId(), org, at: new Date('2026-12-03T00:00:00Z'), title: { zh: '', en: '' }, n: -0.25 },
      { _id: 'a-string-id', org, at: new Date('2026-12-02T00:00:00Z') },
    ];
    await raw.insertMany(docs as never[]);
    const native = await Shape.find({ org } as never).sort({ at: -1, _id: -1 }).lean();
    const paged = await findPage<Record<string, unknown>>(Shape as never, { org }, { sort: { at: -1, _id: -1 }, limit: 10 });
    assert.deepEqual(paged, native);
    assert.deepEqual(paged.map((d) => Object.keys(d)), native.map((d) => Object.keys(d)), 'field order');
    const byIds = await findByIds<Record<string, unknown>>(Shape as never, docs.map((d) => d._id));
    const sortById = (xs: Record<string, unknown>[]) => [...xs].sort((a, b) => String(a._id).localeCompare(String(b._id)));
    assert.deepEqual(sortById(byIds), sortById(native));
    for (const projection of [{ title: 0, patents: 0 }, { title: 1, trl: 1 }, { title: 1, _id: 0 }] as Record<string, 0 | 1>[]) {
      const want = await Shape.find({ org } as never, projection).sort({ at: -1, _id: -1 }).lean();
      assert.deepEqual(await findPage(Shape as never, { org }, { sort: { at: -1, _id: -1 }, limit: 10, projection }), want, JSON.stringify(projection));
    }
    if (storeInfo().pgUrl) assert.equal(decodeStored({ $s: { p: { a: { t: 'int' } }, $k: ['a'] }, a: 1 }).a, 1);
  });

  it('refuses a stored type it does not decode, so the caller reads through FerretDB', async () => {
    assert.throws(() => decodeStored({ $s: { p: { r: { t: 'regex', o: 'i' } }, $k: ['r'] }, r: '^a' }), UnsupportedStoredType);
    const org = new Types.ObjectId();
    await mongoose.connection.db!.collection(Shape.collection.collectionName).insertOne({ org, at: new Date(), pattern: /^a/i } as never);
    const [doc] = await findPage<{ pattern: RegExp }>(Shape as never, { org }, { sort: { at: -1, _id: -1 }, limit: 1 });
    assert.ok(doc!.pattern instanceof RegExp, 'read through FerretDB');
  });

  it('projects top-level fields as MongoDB does', () => {
    const d = { _id: 1, a: 1, b: 2, c: 3 };
    assert.deepEqual(project(d, { b: 0 }), { _id: 1, a: 1, c: 3 });
    assert.deepEqual(project(d, { c: 1, a: 1 }), { _id: 1, a: 1, c: 3 });
    assert.deepEqual(project(d, { a: 1, _id: 0 }), { a: 1 });
    assert.deepEqual(project(d, { _id: 0 }), { a: 1, b: 2, c: 3 });
  });
});
