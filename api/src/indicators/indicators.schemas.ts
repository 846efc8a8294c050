import { z } from 'zod';
import { REGION_CODES } from '@techbridge/search/taxonomy';
import { objectId, text } from '../common/schemas';

// Inputs of the indicators domain, shared with web/.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH, 'must be a month (YYYY-MM)');
const year = z.coerce
  .number({ error: 'must be a year' })
  .int('must be a whole year')
  .min(2000, 'must be 2000 or later')
  .max(2100, 'must be 2100 or earlier');

/**
 * The period and region of an indicators query: a calendar `year`, or `from`/`to` months
 * (inclusive, China time; either alone is one month), never both; a province (GB/T 2260 code)
 * and, within it, a city (its Chinese or English name).
 */
export const IndicatorsQuery = z
  .strictObject({
    year: year.optional(),
    from: month.optional(),
    to: month.optional(),
    province: z.enum(REGION_CODES, { error: 'must be a province code (GB/T 2260, e.g. 320000)' }).optional(),
    city: text(40).min(1, 'must not be empty').optional(),
  })
  .refine((q) => q.year === undefined || (q.from === undefined && q.to === undefined), { message: 'give a year or from/to, not both', path: ['year'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => !q.city || !!q.province, { message: 'needs a province', path: ['city'] });
export type IndicatorsQuery = z.infer<typeof IndicatorsQuery>;

const DATE = z.iso.date('must be a date (YYYY-MM-DD)');

/** An agency's commission statement: payments received from `from` to `to` (inclusive dates, China time). */
export const StatementQuery = z
  .strictObject({ from: DATE.optional(), to: DATE.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });
export type StatementQuery = z.infer<typeof StatementQuery>;

export const OrgIdParams = z.strictObject({ orgId: objectId });
