import assert from 'node:assert/strict';
import { DEAL_STATUSES } from './deals.schemas';
import { isLegalTransition, isSystemTransition, nextStatuses, sidesAllowed, LIVE_STATUSES } from './deals.state';

describe('deal status machine', () => {
  it('follows open → negotiating by hand, then (agreed by acceptance) → contracted → paying → completed by the platform', () => {
    assert.ok(isLegalTransition('open', 'negotiating'));
    assert.ok(isSystemTransition('agreed', 'contracted'));
    assert.ok(isSystemTransition('contracted', 'paying'));
    assert.ok(isSystemTransition('contracted', 'completed'));
    assert.ok(isSystemTransition('paying', 'completed'));
    assert.equal(isSystemTransition('agreed', 'paying'), false);
    assert.equal(isSystemTransition('negotiating', 'agreed'), false);
  });

  it('lets no side sign, pay or complete by declaring it: only the contract and the payments move those steps', () => {
    for (const [from, to] of [['agreed', 'contracted'], ['contracted', 'paying'], ['paying', 'completed']] as const) assert.equal(isLegalTransition(from, to), false, `${from} → ${to}`);
  });

  it('never lets anyone declare a deal agreed by hand', () => {
    for (const from of DEAL_STATUSES) assert.equal(isLegalTransition(from, 'agreed'), false, from);
  });

  it('allows cancelling from every state before completed, and nothing after completed or cancelled', () => {
    for (const from of ['open', 'negotiating', 'agreed', 'contracted', 'paying'] as const) assert.ok(isLegalTransition(from, 'cancelled'), from);
    assert.deepEqual(nextStatuses('completed'), []);
    assert.deepEqual(nextStatuses('cancelled'), []);
  });

  it('refuses skipping steps and going back', () => {
    assert.equal(isLegalTransition('open', 'contracted'), false);
    assert.equal(isLegalTransition('agreed', 'paying'), false);
    assert.equal(isLegalTransition('paying', 'contracted'), false);
    assert.equal(isLegalTransition('negotiating', 'open'), false);
  });

  it('lets every side cancel a live deal, and no side skip ahead', () => {
    assert.deepEqual(sidesAllowed('paying', 'cancelled'), ['supplier', 'buyer', 'broker']);
    assert.deepEqual(sidesAllowed('open', 'paying'), []);
  });

  it('counts every status before completed (except cancelled) as live', () => {
    assert.deepEqual([...LIVE_STATUSES].sort(), ['agreed', 'contracted', 'negotiating', 'open', 'paying']);
  });
});
