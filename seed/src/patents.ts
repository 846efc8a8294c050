/**
 * Chinese patent application numbers (CNIPA format since 2003-10-01):
 * `YYYY T NNNNNNN . C` — filing year, type digit (1 invention, 2 utility model, 3 design,
 * 8 PCT invention, 9 PCT utility model), a 7-digit serial and a check character. A granted
 * patent keeps its application number with the prefix `ZL`; applications are often written
 * with `CN` or bare.
 *
 * The check character: multiply the 12 digits by 2,3,4,5,6,7,8,9,2,3,4,5, sum, mod 11; 10 is `X`.
 * (Worked example: 201710601862 → 3.)
 */
import type { IpType } from '../../search/src/taxonomy';
import type { DemoPatent, PatentStatus } from './types';

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

export type PatentKind = 'invention' | 'utility-model' | 'design';

export const TYPE_DIGIT: Record<PatentKind, string> = { invention: '1', 'utility-model': '2', design: '3' };

/** The patent kind an IP type is protected by, or undefined for non-patent IP. */
export function patentKindOf(ipType: IpType): PatentKind | undefined {
  if (ipType === 'invention-patent') return 'invention';
  if (ipType === 'utility-model') return 'utility-model';
  if (ipType === 'design-patent') return 'design';
  return undefined;
}

/** The check character of a 12-digit application number body. */
export function checkDigit(body: string): string {
  if (!/^\d{12}$/.test(body)) throw new Error(`not a 12-digit application number body: ${body}`);
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body[i]) * (WEIGHTS[i] as number);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** A full application number (without prefix) for a year, kind and serial. */
export function applicationNumber(year: number, kind: PatentKind, serial: number): string {
  const body = `${year}${TYPE_DIGIT[kind]}${String(serial).padStart(7, '0')}`;
  return `${body}.${checkDigit(body)}`;
}

export interface ParsedPatentNumber {
  prefix: '' | 'CN' | 'ZL';
  year: number;
  typeDigit: string;
  serial: string;
  check: string;
}

const PATTERN = /^(CN|ZL)?(\d{4})(\d)(\d{7})\.([\dX])$/;

/** Parse and verify a number; undefined if malformed or the check character is wrong. */
export function parsePatentNumber(number: string): ParsedPatentNumber | undefined {
  const m = PATTERN.exec(number);
  if (!m) return undefined;
  const [, prefix = '', year = '', typeDigit = '', serial = '', check = ''] = m;
  if (checkDigit(`${year}${typeDigit}${serial}`) !== check) return undefined;
  return { prefix: prefix as ParsedPatentNumber['prefix'], year: Number(year), typeDigit, serial, check };
}

/** Term in years from the filing date (Patent Law 2021: design 15 years for filings from 2021-06-01). */
export function patentTermYears(kind: PatentKind, filingDate: string): number {
  if (kind === 'invention') return 20;
  if (kind === 'utility-model') return 10;
  return filingDate >= '2021-06-01' ? 15 : 10;
}

/** Why a patent record is inconsistent with the IP type it is listed under, or undefined if fine. */
export function patentProblem(p: DemoPatent, ipType: IpType, today: string): string | undefined {
  const parsed = parsePatentNumber(p.number);
  if (!parsed) return `malformed or bad check digit: ${p.number}`;
  const kind = patentKindOf(ipType);
  if (!kind) return `${ipType} is not protected by a patent`;
  if (parsed.typeDigit !== TYPE_DIGIT[kind]) return `type digit ${parsed.typeDigit} does not match ${ipType}`;
  const granted: PatentStatus[] = ['granted', 'expired'];
  if (granted.includes(p.status) !== (parsed.prefix === 'ZL')) return `prefix ${parsed.prefix || '(none)'} does not fit status ${p.status}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.expiry)) return `bad expiry ${p.expiry}`;
  const expiryYear = Number(p.expiry.slice(0, 4));
  const term = expiryYear - parsed.year;
  if (term !== 10 && term !== 15 && term !== 20) return `expiry ${p.expiry} is not a patent term after ${parsed.year}`;
  if (kind === 'invention' && term !== 20) return 'an invention patent runs 20 years';
  if (p.status === 'expired' ? p.expiry >= today : p.expiry < today) return `status ${p.status} contradicts expiry ${p.expiry}`;
  return undefined;
}
