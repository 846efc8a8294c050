// Chinese patent numbers as people type them: ZL201710601862.3 (a granted patent), CN201710601862.3,
// 201710601862.3, 2017106018623 (no dot), CN109326785A (a publication number), with or without
// spaces. The index holds every spelling of each listing's numbers as words; a query that is a
// patent number is compacted to one word first. Pure.

const SHAPE = /^(ZL|CN)?(\d{8,13})(?:\.?([\dX]))?([A-Z]\d?)?$/;

/** The searchable spellings of one patent number (lower case), or [] when it is not one. */
export function patentNumberSpellings(raw: string): string[] {
  const compact = raw.toUpperCase().replace(/[\s\u3000]/g, '');
  const m = SHAPE.exec(compact);
  if (!m) return compact ? [compact.toLowerCase()] : [];
  const [, , digits, check, kind] = m;
  const dotted = check ? `${digits}.${check}` : digits!;
  const plain = `${digits}${check ?? ''}`;
  // the application number alone too (201710601862: what is typed without its check digit)
  const bodies = [...new Set([dotted, plain, digits!, ...(kind ? [`${plain}${kind}`] : [])])];
  const out = new Set<string>();
  for (const b of bodies) for (const prefix of ['', 'ZL', 'CN']) out.add(`${prefix}${b}`.toLowerCase());
  return [...out];
}

/** Every spelling of a listing's patent numbers, as one text to index. */
export function patentNumberText(patents: unknown): string {
  if (!Array.isArray(patents)) return '';
  return [...new Set(patents.flatMap((p) => patentNumberSpellings(String((p as { number?: unknown })?.number ?? ''))))].join(' ');
}

/** A query that is a patent number written with spaces (ZL 2017 1 0601862.3) as one word; any other query as it is. */
export function compactPatentQuery(q: string): string {
  const compact = q.toUpperCase().replace(/[\s\u3000]/g, '');
  return SHAPE.test(compact) ? compact : q;
}
