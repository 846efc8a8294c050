import assert from 'node:assert/strict';
import { memorySearchEngine } from '../search/engine';
import { createLogger } from '../logger';
import { MatchQueue, URGENT_BATCH } from './matching.queue';
import { Lease } from '../jobs/lease';
import { Demand } from '../demands/demand.model';
import { Org } from '../orgs/org.model';
import { Types } from 'mongoose';
import { trusted } from '../db';
import { Achievement } from '../achievements/achievement.model';
import { Match } from './match.model';
import { Indexer } from '../search/indexer';
import { listingWritten } from '../search/outbox';
import { DemandFirst } from '../jobs/demand-first';
import { createMatcher, livenessFor } from './matcher';

describe('match queue', () => {
  it('matches a listing from a small index batch before a large backlog, each listing once', async () => {
    const engine = await memorySearchEngine();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((r) => (release = r));
    const queue = new MatchQueue(createLogger('silent'), async (collection, id) => {
      order.push(`${collection}:${id}`);
      if (order.length === 1) await first; // the first bulk item is in flight when the write arrives
    });
    const load = Array.from({ length: URGENT_BATCH + 20 }, (_, i) => `a${i}`);
    await queue.hook('achievements', load);
    await queue.hook('demands', ['new-demand']);
    await queue.hook('achievements', ['a7']); // edited while queued in the backlog: moves up, once
    release();
    await queue.idle();
    assert.deepEqual(order.slice(0, 3), ['achievements:a0', 'demands:new-demand', 'achievements:a7']);
    assert.equal(order.length, load.length + 1);
    assert.equal(new Set(order).size, order.length);
    await engine.close();
  });

  it('does not deadlock when an achievement waits for the indexer\'s demand push and the pushed demand arrives meanwhile', async () => {
    const demandFirst = new DemandFirst();
    const order: string[] = [];
    const queue = new MatchQueue(createLogger('silent'), async (collection, id) => void order.push(`${collection}:${id}`), { demandFirst });
    const pushing = demandFirst.hold(); // the indexer is pushing a demand
    await queue.hook('achievements', ['a1']); // the queue waits: demands go first
    await new Promise((r) => setImmediate(r));
    await queue.hook('demands', ['d1']); // the indexer's hook, inside its push: the demand's hold is the queue's now
    pushing();
    const done = await Promise.race([queue.idle().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]);
    assert.ok(done, 'the queue is stuck waiting for a demand only it can match');
    assert.deepEqual(order, ['demands:d1', 'achievements:a1']);
    assert.equal(demandFirst.busy, false);
  });

  it('under a lease, matches only while held and hands the listings still waiting back to the outbox when it goes', async () => {
    const logger = createLogger('silent');
    const engine = await memorySearchEngine();
    const org = await Org.create({ kind: 'enterprise', name: { zh: '测试企业', en: 'Test Co' }, region: '310000' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await Demand.create({
        org: org._id,
        createdBy: new Types.ObjectId(),
        title: { zh: `需求 ${i}`, en: `Demand ${i}` },
        description: { zh: '描述', en: 'Description' },
        field: 'energy-storage',
        region: '310000',
        status: 'open',
        indexDirty: false,
      });
      ids.push(String(d._id));
    }
    const lease = new Lease({ name: 'search-outbox', logger, holder: 'q', ttlMs: 1500, renewEveryMs: 300, skewMs: 100 });
    await lease.tick();
    const ran: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((r) => (release = r));
    const queue = new MatchQueue(logger, async (_c, id) => {
      ran.push(id);
      await first;
    }, { lease });
    await queue.hook('demands', ids);
    await new Promise((r) => setTimeout(r, 1500)); // the term runs out (nothing renews it) while the first is matched
    assert.equal(lease.held(), false);
    release();
    await queue.idle();
    assert.deepEqual(ran, [ids[0]], 'the one in flight finished; the others were not matched here');
    const flags = await Demand.find({ _id: trusted({ $in: ids }) }, { indexDirty: 1 }).lean();
    assert.deepEqual(
      ids.map((id) => flags.find((f) => String(f._id) === id)!.indexDirty),
      [false, true, true],
      'the waiting ones are dirty again: the next holder indexes and matches them',
    );
    await queue.hook('demands', ['x']);
    assert.equal(queue.size, 0, 'a process without the lease takes no work');
    await engine.close();
  });

  it('indexes and matches a demand published during a supply-side backlog before the rest of it (real store, indexer, matcher)', async () => {
    const logger = createLogger('silent');
    const engine = await memorySearchEngine();
    const uni = await Org.create({ kind: 'university', name: { zh: '测试大学', en: 'Test University' }, region: '310000', verified: true });
    const ent = await Org.create({ kind: 'enterprise', name: { zh: '测试企业', en: 'Test Co' }, region: '310000', verified: true });
    // The backlog: 40 published achievements waiting for the indexer (a bulk import), which
    // indexes them 5 at a time and hands each slice to the match queue.
    const N = 40;
    await Achievement.insertMany(
      Array.from({ length: N }, (_, i) => ({
        org: uni._id,
        createdBy: new Types.ObjectId(),
        title: { zh: `锂电池正极材料低温烧结工艺 ${i}`, en: `Low-temperature sintering of lithium battery cathode material ${i}` },
        summary: { zh: '一种降低能耗的正极材料制备方法。', en: 'A cathode preparation method that cuts energy use.' },
        field: 'energy-storage',
        keywords: ['锂电池', '正极材料', 'cathode'],
        trl: 6,
        ipType: 'invention-patent',
        modes: [{ mode: 'license', askingPrice: 50_000_000 }],
        region: '310000',
        status: 'published',
        publishedAt: new Date(),
        indexDirty: true,
      })),
    );
    const events: string[] = [];
    let demandId = '';
    // The demand is published (as the demands service writes it) while the second slice of the
    // backlog is being indexed: the indexer is mid-pass, the match queue has achievements waiting.
    const upsert = engine.upsert.bind(engine);
    let slices = 0;
    engine.upsert = async (index, docs) => {
      await upsert(index, docs);
      events.push(`index:${index}`);
      if (index === 'achievements' && ++slices === 2) {
        const d = await Demand.create({
          org: ent._id,
          createdBy: new Types.ObjectId(),
          title: { zh: '寻求锂电池正极材料低能耗制备技术', en: 'Seeking low-energy cathode material production for lithium batteries' },
          description: { zh: '我司生产动力电池，希望降低正极材料烧结能耗。', en: 'We make EV batteries and want cheaper cathode sintering.' },
          field: 'energy-storage',
          keywords: ['锂电池', '正极材料'],
          budgetMin: 30_000_000,
          budgetMax: 100_000_000,
          modes: ['license'],
          minTrl: 5,
          region: '310000',
          status: 'open',
          publishedAt: new Date(),
          indexDirty: true,
        });
        demandId = String(d._id);
        listingWritten('demand', demandId);
        events.push('publish');
      }
    };
    const matcher = createMatcher({ search: engine, liveness: livenessFor(engine) });
    const demandFirst = new DemandFirst();
    let atDemand: { matches: number; achievementsQueued: number; achievementsDirty: number } | null = null;
    const queue = new MatchQueue(
      logger,
      async (collection, id) => {
        events.push(`match:${collection}`);
        if (collection === 'achievements') await new Promise((r) => setTimeout(r, 40)); // a matcher run takes a while: a backlog builds up
        await matcher.matchListing(collection, id);
        if (collection === 'demands')
          atDemand = { matches: await Match.countDocuments({ demand: id }), achievementsQueued: queue.waiting().achievements, achievementsDirty: await Achievement.countDocuments({ indexDirty: true }) };
      },
      { demandFirst },
    );
    const indexer = new Indexer({ engine, logger, batchSize: 5, supplyBatchSize: 5, demandFirst, onIndexed: queue.hook });
    indexer.start();
    try {
      const until = Date.now() + 30_000;
      while ((events.filter((e) => e.startsWith('match:')).length < N + 1 || (await indexer.backlog())) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await queue.idle();
    } finally {
      await indexer.stop();
      await queue.stop();
    }
    const between = (from: string, to: string, what: string) => {
      const a = events.indexOf(from);
      const b = events.indexOf(to, a);
      assert.ok(a >= 0 && b > a, `${from} then ${to} in ${events.join(' ')}`);
      return events.slice(a + 1, b).filter((e) => e === what).length;
    };
    assert.ok(demandId, 'the demand was published mid-backlog');
    // Indexed before the rest of the backlog: at most the slice in flight when it was published.
    assert.ok(between('publish', 'index:demands', 'index:achievements') <= 1, `indexed behind the supply-side backlog: ${events.join(' ')}`);
    // Matched next: no achievement's matching started between its indexing and its own.
    assert.equal(between('index:demands', 'match:demands', 'match:achievements'), 0, `matched behind queued achievements: ${events.join(' ')}`);
    const seen = atDemand as { matches: number; achievementsQueued: number; achievementsDirty: number } | null;
    assert.ok(seen, 'the demand was matched');
    assert.ok(seen.matches > 0, 'its matches are stored');
    assert.ok(seen.achievementsQueued + seen.achievementsDirty > 0, `while supply-side work was still waiting (${JSON.stringify(seen)})`);
    // The backlog was not lost: every achievement indexed and matched, once.
    assert.equal(events.filter((e) => e === 'match:achievements').length, N);
    assert.equal(events.filter((e) => e === 'match:demands').length, 1);
    assert.equal(await Achievement.countDocuments({ indexDirty: true }), 0);
    await engine.close();
  });
});
