import assert from 'node:assert/strict';
import { latinWords, normalize, singular, tokenize, tokenizeWithOffsets, typoBudget } from './tokenizer';

describe('tokenizer', () => {
  it('splits Chinese into dictionary words so 电池 is its own term', () => {
    assert.deepEqual(tokenize('锂电池正极材料'), ['锂', '电池', '正极', '材料']);
  });

  it('lower-cases English and splits on hyphens and punctuation', () => {
    assert.deepEqual(tokenize('Lithium-Ion Battery, 3.5mm!'), ['lithium', 'ion', 'battery', '3.5mm']);
  });

  it('separates Latin and Chinese runs in mixed text', () => {
    assert.deepEqual(tokenize('LiFePO4电池'), ['lifepo4', '电池']);
  });

  it('folds full-width letters and digits (NFKC)', () => {
    assert.deepEqual(tokenize('ＡＢＣ１２３'), ['abc123']);
    assert.equal(normalize('Ｇｒａｐｈｅｎｅ'), 'graphene');
  });

  it('drops stop words in both languages', () => {
    assert.deepEqual(tokenize('the battery of 电池的材料'), ['battery', '电池', '材料']);
  });

  it('reports offsets into the original text', () => {
    const text = 'Ａ石墨烯 film';
    for (const t of tokenizeWithOffsets(text)) assert.equal(normalize(text.slice(t.start, t.end)), t.term);
    assert.deepEqual(tokenizeWithOffsets('Two cells'), [{ term: 'two', start: 0, end: 3 }, { term: 'cell', start: 4, end: 9 }]);
  });

  it('folds English plurals to the singular and leaves other words alone', () => {
    const cases: [string, string][] = [
      ['batteries', 'battery'], ['agvs', 'agv'], ['robots', 'robot'], ['processes', 'process'], ['switches', 'switch'],
      ['devices', 'device'], ['modules', 'module'], ['vocs', 'voc'], ['process', 'process'], ['status', 'status'],
      ['analysis', 'analysis'], ['gas', 'gas'], ['ties', 'tie'], ['days', 'day'], ['battery', 'battery'], ['co2s', 'co2s'],
    ];
    for (const [word, want] of cases) assert.equal(singular(word), want, word);
    assert.deepEqual(tokenize('Lithium batteries for AGVs'), ['lithium', 'battery', 'agv']);
    assert.deepEqual([...latinWords(normalize('VOCs催化燃烧, sensors and 3.5mm chips'))], ['voc', 'sensor', 'and', '3.5mm', 'chip']);
  });

  it('allows one typo only for Latin words of at least five letters', () => {
    assert.equal(typoBudget('battery'), 1);
    assert.equal(typoBudget('chip'), 0);
    assert.equal(typoBudget('电池电池电池'), 0);
    assert.equal(typoBudget('5g5g5'), 0);
  });
});
