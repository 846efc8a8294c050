// What one chart shows, independent of the charting library: categories, one or more series, and
// which series are money (fen from the API, shown and exported in 万元). The same spec draws the
// chart, fills its table and writes its CSV, so the three always agree.
import { fenToWan } from '@techbridge/api/contract';
import type { CsvValue } from '../../lib/csv';

export type ChartKind = 'bar' | 'hbar' | 'line' | 'doughnut';

export interface Series {
  /** The series' visible name (a column of the table and the CSV). */
  name: string;
  values: number[];
  /** Values are fen: shown and exported as 万元. */
  money?: boolean;
  /** Values are a share in [0, 1]: shown as a percentage. */
  share?: boolean;
}

export interface ChartSpec {
  /** Stable id: test ids and file names. */
  id: string;
  title: string;
  kind: ChartKind;
  /** The category column's name ("月份", "技术领域" …). */
  dimension: string;
  /** Category codes (CSV) and their visible names (axis, table). */
  codes: string[];
  labels: string[];
  series: Series[];
  /** Stack the series (bars only). */
  stacked?: boolean;
  /** The series drawn (indices; all when absent) — the table and the CSV always have every series. */
  plot?: number[];
  note?: string;
}

/** A series' value as the chart and table show it: 万元 for money, % for shares, the count otherwise. */
export function displayValue(s: Series, v: number): number {
  if (s.money) return fenToWan(v);
  if (s.share) return Math.round(v * 1000) / 10;
  return v;
}

/** The column header of a series in the table and the CSV ("成交额（万元）", "占比（%）"). */
export function seriesHeader(s: Series, units: { wan: string; pct: string }): string {
  if (s.money) return `${s.name}${units.wan}`;
  if (s.share) return `${s.name}${units.pct}`;
  return s.name;
}

/** The CSV's header and rows: the category code and name, then each series in its display unit. */
export function specTable(spec: ChartSpec, units: { wan: string; pct: string; code: string }): { header: string[]; rows: CsvValue[][] } {
  const header = [units.code, spec.dimension, ...spec.series.map((s) => seriesHeader(s, units))];
  const rows = spec.codes.map((code, i) => [code, spec.labels[i] ?? code, ...spec.series.map((s) => displayValue(s, s.values[i] ?? 0))]);
  return { header, rows };
}

/** True when the chart has something to draw (any non-zero value). */
export function hasData(spec: ChartSpec): boolean {
  return spec.series.some((s) => s.values.some((v) => v !== 0));
}
