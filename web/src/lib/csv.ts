// CSV the browser writes itself (a chart's figures): UTF-8 with a BOM so spreadsheet tools read the
// Chinese, CRLF line ends, and text cells that a spreadsheet would run as a formula defused.

export type CsvValue = string | number | null | undefined;

/** One cell: numbers as they are; text starting with = + - @ tab or CR prefixed with ', then quoted if needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: BOM, header, rows, CRLF after each line. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A safe file name from a title (letters, digits, CJK, - and _ kept). */
export function csvFileName(...parts: string[]): string {
  const base = parts
    .filter(Boolean)
    .join('-')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'data'}.csv`;
}

/** Saves `text` as a file through a temporary link (no server round trip). */
export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
