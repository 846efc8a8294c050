import { cjkDocument } from '../common/cjk-pdf';
import { formatValue, reportTitle, type Lang, type ReportChart, type ReportDocument, type ReportFigure, type ReportSection, type ReportTable } from './report.document';

// The annual report as a PDF (pdfkit, Noto Sans CJK embedded and subset): a cover, a table of
// contents with page numbers (written last, into a page kept for it), one section per page run with
// its key figures, charts drawn as vector graphics (bars, month columns, the funnel) and tables, and
// the page number on every page after the cover.

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#d0d3d6';
const PALETTE = ['#1677ff', '#13a8a8', '#52c41a', '#faad14', '#eb2f96', '#722ed1', '#fa541c', '#2f54eb'];
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

type Doc = PDFKit.PDFDocument;

/** The section's heading with its number (一、… in Chinese, 1. … in English). */
export function sectionHeading(section: Pick<ReportSection, 'title'>, index: number, lang: Lang): string {
  return lang === 'zh' ? `${CN_NUMERALS[index] ?? String(index + 1)}、${section.title.zh}` : `${index + 1}. ${section.title.en}`;
}

export interface RenderOptions {
  /** Told after each section is laid out (0–1); awaited, so a caller may store progress. */
  onProgress?: (done: number) => Promise<void> | void;
}

/** Renders the report; resolves to the PDF's bytes. */
export async function renderReportPdf(r: ReportDocument, lang: Lang, opts: RenderOptions = {}): Promise<Buffer> {
  const title = reportTitle(r, lang);
  const { doc, bytes } = cjkDocument({ size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: true, info: { Title: title, Author: 'TechBridge' } }, 'reports');
  const zh = lang === 'zh';
  const width = doc.page.width - MARGIN.left - MARGIN.right;

  cover(doc, r, title, lang);
  doc.addPage();
  const tocPage = doc.bufferedPageRange().count - 1;

  const starts: number[] = [];
  for (const [i, section] of r.sections.entries()) {
    doc.addPage();
    starts.push(doc.bufferedPageRange().count - 1);
    doc.fillColor(INK).fontSize(17).text(sectionHeading(section, i, lang), MARGIN.left, MARGIN.top, { width });
    rule(doc, width);
    if (section.intro) doc.moveDown(0.4).fontSize(10).fillColor(MUTED).text(section.intro[lang], { width, lineGap: 2 });
    doc.moveDown(0.6);
    if (section.figures.length) figures(doc, section.figures, lang, width);
    for (const [c, chart] of section.charts.entries()) drawChart(doc, chart, lang, width, c);
    for (const table of section.tables) drawTable(doc, table, lang, width);
    await opts.onProgress?.((i + 1) / r.sections.length);
    await new Promise((resolve) => setImmediate(resolve)); // other requests run between sections
  }

  // The table of contents, now that every section's first page is known.
  doc.switchToPage(tocPage);
  doc.fillColor(INK).fontSize(20).text(zh ? '目录' : 'Contents', MARGIN.left, MARGIN.top, { width });
  rule(doc, width);
  doc.moveDown(1);
  for (const [i, section] of r.sections.entries()) {
    const y = doc.y;
    const label = sectionHeading(section, i, lang);
    const page = String(starts[i]! + 1);
    doc.fontSize(12).fillColor(INK);
    const labelW = doc.widthOfString(label);
    const pageW = doc.widthOfString(page);
    doc.text(label, MARGIN.left, y, { lineBreak: false });
    doc.text(page, MARGIN.left + width - pageW, y, { lineBreak: false });
    // the dotted leader between the title and its page number
    doc
      .moveTo(MARGIN.left + labelW + 6, y + 10)
      .lineTo(MARGIN.left + width - pageW - 6, y + 10)
      .dash(1, { space: 3 })
      .strokeColor(MUTED)
      .lineWidth(0.6)
      .stroke()
      .undash();
    doc.y = y + 24;
  }

  // Page numbers on every page after the cover.
  const range = doc.bufferedPageRange();
  for (let p = 1; p < range.count; p++) {
    doc.switchToPage(range.start + p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const footer = zh ? `${title}    第 ${p + 1} 页 / 共 ${range.count} 页` : `${title}    Page ${p + 1} of ${range.count}`;
    doc.fontSize(8).fillColor(MUTED).text(footer, MARGIN.left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return bytes;
}

function cover(doc: Doc, r: ReportDocument, title: string, lang: Lang): void {
  const zh = lang === 'zh';
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc.rect(0, 0, doc.page.width, 260).fill('#0b3a8c');
  doc.fillColor('#ffffff').fontSize(12).text(zh ? 'TechBridge 技术交易市场' : 'TechBridge technology market', MARGIN.left, 70, { width });
  doc.fontSize(26).text(title, MARGIN.left, 120, { width, lineGap: 4 });
  doc.fillColor(INK).fontSize(13).text(zh ? '国家技术转移示范区评价指标' : 'Indicators of a national technology-transfer demonstration zone', MARGIN.left, 300, { width });
  doc.moveDown(1.2).fontSize(11).fillColor(MUTED);
  doc.text(`${zh ? '报告年度' : 'Year'}${zh ? '：' : ': '}${r.year}`);
  doc.text(`${zh ? '地区' : 'Region'}${zh ? '：' : ': '}${r.region.label[lang]}`);
  doc.text(`${zh ? '生成时间' : 'Generated'}${zh ? '：' : ': '}${r.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  doc.moveDown(1).fontSize(9).text(
    zh
      ? '本报告的全部数字由平台记录的发布、匹配、洽谈、技术合同和付款数据计算；金额以人民币计，技术合同成交额取自双方签署的合同。'
      : 'Every figure is computed from the listings, matches, deals, technology contracts and payments the platform recorded; amounts in CNY, turnover from contracts both parties signed.',
    { width, lineGap: 2 },
  );
}

function rule(doc: Doc, width: number): void {
  const y = doc.y + 4;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + width, y).strokeColor(RULE).lineWidth(0.8).stroke();
  doc.y = y + 6;
}

/** Starts a new page unless `height` points fit below the cursor. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN.bottom) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

/** Shortens `text` with an ellipsis until it fits `max` points at the current font size. */
function fit(doc: Doc, text: string, max: number): string {
  if (doc.widthOfString(text) <= max) return text;
  let t = text;
  while (t.length > 1 && doc.widthOfString(`${t}…`) > max) t = t.slice(0, -1);
  return `${t}…`;
}

function figures(doc: Doc, list: readonly ReportFigure[], lang: Lang, width: number): void {
  const perRow = 3;
  const gap = 10;
  const boxW = (width - gap * (perRow - 1)) / perRow;
  const boxH = 52;
  for (let i = 0; i < list.length; i += perRow) {
    ensureSpace(doc, boxH + gap);
    const y = doc.y;
    for (const [j, f] of list.slice(i, i + perRow).entries()) {
      const x = MARGIN.left + j * (boxW + gap);
      doc.roundedRect(x, y, boxW, boxH, 4).fillAndStroke('#f5f7fa', RULE);
      doc.fillColor(MUTED).fontSize(8.5).text(fit(doc, f.label[lang], boxW - 16), x + 8, y + 8, { lineBreak: false });
      doc.fillColor(INK).fontSize(15).text(fit(doc, formatValue(f.value, f.kind, lang), boxW - 16), x + 8, y + 24, { lineBreak: false });
    }
    doc.x = MARGIN.left;
    doc.y = y + boxH + gap;
  }
  doc.moveDown(0.4);
}

function chartTitle(doc: Doc, chart: ReportChart, lang: Lang, width: number): void {
  doc.fillColor(INK).fontSize(11.5).text(chart.title[lang], MARGIN.left, doc.y, { width });
  doc.moveDown(0.3);
}

function noData(doc: Doc, lang: Lang): void {
  doc.fillColor(MUTED).fontSize(9).text(lang === 'zh' ? '本期无数据' : 'No data for the period', MARGIN.left, doc.y);
  doc.moveDown(0.8);
}

function drawChart(doc: Doc, chart: ReportChart, lang: Lang, width: number, index: number): void {
  const color = PALETTE[index % PALETTE.length]!;
  if (chart.kind === 'columns') return columns(doc, chart, lang, width, color);
  if (chart.kind === 'funnel') return funnel(doc, chart, lang, width);
  bars(doc, chart, lang, width, color);
}

/** Horizontal bars: the label, the bar scaled to the largest value, the value. */
function bars(doc: Doc, chart: ReportChart, lang: Lang, width: number, color: string): void {
  const rowH = 15;
  const labelW = 130;
  const valueW = 80;
  const barW = width - labelW - valueW - 8;
  const shown = chart.bars.slice(0, 20);
  ensureSpace(doc, 24 + Math.max(1, shown.length) * rowH + 12);
  chartTitle(doc, chart, lang, width);
  if (!shown.length) return noData(doc, lang);
  const max = Math.max(...shown.map((b) => b.value), 0);
  let y = doc.y;
  doc.moveTo(MARGIN.left + labelW, y - 2).lineTo(MARGIN.left + labelW, y + shown.length * rowH).strokeColor(RULE).lineWidth(0.6).stroke();
  for (const b of shown) {
    const len = max > 0 ? (b.value / max) * barW : 0;
    doc.fillColor(INK).fontSize(8.5).text(fit(doc, b.label[lang], labelW - 8), MARGIN.left, y + 3, { lineBreak: false });
    if (len > 0) doc.rect(MARGIN.left + labelW, y + 2, Math.max(len, 1), rowH - 5).fill(color);
    doc.fillColor(MUTED).fontSize(8).text(formatValue(b.value, chart.valueKind, lang), MARGIN.left + labelW + len + 4, y + 3.5, { lineBreak: false });
    y += rowH;
  }
  doc.x = MARGIN.left;
  doc.y = y + 12;
}

/** Vertical columns (the months), with the values above and the labels below. */
function columns(doc: Doc, chart: ReportChart, lang: Lang, width: number, color: string): void {
  const plotH = 120;
  ensureSpace(doc, 24 + plotH + 40);
  chartTitle(doc, chart, lang, width);
  if (!chart.bars.length) return noData(doc, lang);
  const top = doc.y + 12;
  const base = top + plotH;
  const n = chart.bars.length;
  const slot = width / n;
  const colW = Math.min(28, slot * 0.62);
  const max = Math.max(...chart.bars.map((b) => b.value), 0);
  doc.moveTo(MARGIN.left, base).lineTo(MARGIN.left + width, base).strokeColor(RULE).lineWidth(0.8).stroke();
  for (const [i, b] of chart.bars.entries()) {
    const h = max > 0 ? (b.value / max) * plotH : 0;
    const x = MARGIN.left + i * slot + (slot - colW) / 2;
    if (h > 0) doc.rect(x, base - h, colW, Math.max(h, 1)).fill(color);
    doc.fontSize(7).fillColor(MUTED).text(formatValue(b.value, chart.valueKind, lang), MARGIN.left + i * slot, base - h - 10, { width: slot, align: 'center', lineBreak: false });
    doc.fontSize(7.5).fillColor(INK).text(fit(doc, b.label[lang], slot - 2), MARGIN.left + i * slot, base + 4, { width: slot, align: 'center', lineBreak: false });
  }
  doc.x = MARGIN.left;
  doc.y = base + 24;
}

/** The funnel: each step a centred bar scaled to the largest step (a listing has many matches), with its conversion from the step before. */
function funnel(doc: Doc, chart: ReportChart, lang: Lang, width: number): void {
  const rowH = 24;
  ensureSpace(doc, 24 + chart.bars.length * rowH + 12);
  chartTitle(doc, chart, lang, width);
  if (!chart.bars.length) return noData(doc, lang);
  const labelW = 110;
  const rateW = 90;
  const plotW = width - labelW - rateW;
  const max = Math.max(...chart.bars.map((b) => b.value), 0);
  let y = doc.y;
  for (const [i, b] of chart.bars.entries()) {
    const w = max > 0 ? Math.max((b.value / max) * plotW, 2) : 2;
    const x = MARGIN.left + labelW + (plotW - w) / 2;
    doc.rect(x, y, w, rowH - 6).fill(PALETTE[i % PALETTE.length]!);
    doc.fillColor(INK).fontSize(9).text(fit(doc, b.label[lang], labelW - 8), MARGIN.left, y + 4, { lineBreak: false });
    const value = formatValue(b.value, chart.valueKind, lang);
    doc.fontSize(8.5).fillColor(INK).text(value, MARGIN.left + labelW, y + 4.5, { width: plotW, align: 'center', lineBreak: false });
    const prev = i > 0 ? chart.bars[i - 1]!.value : null;
    if (prev !== null) {
      const rate = prev > 0 ? formatValue(b.value / prev, 'share', lang) : '—';
      doc.fillColor(MUTED).fontSize(8).text(`${lang === 'zh' ? '转化率' : 'conv.'} ${rate}`, MARGIN.left + labelW + plotW + 6, y + 5, { lineBreak: false });
    }
    y += rowH;
  }
  doc.x = MARGIN.left;
  doc.y = y + 10;
}

function drawTable(doc: Doc, table: ReportTable, lang: Lang, width: number): void {
  const rowH = 16;
  const firstW = table.columns.length > 4 ? 96 : Math.min(170, width * 0.36);
  const colW = (width - firstW) / Math.max(1, table.columns.length);
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN.left, y, width, rowH).fill('#eef1f5');
    doc.fillColor(INK).fontSize(8.5).text(fit(doc, table.dimension[lang], firstW - 8), MARGIN.left + 4, y + 4, { lineBreak: false });
    for (const [i, c] of table.columns.entries()) {
      doc.text(fit(doc, c.label[lang], colW - 8), MARGIN.left + firstW + i * colW, y + 4, { width: colW - 4, align: 'right', lineBreak: false });
    }
    doc.y = y + rowH;
  };
  ensureSpace(doc, 22 + rowH * Math.min(4, table.rows.length + 1));
  doc.fillColor(INK).fontSize(11).text(table.title[lang], MARGIN.left, doc.y, { width });
  doc.moveDown(0.3);
  header();
  if (!table.rows.length) {
    doc.fillColor(MUTED).fontSize(8.5).text(lang === 'zh' ? '本期无数据' : 'No data for the period', MARGIN.left + 4, doc.y + 4, { lineBreak: false });
    doc.y += rowH;
  }
  for (const [n, row] of table.rows.entries()) {
    if (doc.y + rowH > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      doc.y = MARGIN.top;
      header();
    }
    const y = doc.y;
    if (n % 2 === 1) doc.rect(MARGIN.left, y, width, rowH).fill('#fafbfc');
    doc.fillColor(INK).fontSize(8.5).text(fit(doc, row.label[lang], firstW - 8), MARGIN.left + 4, y + 4, { lineBreak: false });
    for (const [i, c] of table.columns.entries()) {
      doc.text(formatValue(row.values[i] ?? null, c.kind, lang), MARGIN.left + firstW + i * colW, y + 4, { width: colW - 4, align: 'right', lineBreak: false });
    }
    doc.y = y + rowH;
  }
  doc.moveTo(MARGIN.left, doc.y).lineTo(MARGIN.left + width, doc.y).strokeColor(RULE).lineWidth(0.6).stroke();
  doc.x = MARGIN.left;
  doc.moveDown(1);
}
