import { z } from 'zod';

/** A MongoDB ObjectId as 24 hex characters. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');

export const idParams = z.strictObject({ id: objectId });

/** Plain text: trimmed, no NUL, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

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
