// The lease against the real store (FerretDB in this suite, or MONGODB_URI): service level, no HTTP.
import assert from 'node:assert/strict';
import { createLogger } from '../logger';
import { claimPeriod, Lease, LeaseLost, LeaseTerm } from './lease';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lease that only moves when the test calls `tick()` (no timers). */
const manual = (holder: string, over: Partial<ConstructorParameters<typeof Lease>[0]> = {}) =>
  new Lease({ name: 'unit', logger, holder, ttlMs: 1500, renewEveryMs: 300, skewMs: 100, ...over });

describe('lease (service level)', function () {
  this.timeout(60_000);

  it('gives the lease to exactly one of ten processes claiming at once', async () => {
    // A long term: on a loaded machine ten claims at once can take longer than a short one.
    const claimers = Array.from({ length: 10 }, (_, i) => manual(`p${i}`, { ttlMs: 30_000, renewEveryMs: 1000, skewMs: 100 }));
    await Promise.all(claimers.map((l) => l.tick()));
    assert.equal(claimers.filter((l) => l.held()).length, 1, 'one holder');
    const terms = await LeaseTerm.find({ name: 'unit' }).lean();
    assert.equal(terms.length, 1);
    assert.equal(terms[0]!.term, 1);
    assert.equal(terms[0]!.holder, claimers.find((l) => l.held())!.holder);
  });

  it('renews by inserting the next term, and nobody takes it while it is renewed', async () => {
    const a = manual('a', { ttlMs: 2500 });
    const b = manual('b', { ttlMs: 2500 });
    await a.tick();
    assert.ok(a.held());
    const tenure = a.tenure();
    const t0 = Date.now();
    let ticks = 0;
    while (Date.now() - t0 < 3000) {
      await sleep(300);
      await Promise.all([a.tick(), b.tick()]);
      ticks++;
    }
    assert.ok(a.held(), 'still held after 3 s with a 2.5 s term');
    assert.equal(b.held(), false);
    assert.equal(a.tenure(), tenure, 'one continuous tenure across renewals');
    assert.equal((await a.latest())!.term, 1 + ticks);
  });

  it('is taken over once the holder stops renewing and its term has expired', async () => {
    const a = manual('a');
    const b = manual('b');
    await a.tick();
    const t0 = Date.now();
    await b.tick();
    assert.equal(b.held(), false, 'not before the expiry');
    while (!b.held()) {
      await sleep(50);
      await b.tick();
      assert.ok(Date.now() - t0 < 5000, 'taken over within ttl + skew + a bound');
    }
    assert.ok(Date.now() - t0 >= 1500, 'not before ttl + skew');
    assert.equal(a.held(), false, 'the stalled holder counts itself out by its own clock');
    assert.equal((await b.latest())!.holder, 'b');
  });

  it('fences a stale holder: its renewal fails on the next term and its tenure is over', async () => {
    const a = manual('a', { ttlMs: 5000, renewEveryMs: 1000, skewMs: 100 });
    // b's clock runs 10 s ahead: it sees a's term as expired while a still counts itself valid.
    const b = manual('b', { ttlMs: 5000, renewEveryMs: 1000, skewMs: 100, now: () => Date.now() + 10_000 });
    await a.tick();
    const tenure = a.tenure();
    assert.ok(a.holds(tenure));
    await b.tick();
    assert.ok(b.held(), 'b took term 2');
    const changes: boolean[] = [];
    a.onChange((held) => changes.push(held));
    await a.tick(); // a tries to renew into term 2
    assert.equal(a.held(), false);
    assert.equal(a.holds(tenure), false);
    assert.throws(() => a.assertHolds(tenure), LeaseLost);
    assert.deepEqual(changes, [false]);
    assert.equal((await a.latest())!.holder, 'b');
  });

  it('releases on stop so that another process takes over at once', async () => {
    const a = manual('a', { ttlMs: 30_000, renewEveryMs: 1000, skewMs: 100 });
    const b = manual('b', { ttlMs: 30_000, renewEveryMs: 1000, skewMs: 100 });
    a.start();
    while (!a.held()) await sleep(20);
    await a.stop();
    assert.equal(a.held(), false);
    await b.tick();
    assert.ok(b.held(), 'no 30 s wait after a release');
    assert.equal((await b.latest())!.term, 3, 'term 2 was the release');
  });

  it('keeps the collection small: old terms are pruned by the holder', async () => {
    const a = manual('a', { ttlMs: 2000, renewEveryMs: 10, skewMs: 10 });
    for (let i = 0; i < 25; i++) await a.tick();
    assert.ok(a.held());
    const n = await LeaseTerm.countDocuments({ name: 'unit' });
    assert.ok(n <= 20, `${n} terms kept (pruned every 10th term down to the last 10)`);
    assert.equal((await a.latest())!.term, 25);
  });

  it('lets one of several processes run each period of a scheduled job (the session sweep)', async () => {
    const now = Date.now();
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimPeriod('job', 60_000, `p${i}`, now)));
    assert.equal(claims.filter(Boolean).length, 1);
    assert.equal(await claimPeriod('job', 60_000, 'p1', now), false, 'claimed once per period');
    assert.equal(await claimPeriod('job', 60_000, 'p1', now + 60_000), true, 'the next period is free again');
  });
});
