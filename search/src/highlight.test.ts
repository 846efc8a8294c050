import assert from 'node:assert/strict';
import { escapeHtml, highlightText, queryMatcher, withinOneEdit } from './highlight';

describe('highlight', () => {
  it('merges adjacent Chinese matches into one mark', () => {
    assert.equal(highlightText('锂电池正极材料', new Set(['锂', '电池'])), '<mark>锂电池</mark>正极材料');
  });

  it('escapes HTML outside and inside marks', () => {
    assert.equal(highlightText('a <b> & battery', new Set(['battery'])), 'a &lt;b&gt; &amp; <mark>battery</mark>');
    assert.equal(escapeHtml(`"'`), '&quot;&#39;');
  });

  it('crops long text around the first match', () => {
    const text = 'x'.repeat(300) + ' battery ' + 'y'.repeat(300);
    const out = highlightText(text, new Set(['battery']));
    assert.ok(out.startsWith('…') && out.endsWith('…') && out.includes('<mark>battery</mark>'));
    assert.ok(out.length < 260);
  });

  it('matches query words, synonyms, one typo and the last prefix', () => {
    const m = queryMatcher('锂电池 batery separ');
    assert.ok(m('lithium') && m('电池') && m('battery') && m('separator'));
    assert.ok(!m('chip'));
    assert.ok(withinOneEdit('battery', 'batery') && !withinOneEdit('battery', 'baterry'));
  });
});
