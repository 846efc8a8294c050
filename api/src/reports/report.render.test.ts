import assert from 'node:assert/strict';
import { renderReportPdf, sectionHeading } from './report.pdf';
import { reportCsv } from './report.csv';
import { formatValue, type ReportDocument } from './report.document';
import { pdfText } from '../../test/pdf-text';

// The renderers on a hand-built document: what a reader of the PDF and of the CSV must find.

const months = Array.from({ length: 12 }, (_, i) => ({
  key: `2026-${String(i + 1).padStart(2, '0')}`,
  label: { zh: `${i + 1}月`, en: `M${i + 1}` },
  value: (i + 1) * 3,
}));

function sample(): ReportDocument {
  return {
    year: 2026,
    region: { province: '320000', label: { zh: '江苏省', en: 'Jiangsu' } },
    generatedAt: new Date('2026-12-01T02:00:00Z'),
    sections: [
      {
        key: 'overview',
        title: { zh: '总体情况', en: 'Overview' },
        intro: { zh: '全年技术市场概况。', en: 'The year at a glance.' },
        figures: [
          { key: 'turnover_fen', label: { zh: '技术合同成交额', en: 'Contract turnover' }, value: 123_450_000_00, kind: 'fen' },
          { key: 'contracts', label: { zh: '技术合同数', en: 'Contracts' }, value: 4321, kind: 'count' },
          { key: 'median_days', label: { zh: '匹配至达成一致中位天数', en: 'Median days' }, value: null, kind: 'days' },
        ],
        charts: [{ kind: 'columns', title: { zh: '按月成交额', en: 'Turnover by month' }, valueKind: 'count', bars: months }],
        tables: [],
      },
      {
        key: 'by_field',
        title: { zh: '按技术领域', en: 'By technical field' },
        figures: [],
        charts: [
          {
            kind: 'bar',
            title: { zh: '各领域技术合同数', en: 'Contracts by field' },
            valueKind: 'count',
            bars: [
              { key: 'ai', label: { zh: '人工智能', en: 'AI' }, value: 987 },
              { key: 'new-energy', label: { zh: '新能源', en: 'New energy' }, value: 654 },
            ],
          },
        ],
        tables: [
          {
            key: 'field',
            title: { zh: '技术领域明细', en: 'Fields in detail' },
            dimension: { zh: '技术领域', en: 'Field' },
            columns: [
              { key: 'contracts', label: { zh: '合同数', en: 'Contracts' }, kind: 'count' },
              { key: 'turnover_fen', label: { zh: '成交额', en: 'Turnover' }, kind: 'fen' },
            ],
            rows: Array.from({ length: 70 }, (_, i) => ({ key: `f${i}`, label: { zh: `领域${i}`, en: `Field ${i}` }, values: [i, i * 100_00] })),
          },
        ],
      },
      {
        key: 'funnel',
        title: { zh: '转化漏斗', en: 'Conversion funnel' },
        figures: [],
        charts: [
          {
            kind: 'funnel',
            title: { zh: '从发布到付款', en: 'From listing to payment' },
            valueKind: 'count',
            bars: [
              { key: 'listing', label: { zh: '发布', en: 'Listings' }, value: 800 },
              { key: 'match', label: { zh: '匹配', en: 'Matches' }, value: 400 },
              { key: 'payment', label: { zh: '付款', en: 'Payments' }, value: 0 },
            ],
          },
        ],
        tables: [
          {
            key: 'formula',
            title: { zh: '注入测试', en: 'Injection' },
            dimension: { zh: '项', en: 'Item' },
            columns: [{ key: 'n', label: { zh: '数', en: 'n' }, kind: 'count' }],
            rows: [{ key: '=cmd|calc', label: { zh: '=HYPERLINK("x")', en: '+1' }, values: [1] }],
          },
        ],
      },
    ],
  };
}

describe('annual report renderers', () => {
  it('writes a Chinese PDF with a cover, a table of contents whose page numbers are the sections’ pages, and the figures', async function () {
    this.timeout(30_000);
    const doc = sample();
    const pages = await pdfText(await renderReportPdf(doc, 'zh'));
    assert.ok(pages.length >= 6, `pages: ${pages.length}`); // cover, contents, 3 sections, the long table's second page
    assert.match(pages[0]!, /江苏省2026 年度技术转移转化报告/);
    assert.match(pages[1]!, /目录/);
    for (const [i, s] of doc.sections.entries()) {
      const heading = sectionHeading(s, i, 'zh');
      const at = pages.findIndex((p, n) => n > 1 && p.includes(heading));
      assert.ok(at > 1, `section ${heading} not found`);
      // the contents give the page the section starts on (1-based)
      assert.ok(pages[1]!.includes(`${heading}`) && new RegExp(`${heading}.*?${at + 1}`).test(pages[1]!), `contents: ${pages[1]}`);
    }
    assert.match(pages.join('\n'), /1,234,500 万元|12345 万元|1\.23 亿元/);
    assert.ok(pages.some((p) => p.includes('4,321')));
    assert.ok(pages.some((p) => p.includes('人工智能') && p.includes('987')));
    assert.ok(pages.some((p) => p.includes('转化率') && p.includes('50.0%')));
    assert.ok(pages.some((p) => /第 2 页 \/ 共 \d+ 页/.test(p)));
    // the long table goes on over a page break with its header repeated
    assert.equal(pages.filter((p) => p.includes('技术领域') && p.includes('合同数')).length >= 2, true);
    assert.ok(pages.some((p) => p.includes('领域69')));
  });

  it('embeds its one font, a subset of Noto Sans CJK, so the Chinese shows on any reader', async function () {
    this.timeout(30_000);
    const bytes = await renderReportPdf(sample(), 'zh');
    const raw = bytes.toString('latin1');
    // Font dictionaries are not compressed: their names and the embedded font program are readable.
    const fonts = [...raw.matchAll(/\/BaseFont \/([^\s/<>[\]()]+)/g)].map((m) => m[1]!);
    assert.ok(fonts.length > 0);
    for (const f of fonts) assert.match(f, /^[A-Z]{6}\+NotoSansCJKsc-Regular$/, `only the subset CJK font is used: ${f}`);
    assert.match(raw, /\/Subtype \/Type0/, 'a composite (CID) font for the Chinese glyphs');
    assert.match(raw, /\/ToUnicode \d+ 0 R/, 'text maps back to Unicode (searchable, copyable)');
    const descriptor = /\/FontName \/[A-Z]{6}\+NotoSansCJKsc-Regular[\s\S]*?\/FontFile3 (\d+) 0 R|\/FontFile3 (\d+) 0 R[\s\S]*?\/FontName \/[A-Z]{6}\+NotoSansCJKsc-Regular/.exec(raw);
    assert.ok(descriptor, 'the descriptor of the CJK font points at its embedded program');
    const ref = descriptor[1] ?? descriptor[2];
    const stream = new RegExp(`\\n${ref} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream`).exec(raw);
    assert.ok(stream, 'the font program is in the file');
    const length = Number(/\/Length (\d+)/.exec(stream[1]!)?.[1]);
    assert.ok(length > 5_000 && length < 2_000_000, `an embedded subset, not the whole 19 MB collection: ${length} bytes`);
  });

  it('writes the English edition', async function () {
    this.timeout(30_000);
    const pages = await pdfText(await renderReportPdf(sample(), 'en'));
    assert.match(pages[0]!, /Technology transfer annual report 2026\s*— Jiangsu/);
    assert.match(pages[1]!, /Contents/);
    assert.ok(pages.some((p) => p.includes('2. By technical field')));
  });

  it('writes every figure and table cell into a CSV with a BOM, raw values and defused formulas', () => {
    const csv = reportCsv(sample());
    assert.ok(csv.startsWith('\uFEFF'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.match(lines[0]!, /^年度 year,地区 region,章节 section/);
    assert.ok(lines.includes('2026,320000,overview,figures,turnover_fen,技术合同成交额,Contract turnover,turnover_fen,技术合同成交额,Contract turnover,fen,12345000000'));
    assert.ok(lines.includes('2026,320000,overview,figures,median_days,匹配至达成一致中位天数,Median days,median_days,匹配至达成一致中位天数,Median days,days,'));
    assert.ok(lines.includes('2026,320000,by_field,field,f7,领域7,Field 7,turnover_fen,成交额,Turnover,fen,70000'));
    // 1 header + 3 figures + 70 rows × 2 columns + 1 row
    assert.equal(lines.length, 1 + 3 + 140 + 1);
    const injected = lines.at(-1)!;
    assert.ok(injected.includes(`'=cmd|calc`) && injected.includes(`"'=HYPERLINK(""x"")"`) && injected.includes(`'+1`), injected);
  });

  it('formats values per kind in both languages', () => {
    assert.equal(formatValue(80_000_000, 'fen', 'zh'), '80 万元');
    assert.equal(formatValue(0.4567, 'share', 'en'), '45.7%');
    assert.equal(formatValue(null, 'count', 'zh'), '—');
    assert.equal(formatValue(12.25, 'days', 'zh'), '12.3 天');
  });
});
