import assert from 'node:assert/strict';
import { decodeEntities, highlightParts } from '../src/components/Highlight';
import { fenToWan, formatWan, pick, wanToFen } from '../src/lib/format';
import { toQueryString } from '../src/api/client';
import { toPath } from '../src/lib/form';

describe('highlightParts (search highlights rendered without innerHTML)', () => {
  it('splits escaped text into plain and <mark> parts', () => {
    assert.deepEqual(highlightParts('高性能<mark>锂电池</mark>正极&amp;负极'), [
      { text: '高性能', mark: false },
      { text: '锂电池', mark: true },
      { text: '正极&负极', mark: false },
    ]);
  });

  it('keeps any other markup as visible text, never as an element', () => {
    const parts = highlightParts('&lt;img src=x onerror=alert(1)&gt;<mark>x</mark><script>alert(1)</script>');
    assert.equal(parts[0]!.text, '<img src=x onerror=alert(1)>');
    assert.equal(parts[0]!.mark, false);
    assert.deepEqual(parts[1], { text: 'x', mark: true });
    assert.equal(parts[2]!.text, '<script>alert(1)</script>');
    assert.equal(parts[2]!.mark, false);
  });

  it('decodes only the entities the API produces', () => {
    assert.equal(decodeEntities('&lt;b&gt; &quot;q&quot; &#39;s&#39; &amp;nbsp; &copy;'), '<b> "q" \'s\' &nbsp; &copy;');
  });
});

describe('money and text helpers', () => {
  it('converts 万元 and fen both ways without float drift', () => {
    assert.equal(wanToFen(80), 80_000_000);
    assert.equal(wanToFen(0.01), 10_000);
    assert.equal(wanToFen(12.345), 12_345_000);
    assert.equal(fenToWan(80_000_000), 80);
  });

  it('formats prices in 万元 for Chinese and in CNY for English', () => {
    assert.equal(formatWan(80_000_000, 'zh'), '80 万元');
    assert.equal(formatWan(1_250_000_000, 'zh'), '1,250 万元');
    assert.match(formatWan(80_000_000, 'en'), /CN¥800K/);
    assert.equal(formatWan(null, 'zh'), '');
  });

  it('picks the wanted language and falls back to the other', () => {
    assert.equal(pick({ zh: '锂电池', en: 'Battery' }, 'en'), 'Battery');
    assert.equal(pick({ zh: '锂电池', en: '' }, 'en'), '锂电池');
    assert.equal(pick(null, 'zh'), '');
  });
});

describe('API client helpers', () => {
  it('builds query strings that skip empty values and join lists', () => {
    assert.equal(toQueryString({ q: '电池 正极', field: ['ai', 'ict'], page: 2, region: [], x: undefined, y: '' }), '?q=%E7%94%B5%E6%B1%A0+%E6%AD%A3%E6%9E%81&field=ai%2Cict&page=2');
    assert.equal(toQueryString({}), '');
  });

  it('turns a server field path into a form name path', () => {
    assert.deepEqual(toPath('patents.2.number'), ['patents', 2, 'number']);
    assert.deepEqual(toPath('email'), ['email']);
  });
});
