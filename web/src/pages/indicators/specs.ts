// The indicator answer (GET /api/indicators, /api/indicators/public) as chart specs: which figures
// each chart shows, in which order, under which names. Pure, so the unit tests check it directly.
import type { TFunction } from 'i18next';
import type { PublicIndicatorsResponse } from '../../api/types';
import type { Lang } from '../../lib/format';
import type { ChartKind, ChartSpec, Series } from './chartSpec';

// the public summary's figures are a subset of the admin's: what both answers have
type Answer = Pick<PublicIndicatorsResponse, 'byMonth' | 'byField' | 'byProvince' | 'byMode' | 'funnel' | 'universityResults'> &
  Partial<Pick<PublicIndicatorsResponse, 'byCity' | 'byOrgKind'>>;
type Row = PublicIndicatorsResponse['byField'][number];
type Metric = keyof PublicIndicatorsResponse['totals'];

/** Figures of a breakdown chart: counts drawn by default, amounts (fen → 万元) on request. */
export const COUNT_SERIES: Metric[] = ['listings', 'demands', 'dealsOpened', 'dealsContracted'];
export const MONEY_SERIES: Metric[] = ['turnover', 'paid'];
const MONEY = new Set<Metric>(['turnover', 'paid']);

export type Group = 'count' | 'money';

const series = (rows: readonly Row[], metrics: readonly Metric[], t: TFunction): Series[] =>
  metrics.map((m) => ({ name: t(`indicators.metrics.${m}`), values: rows.map((r) => Number(r[m] ?? 0)), money: MONEY.has(m) }));

function rowsSpec(id: string, title: string, dimension: string, rows: readonly Row[], metrics: readonly Metric[], kind: ChartKind, lang: Lang, t: TFunction, plot?: number[]): ChartSpec {
  return {
    id,
    title,
    kind,
    dimension,
    codes: rows.map((r) => r.key),
    labels: rows.map((r) => r.label[lang] || r.label.zh || r.key),
    series: series(rows, metrics, t),
    plot,
  };
}

/** A breakdown (field, province, city, mode, organisation kind): every figure in the table, one group drawn. */
function breakdown(id: string, rows: readonly Row[], group: Group, lang: Lang, t: TFunction, kind: ChartKind = 'hbar'): ChartSpec {
  const metrics = [...COUNT_SERIES, ...MONEY_SERIES];
  const plot = group === 'count' ? COUNT_SERIES.map((_, i) => i) : MONEY_SERIES.map((_, i) => COUNT_SERIES.length + i);
  return rowsSpec(id, t(`indicators.charts.${id}`), t(`indicators.dims.${id}`), rows, metrics, kind, lang, t, plot);
}

export interface Specs {
  activity: ChartSpec;
  deals: ChartSpec;
  turnover: ChartSpec;
  field: ChartSpec;
  province: ChartSpec;
  city?: ChartSpec;
  mode: ChartSpec;
  orgKind?: ChartSpec;
  funnel: ChartSpec;
  university: ChartSpec;
}

/** Every chart of the dashboard from one answer; `groups` picks counts or amounts per breakdown. */
export function buildSpecs(data: Answer, lang: Lang, t: TFunction, groups: Partial<Record<string, Group>> = {}): Specs {
  const month = t('indicators.dims.month');
  const g = (id: string): Group => groups[id] ?? 'count';
  const uni = data.universityResults;
  return {
    activity: rowsSpec('activity', t('indicators.charts.activity'), month, data.byMonth, ['listings', 'demands', 'matches', 'interests'], 'line', lang, t),
    deals: rowsSpec('deals', t('indicators.charts.deals'), month, data.byMonth, ['dealsOpened', 'dealsAgreed', 'dealsContracted', 'dealsCompleted'], 'bar', lang, t),
    turnover: rowsSpec('turnover', t('indicators.charts.turnover'), month, data.byMonth, ['turnover', 'paid'], 'bar', lang, t),
    field: breakdown('field', data.byField, g('field'), lang, t),
    province: breakdown('province', data.byProvince, g('province'), lang, t),
    city: data.byCity ? breakdown('city', data.byCity, g('city'), lang, t) : undefined,
    mode: breakdown('mode', data.byMode, g('mode'), lang, t, 'bar'),
    orgKind: data.byOrgKind ? breakdown('orgKind', data.byOrgKind, g('orgKind'), lang, t, 'bar') : undefined,
    funnel: {
      id: 'funnel',
      title: t('indicators.charts.funnel'),
      kind: 'hbar',
      dimension: t('indicators.dims.step'),
      codes: data.funnel.map((f) => f.step),
      labels: data.funnel.map((f) => t(`indicators.funnel.${f.step}`)),
      series: [
        { name: t('indicators.count'), values: data.funnel.map((f) => f.count) },
        { name: t('indicators.metrics.rate'), values: data.funnel.map((f) => f.rate ?? 0), share: true },
      ],
      plot: [0],
    },
    university: {
      id: 'university',
      title: t('indicators.charts.university'),
      kind: 'doughnut',
      dimension: t('indicators.dims.status'),
      codes: ['transferred', 'not-transferred'],
      labels: [t('indicators.university.transferred'), t('indicators.university.notTransferred')],
      series: [{ name: t('indicators.count'), values: [uni.transferred, Math.max(0, uni.listed - uni.transferred)] }],
      note: t('indicators.university.note', { listed: uni.listed, transferred: uni.transferred, inPeriod: uni.transferredInPeriod }),
    },
  };
}
