import { z } from 'zod';

// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
// alphabet (no I, O, Z, S, V), the last one a check character over the first 17. Pure.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character of the first 17 characters of a code (undefined when one is outside the alphabet). */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why `code` is not a valid unified social credit code, or null when it is. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  if (!SHAPE.test(code)) return 'must be digits and capital letters other than I, O, Z, S and V, with a 6-digit region code in positions 3–8';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'has a wrong check character (GB 32100)';
  return null;
}

/** Whether `code` is a valid unified social credit code. */
export const isCreditCode = (code: string) => creditCodeProblem(code) === null;

/** A valid code for a made-up organisation (tests, load benchmarks): 91 + the region + 9 random characters. */
export function randomCreditCode(region = '310000'): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return withCreditCheck(`91${region}${body}`);
}

/** A valid code from its first 17 characters (seed data, tests). */
export function withCreditCheck(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (first17.length !== 17 || !check) throw new RangeError(`not the start of a credit code: ${first17}`);
  return first17 + check;
}

/** A unified social credit code (统一社会信用代码), upper-cased, with its GB 32100 check character. */
export const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
