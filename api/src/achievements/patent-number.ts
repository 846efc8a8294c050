/**
 * Chinese patent numbers (CNIPA format since 2003-10-01): `YYYY T NNNNNNN . C` — filing year, a
 * type digit, a 7-digit serial and a check character. Applications are written bare or with `CN`,
 * granted patents with `ZL`. Pure (no imports) so web/ can bundle it with the schemas.
 *
 * The check character: the 12 digits times 2,3,4,5,6,7,8,9,2,3,4,5, summed, mod 11; 10 is `X`
 * (CNIPA's published rule; e.g. 201710601862 → 3).
 */

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;
const PATTERN = /^(CN|ZL)?(\d{4})(\d)(\d{7})\.([\dX])$/;

/** What the type digit says the number protects (8 and 9 are PCT applications entering China). */
export const PATENT_TYPE_BY_DIGIT: Record<string, 'invention-patent' | 'utility-model' | 'design-patent'> = {
  '1': 'invention-patent',
  '2': 'utility-model',
  '3': 'design-patent',
  '8': 'invention-patent',
  '9': 'utility-model',
};

export interface ParsedPatentNumber {
  prefix: '' | 'CN' | 'ZL';
  year: number;
  typeDigit: string;
  ipType: 'invention-patent' | 'utility-model' | 'design-patent';
  serial: string;
  check: string;
  /** The canonical form: prefix + 12 digits + '.' + check. */
  normalized: string;
}

/** The check character of a 12-digit application number body. */
export function patentCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body[i]) * (WEIGHTS[i] as number);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Trims, upper-cases and drops spaces; accepts a full-width dot. */
export function normalizePatentNumber(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '').replace(/．/g, '.');
}

export type PatentNumberResult = { ok: true; value: ParsedPatentNumber } | { ok: false; message: string };

/** Parses and verifies a patent number; the message says what is wrong. */
export function parsePatentNumber(raw: string): PatentNumberResult {
  const number = normalizePatentNumber(raw);
  const m = PATTERN.exec(number);
  if (!m) return { ok: false, message: 'must look like CN202310123456.6, 202310123456.6 or ZL202310123456.6' };
  const [, prefix = '', year = '', typeDigit = '', serial = '', check = ''] = m;
  const y = Number(year);
  if (y < 1985 || y > new Date().getUTCFullYear() + 1) return { ok: false, message: `filing year ${year} is not plausible` };
  const ipType = PATENT_TYPE_BY_DIGIT[typeDigit];
  if (!ipType) return { ok: false, message: `type digit ${typeDigit} is not 1 (invention), 2 (utility model) or 3 (design)` };
  const expected = patentCheckChar(`${year}${typeDigit}${serial}`);
  if (expected !== check) return { ok: false, message: `check digit is ${check} but the number gives ${expected}` };
  return {
    ok: true,
    value: {
      prefix: prefix as ParsedPatentNumber['prefix'],
      year: y,
      typeDigit,
      ipType,
      serial,
      check,
      normalized: `${prefix}${year}${typeDigit}${serial}.${check}`,
    },
  };
}
