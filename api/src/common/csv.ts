// CSV the way spreadsheets in China open it: UTF-8 with a BOM (so Excel reads Chinese right), CRLF
// line ends, and every cell safe against formula injection. Used by every CSV the API serves.

/**
 * One cell: a value a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe; quotes, commas and line breaks are quoted. null/undefined → empty.
 */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows (the header first) as CSV text: BOM, cells through `csvCell`, CRLF after every row. */
export function csvText(rows: Iterable<readonly unknown[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
