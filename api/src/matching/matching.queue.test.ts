import assert from 'node:assert/strict';
import { memorySearchEngine } from '../search/engine';
import { createLogger } from '../logger';
import { MatchQueue, URGENT_BATCH } from './matching.queue';
import { Lease } from '../jobs/lease';
import { Demand } from '../demands/demand.model';
import { Org } from '../orgs/org.model';
import { Types } from 'mongoose';
import { trusted } from '../db';

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
});
