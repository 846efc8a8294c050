import assert from 'node:assert/strict';
import { applicationNumber, checkDigit, parsePatentNumber, patentProblem } from './patents';

describe('patent numbers', () => {
  it('computes the CNIPA check character (worked example 201710601862 → 3)', () => {
    assert.equal(checkDigit('201710601862'), '3');
  });

  it('writes 10 as X', () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `20231${String(i).padStart(7, '0')}`).find((b) => checkDigit(b) === 'X');
    assert.ok(body);
    assert.ok(parsePatentNumber(`ZL${body}.X`));
  });

  it('rejects a wrong check character and malformed numbers', () => {
    assert.equal(parsePatentNumber('201710601862.4'), undefined);
    assert.equal(parsePatentNumber('CN20171060186.3'), undefined);
    assert.ok(parsePatentNumber('CN201710601862.3'));
  });

  it('flags a number whose type digit contradicts the IP type, or a status that contradicts the prefix', () => {
    const utility = applicationNumber(2022, 'utility-model', 123456);
    assert.match(patentProblem({ number: `ZL${utility}`, title: 't', status: 'granted', expiry: '2032-05-01' }, 'invention-patent', '2026-03-01') ?? '', /type digit/);
    assert.equal(patentProblem({ number: `ZL${utility}`, title: 't', status: 'granted', expiry: '2032-05-01' }, 'utility-model', '2026-03-01'), undefined);
    assert.match(patentProblem({ number: `CN${utility}`, title: 't', status: 'granted', expiry: '2032-05-01' }, 'utility-model', '2026-03-01') ?? '', /prefix/);
    assert.match(patentProblem({ number: `ZL${utility}`, title: 't', status: 'expired', expiry: '2032-05-01' }, 'utility-model', '2026-03-01') ?? '', /contradicts/);
  });
});
