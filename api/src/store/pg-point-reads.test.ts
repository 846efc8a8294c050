// Point reads answered by PostgreSQL must be exactly what FerretDB answers: compared on random
// filters, projections and sorts, plus the session store's own lookup.
import assert from 'node:assert/strict';
import mongoose, { Schema, Types } from 'mongoose';
import { storeInfo } from './store';
import { ferretFindOne, pointReadStats } from './pg-point-reads';
import { SESSIONS_COLLECTION } from './session-sweep';

const Probe = mongoose.models.PointReadProbe ?? mongoose.model(
  'PointReadProbe',
  new Schema(
    { org: { type: Schema.Types.ObjectId }, status: String, tags: [String], n: Number, flag: { type: Boolean, default: undefined }, at: Date, title: { zh: String } },
    { versionKey: false },
  ).index({ org: 1, status: 1 }),
);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('store: point reads from PostgreSQL equal FerretDB\'s own answers', function () {
  this.timeout(120_000);

  it('matches findOne on 150 random filters, projections and sorts (and says which went where)', async () => {
    const rand = rng(20261205);
    const orgs = Array.from({ length: 4 }, () => new Types.ObjectId());
    const statuses = ['draft', 'open', 'closed'];
    const base = Date.now();
    const docs = await Probe.insertMany(
      Array.from({ length: 120 }, (_, i) => ({
        org: orgs[Math.floor(rand() * orgs.length)],
        status: statuses[Math.floor(rand() * statuses.length)],
        tags: ['a', 'b'].filter(() => rand() < 0.5),
        n: rand() < 0.2 ? undefined : Math.floor(rand() * 10),
        flag: rand() < 0.3 ? undefined : rand() < 0.5,
        at: new Date(base - i * 60_000),
        title: { zh: `成果${i}` },
      })),
    );
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const conditions: (() => [string, unknown])[] = [
      () => ['_id', pick(docs)._id],
      () => ['org', pick(orgs)],
      () => ['status', pick(statuses)],
      () => ['tags', pick(['a', 'b'])],
      () => ['flag', pick([true, false, null])],
      () => ['n', mongoose.trusted({ $gte: Math.floor(rand() * 10) })],
      () => ['n', mongoose.trusted({ $gt: 2, $lt: 7 })],
      () => ['n', mongoose.trusted({ $exists: rand() < 0.5 })],
      () => ['at', mongoose.trusted({ $lt: new Date(base - Math.floor(rand() * 120) * 60_000) })],
      () => ['status', mongoose.trusted({ $in: [pick(statuses), pick(statuses)] })],
    ];
    const sorts = [undefined, { at: -1 }, { n: 1, _id: 1 }, { _id: -1 }] as const;
    const projections = [undefined, { status: 1 }, { tags: 0, title: 0 }, { _id: 0, n: 1 }] as const;
    const pg0 = pointReadStats.pg;
    for (let q = 0; q < 150; q++) {
      const filter: Record<string, unknown> = {};
      for (let c = 0, k = 1 + Math.floor(rand() * 2); c < k; c++) {
        const [f, v] = pick(conditions)();
        filter[f] = v;
      }
      // Without a sort, "the first match" is any match: compare only when at most one matches.
      const sort = pick(sorts) ?? (((await Probe.countDocuments(filter as never)) > 1 ? { _id: 1 } : undefined) as Record<string, 1 | -1> | undefined);
      const projection = pick(projections);
      const cast = Probe.find().cast(Probe as never, { ...filter } as never) as Record<string, unknown>;
      const native = await ferretFindOne(Probe.collection, cast, { sort, projection });
      const viaMongoose = await Probe.findOne(filter as never, projection).sort(sort ?? {}).lean();
      assert.deepEqual(viaMongoose, native, JSON.stringify({ filter, sort, projection }));
    }
    if (storeInfo().pgUrl) assert.equal(pointReadStats.pg - pg0, 150, 'every read went through PostgreSQL');
  });

  it('answers the session store\'s lookup ({_id, $or: [expires missing, expires in the future]}) and leaves the rest to FerretDB', async () => {
    const sessions = mongoose.connection.db!.collection(SESSIONS_COLLECTION);
    await sessions.insertMany([
      { _id: 'live' as never, expires: new Date(Date.now() + 60_000), session: '{"a":1}' },
      { _id: 'gone' as never, expires: new Date(Date.now() - 60_000), session: '{"a":2}' },
      { _id: 'forever' as never, session: '{"a":3}' },
    ]);
    const lookup = (sid: string) => sessions.findOne({ _id: sid as never, $or: [{ expires: { $exists: false } }, { expires: { $gt: new Date() } }] });
    const pg0 = pointReadStats.pg;
    assert.equal((await lookup('live'))?.session, '{"a":1}');
    assert.equal(await lookup('gone'), null);
    assert.equal((await lookup('forever'))?.session, '{"a":3}');
    assert.equal(await lookup('nobody'), null);
    if (storeInfo().pgUrl) assert.equal(pointReadStats.pg - pg0, 4);
    // A dotted path and a regex have no SQL form: FerretDB answers.
    const fb0 = pointReadStats.ferretdb;
    await Probe.create({ status: 'open', title: { zh: '电池' } });
    assert.equal(((await Probe.findOne({ "title.zh": "电池" } as never).lean()) as { status?: string } | null)?.status, 'open');
    assert.equal((await Probe.findOne({ status: /^op/ } as never).lean())?.status, 'open');
    if (storeInfo().pgUrl) assert.equal(pointReadStats.ferretdb - fb0, 2);
  });
});
