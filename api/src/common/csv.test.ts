import assert from 'node:assert/strict';
import { csvCell, csvText } from './csv';

describe('csv', () => {
  it('defuses every start a spreadsheet reads as a formula', () => {
    for (const s of ['=1+1', '+86 10', '-5', '@SUM(A1)', '\tcmd', '\rcmd']) assert.equal(csvCell(s).replace(/^"|"$/g, '').startsWith("'"), true, JSON.stringify(s));
    assert.equal(csvCell('北京'), '北京');
    assert.equal(csvCell(12.5), '12.5');
    assert.equal(csvCell(null), '');
  });

  it('quotes commas, quotes and line breaks', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('\rx'), `"'\rx"`);
  });

  it('writes a BOM and CRLF after every row', () => {
    assert.equal(csvText([['名称', 'n'], ['=x', 1]]), "\uFEFF名称,n\r\n'=x,1\r\n");
  });
});
