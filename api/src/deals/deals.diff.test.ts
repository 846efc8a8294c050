import assert from 'node:assert/strict';
import { diff } from './deals.diff';

describe('offer diff', () => {
  const v1 = {
    mode: 'license',
    exclusivity: 'exclusive',
    territory: '中国大陆',
    termYears: 5,
    royaltyRate: 3.5,
    milestones: [
      { description: 'A', amount: 100, due: '2027-01-01' },
      { description: 'B', amount: 200, due: '2027-06-01' },
    ],
  };

  it('finds nothing between equal terms', () => {
    assert.deepEqual(diff(v1, structuredClone(v1)), []);
  });

  it('names each changed leaf with its old and new value', () => {
    const v2 = { ...structuredClone(v1), royaltyRate: 4, exclusivity: 'sole' };
    assert.deepEqual(diff(v1, v2), [
      { path: 'exclusivity', kind: 'changed', from: 'exclusive', to: 'sole' },
      { path: 'royaltyRate', kind: 'changed', from: 3.5, to: 4 },
    ]);
  });

  it('walks into arrays by index and reports added and removed items whole', () => {
    const v2 = structuredClone(v1);
    v2.milestones[1]!.amount = 250;
    v2.milestones.push({ description: 'C', amount: 300, due: '2028-01-01' });
    assert.deepEqual(diff(v1, v2), [
      { path: 'milestones.1.amount', kind: 'changed', from: 200, to: 250 },
      { path: 'milestones.2', kind: 'added', to: { description: 'C', amount: 300, due: '2028-01-01' } },
    ]);
    assert.deepEqual(diff(v2, v1).map((c) => [c.path, c.kind]), [
      ['milestones.1.amount', 'changed'],
      ['milestones.2', 'removed'],
    ]);
  });

  it('reports keys present on one side only', () => {
    assert.deepEqual(diff({ a: 1 }, { a: 1, company: { name: 'X' } }), [{ path: 'company', kind: 'added', to: { name: 'X' } }]);
    assert.deepEqual(diff({ a: 1, note: 'x' }, { a: 1 }), [{ path: 'note', kind: 'removed', from: 'x' }]);
  });

  it('treats a change of type as one change of the whole value', () => {
    assert.deepEqual(diff({ vesting: { totalMonths: 12 } }, { vesting: null }), [
      { path: 'vesting', kind: 'changed', from: { totalMonths: 12 }, to: null },
    ]);
  });

  it('compares a whole different mode field by field', () => {
    const changes = diff({ mode: 'license', royaltyRate: 3 }, { mode: 'transfer', price: 10 });
    assert.deepEqual(changes.map((c) => `${c.kind}:${c.path}`), ['changed:mode', 'added:price', 'removed:royaltyRate']);
  });
});
