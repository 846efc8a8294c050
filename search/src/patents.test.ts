import assert from 'node:assert/strict';
import { compactPatentQuery, patentNumberSpellings, patentNumberText } from './patents';
import { tokenize } from './tokenizer';

describe('patent numbers in search', () => {
  it('indexes a granted number under every spelling people type', () => {
    const s = patentNumberSpellings('ZL201710601862.3');
    for (const typed of ['zl201710601862.3', 'cn201710601862.3', '201710601862.3', '2017106018623', 'zl2017106018623'])
      assert.ok(s.includes(typed), typed);
  });

  it('keeps a publication number kind code (CN109326785A) and tolerates spaces', () => {
    const s = patentNumberSpellings('CN 109326785 A');
    assert.ok(s.includes('cn109326785a'));
    assert.ok(s.includes('109326785a'));
  });

  it('turns a listing’s numbers into words the tokenizer keeps whole', () => {
    const text = patentNumberText([{ number: 'ZL201710601862.3' }, { number: 'ZL202020123456.7' }, {}]);
    const words = tokenize(text);
    assert.ok(words.includes('201710601862.3'));
    assert.ok(words.includes('zl202020123456.7'));
  });

  it('compacts a number typed with spaces and leaves other queries alone', () => {
    assert.equal(compactPatentQuery('ZL 2017 1 0601862.3'), 'ZL201710601862.3');
    assert.equal(compactPatentQuery('锂电池 正极'), '锂电池 正极');
    assert.equal(compactPatentQuery('battery 2017'), 'battery 2017');
  });
});
