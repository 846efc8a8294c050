import { z } from 'zod';

/** A MongoDB ObjectId as 24 hex characters. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');

export const idParams = z.strictObject({ id: objectId });

// Characters that show nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen,
// Mongolian vowel separator. Stripped, so text made only of them is empty.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/g;
// C0 and C1 control characters except tab, newline and carriage return (matching them is the point).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Plain text: invisible characters stripped, trimmed (Unicode whitespace too), bounded; control
 * characters other than newline and tab refused with a field error. A `.min(1)` after it (or
 * `bilingual`) therefore refuses text that means nothing.
 */
export const text = (max: number) =>
  z
    .string()
    .overwrite((s) => s.replace(INVISIBLE, ''))
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** Bilingual text; either language may be empty, not both. */
export const bilingual = (max: number) =>
  z
    .strictObject({ zh: text(max).default(''), en: text(max).default('') })
    .refine((v) => v.zh.length > 0 || v.en.length > 0, 'needs Chinese or English text');

/** Bilingual text where both may be empty. */
export const bilingualOptional = (max: number) =>
  z.strictObject({ zh: text(max).default(''), en: text(max).default('') });

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email('must be a valid email address'));

export const locale = z.enum(['zh', 'en']);

/** Paging for lists. */
export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
