import assert from 'node:assert/strict';
import type { OfferHistoryItem } from '@techbridge/api/deals/deals.events';
import { isCurrent, patchHistory } from '../src/lib/dealRoomState';

const entry = (version: number, status: OfferHistoryItem['status'] = 'open'): OfferHistoryItem =>
  ({ version, replacesVersion: version - 1, status, diff: version === 1 ? null : [] }) as unknown as OfferHistoryItem;

describe('deal room state (patching from broadcasts)', () => {
  it('drops a deal update older than the version held, takes an equal or newer one', () => {
    assert.equal(isCurrent(5, { version: 4 }), false);
    assert.equal(isCurrent(5, { version: 5 }), true, 'two broadcasts of one write carry the same version');
    assert.equal(isCurrent(5, { version: 6 }), true);
  });

  it('adds a counter-offer and supersedes the open version it replaces, as the server does', () => {
    const h = patchHistory([entry(1)], entry(2));
    assert.deepEqual(h.map((o) => [o.version, o.status]), [
      [1, 'superseded'],
      [2, 'open'],
    ]);
  });

  it('replaces an entry it already has (a repeated or later broadcast), keeping the order by version', () => {
    const h = patchHistory([entry(1, 'superseded'), entry(2)], entry(2, 'accepted'));
    assert.deepEqual(h.map((o) => [o.version, o.status]), [
      [1, 'superseded'],
      [2, 'accepted'],
    ]);
    const again = patchHistory(h, entry(1, 'superseded'));
    assert.deepEqual(again.map((o) => o.version), [1, 2]);
    assert.equal(again[1]!.status, 'accepted', 'an older entry repeated does not touch the newer one');
  });

  it('leaves a rejected version as it is when the next offer replaces it', () => {
    const h = patchHistory([entry(1, 'rejected')], entry(2));
    assert.equal(h[0]!.status, 'rejected');
  });
});
