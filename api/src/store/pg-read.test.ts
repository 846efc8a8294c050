// Pages and counts asked of PostgreSQL must be exactly what FerretDB (or MongoDB) answers for the
// same query: compared on random filters and sorts over one collection.
import assert from 'node:assert/strict';
import mongoose, { Schema, Types } from 'mongoose';
import pg from 'pg';
import { countWhere, findPage, storeInfo } from './store';
import { toSqlWhere } from './pg-read';

const Probe = mongoose.models.PgReadProbe ?? mongoose.model(
  'PgReadProbe',
  new Schema(
    {
      org: { type: Schema.Types.ObjectId },
      status: String,
      tags: [String],
      n: Number,
      flag: { type: Boolean, default: undefined },
      readAt: { type: Date, default: undefined },
      at: Date,
    },
    { versionKey: false },
  ).index({ org: 1, status: 1 }),
);

// A small deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('store: pages and counts from PostgreSQL equal the store\'s own answers', function () {
  this.timeout(120_000);

  it('translates only what it can (operators, dotted paths and regexes are left to the store)', () => {
    assert.ok(toSqlWhere({ status: 'open', org: new Types.ObjectId() }));
    assert.equal(toSqlWhere({ 'title.zh': 'x' }), null);
    assert.equal(toSqlWhere({ n: { $gt: 1 } }), null);
    assert.equal(toSqlWhere({ status: /^o/ }), null);
    assert.equal(toSqlWhere({ $nor: [{ status: 'a' }] }), null);
    assert.equal(toSqlWhere({ $or: [{ status: 'a' }, { 'title.zh': 'x' }] }), null);
  });

  it('matches find/sort/skip/limit and countDocuments on 120 random queries', async () => {
    const rand = rng(20261204);
    const orgs = Array.from({ length: 5 }, () => new Types.ObjectId());
    const statuses = ['draft', 'open', 'closed', 'withdrawn'];
    const base = Date.now();
    await Probe.insertMany(
      Array.from({ length: 300 }, (_, i) => ({
        org: orgs[Math.floor(rand() * orgs.length)],
        status: statuses[Math.floor(rand() * statuses.length)],
        tags: ['a', 'b', 'c'].filter(() => rand() < 0.4),
        n: rand() < 0.15 ? undefined : Math.floor(rand() * 20),
        flag: rand() < 0.3 ? undefined : rand() < 0.5,
        readAt: rand() < 0.5 ? undefined : new Date(base - i * 1000),
        at: new Date(base - Math.floor(rand() * 50) * 60_000),
      })),
    );
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const conditions: (() => [string, unknown])[] = [
      () => ['org', pick(orgs)],
      () => ['org', String(pick(orgs))],
      () => ['status', pick(statuses)],
      () => ['status', mongoose.trusted({ $in: [pick(statuses), pick(statuses)] })],
      () => ['status', mongoose.trusted({ $ne: pick(statuses) })],
      () => ['tags', pick(['a', 'b', 'c'])],
      () => ['flag', pick([true, false, null])],
      () => ['readAt', null],
      () => ['readAt', mongoose.trusted({ $ne: null })],
      () => ['n', Math.floor(rand() * 20)],
      () => ['status', mongoose.trusted({ $nin: [pick(statuses), pick(statuses)] })],
      () => ['tags', mongoose.trusted({ $nin: ['a'] })],
      () => ['$or', [{ org: pick(orgs) }, { status: pick(statuses), tags: mongoose.trusted({ $nin: ['b'] }) }]],
    ];
    const sorts: Record<string, 1 | -1>[] = [{ at: -1, _id: -1 }, { at: 1, _id: 1 }, { n: -1, _id: 1 }, { n: 1, _id: -1 }, { _id: 1 }];
    let translated = 0;
    for (let q = 0; q < 120; q++) {
      const filter: Record<string, unknown> = {};
      const k = Math.floor(rand() * 3);
      for (let c = 0; c < k; c++) {
        const [f, v] = pick(conditions)();
        filter[f] = v;
      }
      const sort = pick(sorts);
      const skip = pick([0, 0, 5, 20]);
      const limit = pick([1, 10, 20]);
      const native = await Probe.find(filter as never).sort(sort).skip(skip).limit(limit).lean();
      const paged = await findPage<{ _id: Types.ObjectId }>(Probe as never, filter, { sort, skip, limit });
      const show = JSON.stringify({ filter, sort, skip, limit });
      assert.deepEqual(paged.map((d) => String(d._id)), native.map((d) => String(d._id)), `page of ${show}`);
      assert.equal(await countWhere(Probe as never, filter), await Probe.countDocuments(filter as never), `count of ${show}`);
      if (toSqlWhere(Probe.find().cast(Probe as never, { ...filter } as never) as Record<string, unknown>)) translated++;
    }
    if (storeInfo().pgUrl) assert.equal(translated, 120, 'every generated query went through PostgreSQL');
  });

  it('survives its idle PostgreSQL connections being cut (a PostgreSQL restart) and reconnects', async function () {
    if (!storeInfo().pgUrl) return assert.equal(storeInfo().kind, 'mongodb');
    await Probe.insertMany([{ status: 'open', tags: [], at: new Date() }, { status: 'open', tags: [], at: new Date() }]);
    assert.equal((await findPage(Probe as never, { status: 'open' }, { sort: { _id: 1 }, limit: 5 })).length, 2);
    const admin = new pg.Client({ connectionString: storeInfo().pgUrl });
    await admin.connect();
    try {
      const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'techbridge-pages'");
      assert.ok(cut.rowCount! >= 1, 'the pool had an idle connection to cut');
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 200)); // the pool sees its clients end (an 'error' event, handled)
    assert.equal((await findPage(Probe as never, { status: 'open' }, { sort: { _id: 1 }, limit: 5 })).length, 2);
    assert.equal(await countWhere(Probe as never, { status: 'open' }), 2);
  });
});
