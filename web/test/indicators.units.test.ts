import assert from 'node:assert/strict';
import type { TFunction } from 'i18next';
import { csvCell, csvFileName, toCsv } from '../src/lib/csv';
import { displayValue, hasData, specTable, type ChartSpec } from '../src/pages/indicators/chartSpec';
import { buildSpecs } from '../src/pages/indicators/specs';
import { periodDates, statementHref } from '../src/pages/indicators/statement';
import zh from '../src/locales/indicators.zh.json' with { type: 'json' };

// t() over the page's Chinese bundle, with i18next's {{x}} interpolation
const t = ((key: string, vars?: Record<string, unknown>) => {
  let node: unknown = zh;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no text for ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars?.[v] ?? ''));
}) as unknown as TFunction;

const UNITS = { wan: '（万元）', pct: '（%）', code: '代码' };

describe('chart CSV (UTF-8 with BOM, safe against formula injection)', () => {
  it('prefixes text that a spreadsheet would run as a formula, and leaves numbers as they are', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) assert.equal(csvCell(bad).replace(/^"|"$/g, '')[0], "'", bad);
    assert.equal(csvCell(-12.5), '-12.5');
    assert.equal(csvCell(0), '0');
    assert.equal(csvCell('储能与电池'), '储能与电池');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('quotes commas, quotes and line breaks', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=1,2'), `"'=1,2"`);
  });

  it('writes a BOM, the header, a CRLF after every line', () => {
    const text = toCsv(['月份', '成交额（万元）'], [
      ['2026-01', 80],
      ['2026-02', 0],
    ]);
    assert.equal(text, '\uFEFF月份,成交额（万元）\r\n2026-01,80\r\n2026-02,0\r\n');
  });

  it('names files after the chart without characters a file system refuses', () => {
    assert.equal(csvFileName('field', '按技术领域'), 'field-按技术领域.csv');
    assert.equal(csvFileName('funnel', 'a → b / c: d'), 'funnel-a-b-c-d.csv');
    assert.equal(csvFileName(''), 'data.csv');
  });
});

describe('chart specs', () => {
  const spec: ChartSpec = {
    id: 'x',
    title: 'X',
    kind: 'bar',
    dimension: '技术领域',
    codes: ['energy', 'bio'],
    labels: ['储能与电池', '生物医药'],
    series: [
      { name: '签订合同', values: [3, 0] },
      { name: '技术合同成交额', values: [80_000_000, 1_250_000], money: true },
      { name: '转化率', values: [0.3333, 0], share: true },
    ],
  };

  it('shows money in 万元 and shares in percent', () => {
    assert.equal(displayValue(spec.series[1]!, 80_000_000), 80);
    assert.equal(displayValue(spec.series[1]!, 1_250_000), 1.25);
    assert.equal(displayValue(spec.series[2]!, 0.3333), 33.3);
    assert.equal(displayValue(spec.series[0]!, 3), 3);
  });

  it('tables every series with the code and name of each category, units in the headers', () => {
    assert.deepEqual(specTable(spec, UNITS), {
      header: ['代码', '技术领域', '签订合同', '技术合同成交额（万元）', '转化率（%）'],
      rows: [
        ['energy', '储能与电池', 3, 80, 33.3],
        ['bio', '生物医药', 0, 1.25, 0],
      ],
    });
  });

  it('knows an all-zero chart has nothing to draw', () => {
    assert.equal(hasData(spec), true);
    assert.equal(hasData({ ...spec, series: spec.series.map((s) => ({ ...s, values: s.values.map(() => 0) })) }), false);
  });
});

describe('buildSpecs (the indicator answer as charts)', () => {
  const figures = (f: Partial<Record<string, number>>) => ({
    listings: 0,
    demands: 0,
    matches: 0,
    interests: 0,
    dealsOpened: 0,
    dealsAgreed: 0,
    dealsContracted: 0,
    dealsPaid: 0,
    dealsCompleted: 0,
    dealsCancelled: 0,
    resultsTransferred: 0,
    turnover: 0,
    paid: 0,
    ...f,
  });
  const answer = {
    byMonth: [
      { key: '2026-01', label: { zh: '2026-01', en: '2026-01' }, ...figures({ listings: 4, turnover: 3_000_000, paid: 1_000_000 }) },
      { key: '2026-02', label: { zh: '2026-02', en: '2026-02' }, ...figures({ listings: 1, dealsContracted: 2 }) },
    ],
    byField: [{ key: 'energy', label: { zh: '储能与电池', en: 'Energy storage' }, ...figures({ listings: 5, turnover: 3_000_000 }) }],
    byProvince: [{ key: '320000', label: { zh: '江苏', en: 'Jiangsu' }, ...figures({ listings: 5 }) }],
    byCity: [{ key: '320000|南京', label: { zh: '南京', en: 'Nanjing' }, ...figures({ listings: 2 }) }],
    byMode: [{ key: 'license', label: { zh: '许可', en: 'Licence' }, ...figures({ dealsContracted: 2 }) }],
    funnel: [
      { step: 'listing', count: 10, rate: null },
      { step: 'match', count: 4, rate: 0.4 },
    ],
    universityResults: { listed: 8, transferred: 2, transferredInPeriod: 1, share: 0.25 },
  };

  it('draws months, breakdowns, the funnel and the university share from the answer', () => {
    const specs = buildSpecs(answer as unknown as Parameters<typeof buildSpecs>[0], 'zh', t);
    assert.deepEqual(specs.activity.codes, ['2026-01', '2026-02']);
    assert.deepEqual(specs.activity.series[0], { name: '成果', values: [4, 1], money: false });
    assert.deepEqual(specTable(specs.turnover, UNITS).rows, [
      ['2026-01', '2026-01', 3, 1],
      ['2026-02', '2026-02', 0, 0],
    ]);
    assert.deepEqual(specs.field.labels, ['储能与电池']);
    assert.deepEqual(specs.city?.labels, ['南京']);
    assert.equal(specs.orgKind, undefined, 'no organisation kinds in the answer, no chart');
    assert.deepEqual(specTable(specs.funnel, UNITS).rows, [
      ['listing', '发布成果', 10, 0],
      ['match', '匹配', 4, 40],
    ]);
    assert.deepEqual(specs.university.series[0]!.values, [2, 6]);
  });

  it('draws counts of a breakdown by default and its amounts on request; the table keeps both', () => {
    const counts = buildSpecs(answer as unknown as Parameters<typeof buildSpecs>[0], 'en', t).field;
    const money = buildSpecs(answer as unknown as Parameters<typeof buildSpecs>[0], 'en', t, { field: 'money' }).field;
    assert.deepEqual(counts.labels, ['Energy storage']);
    assert.deepEqual(counts.plot!.map((i) => counts.series[i]!.money), [false, false, false, false]);
    assert.deepEqual(money.plot!.map((i) => money.series[i]!.money), [true, true]);
    assert.equal(specTable(money, UNITS).header.length, specTable(counts, UNITS).header.length);
  });
});

describe('commission statement links', () => {
  it('turns a period of months into its first and last day', () => {
    assert.deepEqual(periodDates({ from: '2026-01', to: '2026-12' }), { from: '2026-01-01', to: '2026-12-31' });
    assert.deepEqual(periodDates({ from: '2024-02', to: '2024-02' }), { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(periodDates({ from: '2025-03', to: '2025-04' }), { from: '2025-03-01', to: '2025-04-30' });
  });

  it('builds the statement URL with the dates given', () => {
    assert.equal(statementHref('64b7f0000000000000000001', '2026-01-01', '2026-06-30'), '/api/indicators/agencies/64b7f0000000000000000001/commission.csv?from=2026-01-01&to=2026-06-30');
    assert.equal(statementHref('64b7f0000000000000000001'), '/api/indicators/agencies/64b7f0000000000000000001/commission.csv');
  });
});
