// The annual report as data: what the PDF and the CSV both render, built from the indicators by
// `report.build.ts`. Pure types and helpers (no I/O), so the renderers are tested on their own.

import { formatFenEn, formatFenZh } from '../contract/money';

export type Lang = 'zh' | 'en';

export interface Bilingual {
  zh: string;
  en: string;
}

/** How a value is written: a count, an amount in fen, a share 0–1, a number of days. */
export type ValueKind = 'count' | 'fen' | 'share' | 'days';

export interface ReportFigure {
  /** Stable key for the CSV (`turnover_fen`). */
  key: string;
  label: Bilingual;
  /** null: no value (e.g. no deal reached agreement, so no median). */
  value: number | null;
  kind: ValueKind;
}

export interface ReportTableRow {
  /** Stable key of the row (a field, region or mode code, a month `2026-03`, a funnel step). */
  key: string;
  label: Bilingual;
  values: (number | null)[];
}

export interface ReportTable {
  key: string;
  title: Bilingual;
  /** The first column's heading (the dimension), then one per value column. */
  dimension: Bilingual;
  columns: { key: string; label: Bilingual; kind: ValueKind }[];
  rows: ReportTableRow[];
}

export interface ReportChart {
  /** `bar`: horizontal bars; `columns`: vertical (months); `funnel`: centred, narrowing steps. */
  kind: 'bar' | 'columns' | 'funnel';
  title: Bilingual;
  valueKind: ValueKind;
  bars: { key: string; label: Bilingual; value: number }[];
}

export interface ReportSection {
  key: string;
  title: Bilingual;
  intro?: Bilingual;
  figures: ReportFigure[];
  charts: ReportChart[];
  tables: ReportTable[];
}

export interface ReportDocument {
  year: number;
  region: { province?: string; city?: string; label: Bilingual };
  generatedAt: Date;
  sections: ReportSection[];
}

/** A value as the report writes it. */
export function formatValue(value: number | null, kind: ValueKind, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (kind) {
    case 'fen':
      return lang === 'zh' ? formatFenZh(value) : formatFenEn(value);
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'days':
      return lang === 'zh' ? `${value.toFixed(1)} 天` : `${value.toFixed(1)} d`;
    default:
      return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US').format(value);
  }
}

/** The report's title in one language. */
export function reportTitle(doc: Pick<ReportDocument, 'year' | 'region'>, lang: Lang): string {
  return lang === 'zh'
    ? `${doc.region.label.zh}${doc.year} 年度技术转移转化报告`
    : `Technology transfer annual report ${doc.year} — ${doc.region.label.en}`;
}
