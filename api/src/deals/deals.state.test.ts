import assert from 'node:assert/strict';
import { DEAL_STATUSES } from './deals.schemas';
import { isLegalTransition, nextStatuses, sidesAllowed, LIVE_STATUSES } from './deals.state';

describe('deal status machine', () => {
  it('follows open → negotiating → (agreed by acceptance) → contracted → paying → completed', () => {
    assert.ok(isLegalTransition('open', 'negotiating'));
    assert.ok(isLegalTransition('agreed', 'contracted'));
    assert.ok(isLegalTransition('contracted', 'paying'));
    assert.ok(isLegalTransition('paying', 'completed'));
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

  it('lets only the buyer start paying and only the supplier confirm completion', () => {
    assert.deepEqual(sidesAllowed('contracted', 'paying'), ['buyer']);
    assert.deepEqual(sidesAllowed('paying', 'completed'), ['supplier']);
    assert.deepEqual(sidesAllowed('open', 'paying'), []);
  });

  it('counts every status before completed (except cancelled) as live', () => {
    assert.deepEqual([...LIVE_STATUSES].sort(), ['agreed', 'contracted', 'negotiating', 'open', 'paying']);
  });
});
