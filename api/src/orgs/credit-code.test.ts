import assert from 'node:assert/strict';
import { creditCodeProblem, isCreditCode, withCreditCheck } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  it('accepts a code whose check character is right', () => {
    assert.equal(creditCodeProblem('91350100M000100Y43'), null);
    assert.ok(isCreditCode(withCreditCheck('91310000132226589')));
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    assert.match(creditCodeProblem('91350100M000100Y44')!, /check character/);
    assert.match(creditCodeProblem('91350100M000100Y4')!, /18 characters/);
    assert.match(creditCodeProblem('91350100M000100O43')!, /capital letters/);
    assert.match(creditCodeProblem('91ABCDEFM000100Y43')!, /region/);
  });
});
