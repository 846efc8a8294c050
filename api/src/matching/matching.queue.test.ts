import assert from 'node:assert/strict';
import { memorySearchEngine } from '../search/engine';
import { createLogger } from '../logger';
import { MatchQueue, URGENT_BATCH } from './matching.queue';

describe('match queue', () => {
  it('matches a listing from a small index batch before a large backlog, each listing once', async () => {
    const engine = await memorySearchEngine();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((r) => (release = r));
    const queue = new MatchQueue(engine, createLogger('silent'), async (collection, id) => {
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
});
