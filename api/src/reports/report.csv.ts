import { csvCell } from '../common/csv';
import type { ReportDocument } from './report.document';

// The annual report as CSV: UTF-8 with a BOM (spreadsheet tools then read the Chinese), one row per
// figure — a section's key figures and every table cell — with the raw value (money in fen, shares
// 0–1) so it can be recounted; every cell defused against formula injection (`csvCell`).

const HEADER = ['年度 year', '地区 region', '章节 section', '表 table', '项目键 item_key', '项目 item', 'item', '指标键 metric_key', '指标 metric', 'metric', '单位 unit', '数值 value'];

const UNITS = { count: 'count', fen: 'fen', share: 'share', days: 'days' } as const;

/** The report's figures as CSV text (BOM included). */
export function reportCsv(r: ReportDocument): string {
  const region = r.region.city ?? r.region.province ?? 'all';
  const lines = [HEADER.map(csvCell).join(',')];
  const push = (cells: unknown[]) => lines.push(cells.map(csvCell).join(','));
  for (const s of r.sections) {
    for (const f of s.figures) push([r.year, region, s.key, 'figures', f.key, f.label.zh, f.label.en, f.key, f.label.zh, f.label.en, UNITS[f.kind], f.value ?? '']);
    for (const t of s.tables) {
      for (const row of t.rows) {
        for (const [i, c] of t.columns.entries()) {
          const v = row.values[i];
          push([r.year, region, s.key, t.key, row.key, row.label.zh, row.label.en, c.key, c.label.zh, c.label.en, UNITS[c.kind], v ?? '']);
        }
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
