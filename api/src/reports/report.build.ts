// The annual report's content, from the indicators of its year and region: the sections, their
// key figures, charts and tables (`report.document.ts`), which the PDF and the CSV both render.
// Every number here is one the indicators service answered — nothing is counted again.

import type { Bilingual, ReportChart, ReportDocument, ReportFigure, ReportSection, ReportTable, ValueKind } from './report.document';
import { regionName } from './reports.presenter';
import type { IndicatorsService } from '../indicators/indicators.service';
import type { ZoneIndicators } from '../indicators/indicators.rollup';
import type { RegionCode } from '@techbridge/search/taxonomy';

/** Where the report's figures come from: the indicators service (zone indicators, agencies' performance). */
export type IndicatorsSource = Pick<IndicatorsService, 'indicators' | 'agencies'>;

type Row = ZoneIndicators['byField'][number];
type IndicatorFigures = Omit<ZoneIndicators['totals'], 'commission' | 'platformFee' | 'dealsCancelled'>;

type Metric = keyof IndicatorFigures;

const METRIC: Record<Metric, { label: Bilingual; kind: ValueKind }> = {
  listings: { label: { zh: '新增成果', en: 'Achievements listed' }, kind: 'count' },
  demands: { label: { zh: '新增需求', en: 'Demands posted' }, kind: 'count' },
  matches: { label: { zh: '供需匹配', en: 'Matches' }, kind: 'count' },
  interests: { label: { zh: '意向', en: 'Interests' }, kind: 'count' },
  dealsOpened: { label: { zh: '开启洽谈', en: 'Deals opened' }, kind: 'count' },
  dealsAgreed: { label: { zh: '达成一致', en: 'Deals agreed' }, kind: 'count' },
  dealsContracted: { label: { zh: '签订技术合同', en: 'Contracts signed' }, kind: 'count' },
  dealsPaid: { label: { zh: '已付款交易', en: 'Deals paid' }, kind: 'count' },
  dealsCompleted: { label: { zh: '完成交易', en: 'Deals completed' }, kind: 'count' },
  resultsTransferred: { label: { zh: '成果转化', en: 'Results transferred' }, kind: 'count' },
  turnover: { label: { zh: '技术合同成交额', en: 'Technology-contract turnover' }, kind: 'fen' },
  paid: { label: { zh: '到账金额', en: 'Amount paid' }, kind: 'fen' },
};

const FUNNEL_LABELS: Record<string, Bilingual> = {
  listing: { zh: '成果发布', en: 'Listings' },
  match: { zh: '供需匹配', en: 'Matches' },
  interest: { zh: '表达意向', en: 'Interests' },
  deal: { zh: '开启洽谈', en: 'Deals' },
  agreement: { zh: '达成一致', en: 'Agreements' },
  contract: { zh: '签订合同', en: 'Contracts' },
  payment: { zh: '完成付款', en: 'Payments' },
};

const figure = (m: Metric, value: number): ReportFigure => ({ key: m, label: METRIC[m].label, value, kind: METRIC[m].kind });

const table = (key: string, title: Bilingual, dimension: Bilingual, rows: Row[], metrics: Metric[]): ReportTable => ({
  key,
  title,
  dimension,
  columns: metrics.map((m) => ({ key: m, label: METRIC[m].label, kind: METRIC[m].kind })),
  rows: rows.map((r) => ({ key: r.key, label: r.label, values: metrics.map((m) => r[m]) })),
});

/** A bar chart of one metric over rows, largest first (months keep their order, as columns). */
const chart = (kind: ReportChart['kind'], title: Bilingual, rows: Row[], m: Metric): ReportChart => {
  const bars = rows.map((r) => ({ key: r.key, label: r.label, value: r[m] }));
  return { kind, title, valueKind: METRIC[m].kind, bars: kind === 'columns' ? bars : bars.sort((a, b) => b.value - a.value) };
};

const monthLabel = (r: Row): Row => {
  const n = Number(r.key.slice(5, 7));
  return { ...r, label: { zh: `${n}月`, en: new Date(Date.UTC(2000, n - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }) } };
};

/** The report of `year` for a region, from the indicators. */
export async function buildAnnualReport(
  source: IndicatorsSource,
  q: { year: number; province?: string | null; city?: string | null },
  generatedAt = new Date(),
): Promise<ReportDocument> {
  const region = { ...(q.province ? { province: q.province as RegionCode } : {}), ...(q.province && q.city ? { city: q.city } : {}) };
  const all = !q.province;
  const [ind, agencies] = await Promise.all([source.indicators({ year: q.year, ...region }), all ? source.agencies({ year: q.year }) : null]);
  const t = ind.totals;
  const months = ind.byMonth.map(monthLabel);
  const places = q.province ? ind.byCity : ind.byProvince;
  const placeName: Bilingual = q.province ? { zh: '城市', en: 'City' } : { zh: '省份', en: 'Province' };

  const sections: ReportSection[] = [
    {
      key: 'overview',
      title: { zh: '总体情况', en: 'Overview' },
      intro: {
        zh: `${q.year} 年，平台登记的技术合同成交额（双方签署的合同金额）与到账金额、成果与需求的发布、供需匹配和洽谈的全年总数。`,
        en: `The year ${q.year} in totals: technology-contract turnover (contracts both parties signed) and amounts paid, listings, demands, matches and deals.`,
      },
      figures: [
        figure('turnover', t.turnover),
        figure('paid', t.paid),
        figure('dealsContracted', t.dealsContracted),
        figure('listings', t.listings),
        figure('demands', t.demands),
        figure('matches', t.matches),
        figure('interests', t.interests),
        figure('dealsOpened', t.dealsOpened),
        figure('dealsAgreed', t.dealsAgreed),
        figure('dealsCompleted', t.dealsCompleted),
        { key: 'match_to_agreement_median_days', label: { zh: '首次匹配至达成一致（中位天数）', en: 'First match to agreement (median days)' }, value: ind.matchToAgreement.medianDays, kind: 'days' },
        { key: 'university_results_share', label: { zh: '高校成果转化率', en: 'University results transferred' }, value: ind.universityResults.share, kind: 'share' },
      ],
      charts: [],
      tables: [],
    },
    {
      key: 'by_month',
      title: { zh: '按月份', en: 'By month' },
      figures: [],
      charts: [
        chart('columns', { zh: '各月技术合同成交额', en: 'Turnover by month' }, months, 'turnover'),
        chart('columns', { zh: '各月签订技术合同数', en: 'Contracts signed by month' }, months, 'dealsContracted'),
      ],
      tables: [table('month', { zh: '月度明细', en: 'Months in detail' }, { zh: '月份', en: 'Month' }, months, ['listings', 'demands', 'matches', 'dealsOpened', 'dealsContracted', 'turnover'])],
    },
    {
      key: 'by_field',
      title: { zh: '按技术领域', en: 'By technical field' },
      figures: [],
      charts: [
        chart('bar', { zh: '各技术领域技术合同成交额', en: 'Turnover by technical field' }, ind.byField, 'turnover'),
        chart('bar', { zh: '各技术领域新增成果', en: 'Achievements listed by technical field' }, ind.byField, 'listings'),
      ],
      tables: [table('field', { zh: '技术领域明细', en: 'Technical fields in detail' }, { zh: '技术领域', en: 'Field' }, ind.byField, ['listings', 'demands', 'matches', 'dealsOpened', 'dealsContracted', 'turnover'])],
    },
    {
      key: 'by_region',
      title: { zh: '按地区', en: 'By region' },
      figures: [],
      charts: [chart('bar', { zh: `各${placeName.zh}技术合同成交额`, en: `Turnover by ${placeName.en.toLowerCase()}` }, places, 'turnover')],
      tables: [table('region', { zh: '地区明细', en: 'Regions in detail' }, placeName, places, ['listings', 'demands', 'matches', 'dealsOpened', 'dealsContracted', 'turnover'])],
    },
    {
      key: 'by_mode',
      title: { zh: '按交易方式', en: 'By deal mode' },
      figures: [],
      charts: [chart('bar', { zh: '各交易方式技术合同成交额', en: 'Turnover by deal mode' }, ind.byMode, 'turnover')],
      tables: [table('mode', { zh: '交易方式明细', en: 'Deal modes in detail' }, { zh: '交易方式', en: 'Mode' }, ind.byMode, ['dealsOpened', 'dealsAgreed', 'dealsContracted', 'dealsCompleted', 'turnover', 'paid'])],
    },
    {
      key: 'by_org_kind',
      title: { zh: '按机构类型', en: 'By organisation kind' },
      figures: [],
      charts: [chart('bar', { zh: '各类机构新增成果', en: 'Achievements listed by organisation kind' }, ind.byOrgKind, 'listings')],
      tables: [
        table('org_kind', { zh: '机构类型明细', en: 'Organisation kinds in detail' }, { zh: '机构类型', en: 'Kind' }, ind.byOrgKind, ['listings', 'demands', 'dealsOpened', 'dealsContracted', 'turnover']),
      ],
    },
    {
      key: 'funnel',
      title: { zh: '转化漏斗', en: 'Conversion funnel' },
      intro: {
        zh: '成果发布 → 供需匹配 → 表达意向 → 开启洽谈 → 达成一致 → 签订合同 → 完成付款，每一步相对上一步的转化率。',
        en: 'Listing → match → interest → deal → agreement → contract → payment, each step’s rate of the one before.',
      },
      figures: [],
      charts: [
        {
          kind: 'funnel',
          title: { zh: '全年转化漏斗', en: 'The year’s funnel' },
          valueKind: 'count',
          bars: ind.funnel.map((s) => ({ key: s.step, label: FUNNEL_LABELS[s.step] ?? { zh: s.step, en: s.step }, value: s.count })),
        },
      ],
      tables: [
        {
          key: 'funnel',
          title: { zh: '漏斗明细', en: 'Funnel in detail' },
          dimension: { zh: '环节', en: 'Step' },
          columns: [
            { key: 'count', label: { zh: '数量', en: 'Count' }, kind: 'count' },
            { key: 'rate', label: { zh: '转化率', en: 'Rate' }, kind: 'share' },
          ],
          rows: ind.funnel.map((s) => ({ key: s.step, label: FUNNEL_LABELS[s.step] ?? { zh: s.step, en: s.step }, values: [s.count, s.rate] })),
        },
      ],
    },
    {
      key: 'university_results',
      title: { zh: '高校科技成果转化', en: 'University results transferred' },
      intro: {
        zh: '截至年末高校发布的科技成果中已签订技术合同（转化）的比例。',
        en: 'Of the results universities listed by the year’s end, the share transferred under a signed contract.',
      },
      figures: [
        { key: 'university_listed', label: { zh: '高校发布成果', en: 'University results listed' }, value: ind.universityResults.listed, kind: 'count' },
        { key: 'university_transferred', label: { zh: '已转化', en: 'Transferred' }, value: ind.universityResults.transferred, kind: 'count' },
        { key: 'university_transferred_in_year', label: { zh: '本年度转化', en: 'Transferred this year' }, value: ind.universityResults.transferredInPeriod, kind: 'count' },
        { key: 'university_results_share', label: { zh: '转化率', en: 'Share transferred' }, value: ind.universityResults.share, kind: 'share' },
      ],
      charts: [],
      tables: [],
    },
  ];

  if (agencies) {
    const top = [...agencies.agencies].sort((a, b) => a.rank - b.rank).slice(0, 20);
    sections.push({
      key: 'agencies',
      title: { zh: '技术转移机构绩效', en: 'Transfer agencies’ performance' },
      intro: { zh: '按技术合同成交额排名的前 20 家技术转移机构。', en: 'The 20 transfer agencies with the highest technology-contract turnover.' },
      figures: [],
      charts: [
        {
          kind: 'bar',
          title: { zh: '技术转移机构促成的成交额', en: 'Turnover brokered by agency' },
          valueKind: 'fen',
          bars: top.map((a) => ({ key: a.agency.id, label: { zh: a.agency.name.zh || a.agency.name.en, en: a.agency.name.en || a.agency.name.zh }, value: a.turnover })),
        },
      ],
      tables: [
        {
          key: 'agencies',
          title: { zh: '机构排名', en: 'Ranking' },
          dimension: { zh: '机构', en: 'Agency' },
          columns: [
            { key: 'rank', label: { zh: '排名', en: 'Rank' }, kind: 'count' },
            { key: 'dealsBrokered', label: { zh: '促成洽谈', en: 'Deals brokered' }, kind: 'count' },
            { key: 'dealsContracted', label: { zh: '签订合同', en: 'Contracts' }, kind: 'count' },
            { key: 'turnover', label: { zh: '成交额', en: 'Turnover' }, kind: 'fen' },
            { key: 'commission', label: { zh: '佣金', en: 'Commission' }, kind: 'fen' },
            { key: 'medianDaysToClose', label: { zh: '成交中位天数', en: 'Median days to close' }, kind: 'days' },
          ],
          rows: top.map((a) => ({
            key: a.agency.id,
            label: { zh: a.agency.name.zh || a.agency.name.en, en: a.agency.name.en || a.agency.name.zh },
            values: [a.rank, a.dealsBrokered, a.dealsContracted, a.turnover, a.commission, a.medianDaysToClose],
          })),
        },
      ],
    });
  }

  return { year: q.year, region: { ...region, label: regionName(q.province, q.city) }, generatedAt, sections };
}
