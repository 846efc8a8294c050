/**
 * Batch import of achievements from CSV: decode, parse, map each row onto `AchievementInput` and
 * validate it with the same zod schema the REST endpoint uses. Pure (no database): the service
 * decides what to write once every row has been checked.
 *
 * Spreadsheet-friendly on purpose: UTF-8 (with or without BOM) or GB18030 (what Excel on Chinese
 * Windows saves), codes or zh/en labels for field, IP type, region and modes, money in yuan
 * (`50万` allowed), lists separated by `;` `；` `、` or `,`. Column names may be given in English
 * (`title_zh`) or Chinese (`中文标题`).
 */
import { parse } from 'csv-parse/sync';
import { DEAL_MODES, FIELDS, IP_TYPES, REGIONS } from '@techbridge/search/taxonomy';
import { AppError, badRequest } from '../errors';
import { parseYuan } from '../contract/money';
import { AchievementInput, LICENSE_EXCLUSIVITY, achievementCrossIssues } from './achievements.schemas';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 1000;

/** Every column: canonical name, Chinese alias, and a bilingual example for the template. */
export const IMPORT_COLUMNS = [
  { key: 'title_zh', zh: '中文标题', example: '锂电池正极材料低温烧结工艺' },
  { key: 'title_en', zh: '英文标题', example: 'Low-temperature sintering of lithium battery cathode material' },
  { key: 'summary_zh', zh: '中文摘要', example: '一种降低能耗 30% 的正极材料制备方法，已完成中试。' },
  { key: 'summary_en', zh: '英文摘要', example: 'A cathode preparation method that cuts energy use by 30%; pilot-scale proven.' },
  { key: 'details_zh', zh: '中文保密详情', example: '烧结温度 680℃，保温 6 小时。（签署保密协议后可见）' },
  { key: 'details_en', zh: '英文保密详情', example: 'Sinter at 680 °C for 6 h. (visible after the NDA)' },
  { key: 'field', zh: '技术领域', example: 'energy-storage' },
  { key: 'keywords', zh: '关键词', example: '锂电池;正极材料;cathode' },
  { key: 'trl', zh: '技术成熟度', example: '6' },
  { key: 'ip_type', zh: '知识产权类型', example: 'invention-patent' },
  { key: 'region', zh: '地区', example: '310000' },
  { key: 'patents', zh: '专利', example: 'ZL201710601862.3|granted|2037-07-20|一种正极材料的制备方法' },
  { key: 'modes', zh: '交易方式', example: 'license;transfer' },
  { key: 'license_fee_yuan', zh: '许可入门费(元)', example: '50万' },
  { key: 'license_min_royalty_pct', zh: '最低提成比例(%)', example: '3' },
  { key: 'license_exclusivity', zh: '许可类型', example: 'exclusive;non-exclusive' },
  { key: 'transfer_price_yuan', zh: '转让价格(元)', example: '2000000' },
  { key: 'equity_valuation_yuan', zh: '作价金额(元)', example: '' },
  { key: 'equity_max_share_pct', zh: '最高股权比例(%)', example: '' },
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];
const REQUIRED: ImportColumn[] = ['field', 'trl', 'ip_type', 'region'];

/** The CSV template: a UTF-8 BOM (so Excel reads Chinese right), the header and one bilingual example. */
export function importTemplate(): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = IMPORT_COLUMNS.map((c) => c.key).join(',');
  const example = IMPORT_COLUMNS.map((c) => cell(c.example)).join(',');
  return `\uFEFF${header}\r\n${example}\r\n`;
}

export interface RowError {
  field: string;
  message: string;
}
export type ParsedRow = { row: number; ok: true; input: AchievementInput } | { row: number; ok: false; errors: RowError[] };

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeCsv(buf: Buffer): string {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04)
    throw new AppError(415, 'unsupported_format', 'This looks like an XLSX workbook; save it as "CSV UTF-8" and upload that', { field: 'file' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('gb18030').decode(buf);
  }
  return text.replace(/^\uFEFF/, '');
}

const byLabel = <T extends { code: string; zh: string; en: string }>(list: readonly T[]) => {
  const m = new Map<string, string>();
  for (const x of list) for (const k of [x.code, x.zh, x.en]) m.set(k.toLowerCase(), x.code);
  return m;
};
const FIELD_BY = byLabel(FIELDS);
const IP_BY = byLabel(IP_TYPES);
const REGION_BY = byLabel(REGIONS);
for (const r of REGIONS) REGION_BY.set(r.zh.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, ''), r.code);
const MODE_BY = byLabel(DEAL_MODES);
MODE_BY.set('入股', 'equity');
const EXCLUSIVITY_BY = new Map<string, string>([
  ...LICENSE_EXCLUSIVITY.map((e) => [e, e] as [string, string]),
  ['独占', 'exclusive'],
  ['独占许可', 'exclusive'],
  ['排他', 'sole'],
  ['排他许可', 'sole'],
  ['普通', 'non-exclusive'],
  ['普通许可', 'non-exclusive'],
]);

const splitList = (s: string) => s.split(/[;；、,，\n]/).map((x) => x.trim()).filter(Boolean);

interface Mapped {
  input: Record<string, unknown>;
  errors: RowError[];
}

/** One CSV record (column → cell) onto the REST input shape; cell-level problems are reported by column. */
function mapRow(cells: Partial<Record<ImportColumn, string>>): Mapped {
  const errors: RowError[] = [];
  const get = (k: ImportColumn) => (cells[k] ?? '').trim();
  const code = (k: ImportColumn, table: Map<string, string>, what: string) => {
    const v = get(k);
    if (!v) return undefined;
    const c = table.get(v.toLowerCase());
    if (!c) errors.push({ field: k, message: `"${v.slice(0, 50)}" is not a known ${what}` });
    return c ?? null;
  };
  const input: Record<string, unknown> = {
    title: { zh: get('title_zh'), en: get('title_en') },
    summary: { zh: get('summary_zh'), en: get('summary_en') },
    details: { zh: get('details_zh'), en: get('details_en') },
    keywords: splitList(get('keywords')),
  };
  const field = code('field', FIELD_BY, 'field (see the taxonomy)');
  if (field !== null) input.field = field;
  const ipType = code('ip_type', IP_BY, 'IP type');
  if (ipType !== null) input.ipType = ipType;
  const region = code('region', REGION_BY, 'region');
  if (region !== null) input.region = region;
  const trl = get('trl');
  if (trl) {
    if (/^\d+$/.test(trl)) input.trl = Number(trl);
    else errors.push({ field: 'trl', message: 'must be a whole number 1–9' });
  }

  const patents = get('patents');
  if (patents) {
    input.patents = patents
      .split(/[;；\n]/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((entry) => {
        const [number = '', status = '', expiry = '', ...title] = entry.split('|').map((x) => x.trim());
        const st = status || (/^ZL/i.test(number) ? 'granted' : 'pending');
        const statusCode = ({ 已授权: 'granted', 授权: 'granted', 申请中: 'pending', 审查中: 'pending', 已失效: 'expired', 失效: 'expired' } as Record<string, string>)[st] ?? st;
        return { number, status: statusCode, expiry: expiry || null, title: title.join('|') };
      });
  }

  const modes = new Set<string>();
  for (const m of splitList(get('modes'))) {
    const c = MODE_BY.get(m.toLowerCase());
    if (c) modes.add(c);
    else errors.push({ field: 'modes', message: `"${m.slice(0, 50)}" is not license, transfer or equity` });
  }
  const money = (k: ImportColumn) => {
    const v = get(k);
    if (!v) return undefined;
    const fen = parseYuan(v);
    if (fen === undefined) errors.push({ field: k, message: 'must be an amount in yuan, e.g. 500000, 500000.50 or 50万' });
    return fen ?? null;
  };
  const pct = (k: ImportColumn) => {
    const v = get(k).replace(/%$/, '');
    if (!v) return undefined;
    if (!/^\d+(\.\d+)?$/.test(v)) {
      errors.push({ field: k, message: 'must be a percentage, e.g. 3 or 2.5' });
      return null;
    }
    return Number(v);
  };
  const licenseFee = money('license_fee_yuan');
  const royalty = pct('license_min_royalty_pct');
  const exclusivityRaw = splitList(get('license_exclusivity'));
  const exclusivity = exclusivityRaw.map((e) => EXCLUSIVITY_BY.get(e.toLowerCase()) ?? e);
  const transferPrice = money('transfer_price_yuan');
  const valuation = money('equity_valuation_yuan');
  const share = pct('equity_max_share_pct');
  // A filled term column implies its mode.
  if (licenseFee !== undefined || royalty !== undefined || exclusivity.length) modes.add('license');
  if (transferPrice !== undefined) modes.add('transfer');
  if (valuation !== undefined || share !== undefined) modes.add('equity');
  input.modes = [...modes].map((mode) => {
    if (mode === 'license')
      return {
        mode,
        askingPrice: licenseFee ?? null,
        minRoyaltyRate: royalty ?? null,
        ...(exclusivity.length ? { exclusivity } : {}),
      };
    if (mode === 'transfer') return { mode, askingPrice: transferPrice ?? null };
    return { mode, equity: valuation !== undefined || share !== undefined ? { valuation: valuation ?? undefined, maxSharePct: share ?? undefined } : null };
  });
  return { input, errors };
}

/** Maps a zod issue path of `AchievementInput` back to the CSV column the user typed it in. */
function columnOf(path: PropertyKey[], input: Record<string, unknown>): { field: string; prefix: string } {
  const [head, i, sub, leaf] = path;
  if (head === 'title' || head === 'summary' || head === 'details') return { field: `${String(head)}_${i === 'en' ? 'en' : 'zh'}`, prefix: '' };
  if (head === 'ipType') return { field: 'ip_type', prefix: '' };
  if (head === 'patents') return { field: 'patents', prefix: typeof i === 'number' ? `patent ${i + 1}${sub ? ` ${String(sub)}` : ''}: ` : '' };
  if (head === 'modes' && typeof i === 'number') {
    const mode = ((input.modes as { mode: string }[])[i] ?? { mode: '' }).mode;
    if (sub === 'askingPrice') return { field: mode === 'transfer' ? 'transfer_price_yuan' : 'license_fee_yuan', prefix: '' };
    if (sub === 'minRoyaltyRate') return { field: 'license_min_royalty_pct', prefix: '' };
    if (sub === 'exclusivity') return { field: 'license_exclusivity', prefix: '' };
    if (sub === 'equity') return { field: leaf === 'maxSharePct' ? 'equity_max_share_pct' : 'equity_valuation_yuan', prefix: '' };
    return { field: 'modes', prefix: '' };
  }
  return { field: String(head ?? 'row'), prefix: '' };
}

/**
 * Parses and validates a whole upload. Throws a 4xx for a file that is not a usable CSV (unknown or
 * missing columns, too many rows, malformed quoting); otherwise returns one entry per data row.
 */
export function parseImport(buf: Buffer): ParsedRow[] {
  const text = decodeCsv(buf);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: false, bom: true }) as string[][];
  } catch (err) {
    throw badRequest('invalid_csv', `The file is not valid CSV: ${(err as Error).message}`, 'file');
  }
  const [header, ...rows] = records;
  if (!header) throw badRequest('invalid_csv', 'The file is empty; download the template from /api/achievements/import/template', 'file');
  const alias = new Map<string, ImportColumn>();
  for (const c of IMPORT_COLUMNS) {
    alias.set(c.key, c.key);
    alias.set(c.zh, c.key);
  }
  const columns = header.map((h, i) => {
    const name = h.trim().replace(/^\uFEFF/, '');
    const col = alias.get(name) ?? alias.get(name.toLowerCase());
    if (!col && name) throw badRequest('invalid_csv', `Unknown column "${name.slice(0, 50)}" (column ${i + 1}); see the template`, 'file');
    return col;
  });
  const missing = REQUIRED.filter((k) => !columns.includes(k));
  if (!columns.includes('title_zh') && !columns.includes('title_en')) missing.unshift('title_zh');
  if (missing.length) throw badRequest('invalid_csv', `Missing column(s): ${missing.join(', ')}; see the template`, 'file');

  const filled = rows.filter((r) => r.some((c) => c.trim() !== '')).length;
  if (filled > IMPORT_MAX_ROWS)
    throw new AppError(413, 'too_many_rows', `At most ${IMPORT_MAX_ROWS} rows per file (this one has ${filled}); split it`, { field: 'file' });

  const out: ParsedRow[] = [];
  rows.forEach((cellsArr, idx) => {
    if (cellsArr.every((c) => c.trim() === '')) return;
    const rowNo = idx + 2; // spreadsheet numbering: the header is row 1
    if (cellsArr.length > columns.length && cellsArr.slice(columns.length).some((c) => c.trim())) {
      out.push({ row: rowNo, ok: false, errors: [{ field: 'row', message: `has ${cellsArr.length} cells but the header has ${columns.length}` }] });
      return;
    }
    const cells: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((col, i) => {
      if (col) cells[col] = cellsArr[i] ?? '';
    });
    const { input, errors } = mapRow(cells);
    const parsed = AchievementInput.safeParse(input);
    if (parsed.success && !errors.length) {
      out.push({ row: rowNo, ok: true, input: parsed.data });
      return;
    }
    const seen = new Set(errors.map((e) => e.field));
    // zod skips the cross-field rules while a field is invalid; run them too so one upload shows every problem.
    const cross = parsed.success ? [] : achievementCrossIssues(input as Parameters<typeof achievementCrossIssues>[0]).map((i) => ({ ...i, code: 'custom', input: 1 }));
    for (const issue of parsed.success ? [] : [...parsed.error.issues, ...cross]) {
      const { field, prefix } = columnOf(issue.path, input);
      if (seen.has(field) && !field.startsWith('patents')) continue; // the cell-level message says it already
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      const pair = issue.path.length === 1 && (field === 'title_zh' || field === 'summary_zh');
      errors.push({ field, message: pair ? `give a Chinese or English text (${field} or ${field.replace('_zh', '_en')})` : `${prefix}${message}` });
      seen.add(field);
    }
    out.push({ row: rowNo, ok: false, errors });
  });
  if (!out.length) throw badRequest('invalid_csv', 'The file has a header but no rows', 'file');
  return out;
}
