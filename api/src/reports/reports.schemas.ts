import { z } from 'zod';
import { REGION_CODES } from '@techbridge/search/taxonomy';
import { text } from '../common/schemas';

// Inputs of the reports domain, shared with web/.

/** The first year the platform can report on. */
export const FIRST_REPORT_YEAR = 2020;

/** The current year in China (UTC+8), which a report may cover at most. */
export const chinaYear = (at = new Date()) => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

const year = z
  .number({ error: 'must be a year (a whole number)' })
  .int('must be a year (a whole number)')
  .min(FIRST_REPORT_YEAR, `must be ${FIRST_REPORT_YEAR} or later`)
  .refine((y) => y <= chinaYear(), { message: 'must not be in the future' });

/** POST /api/reports/annual: the year and, optionally, a province (GB/T 2260 code) and a city in it. */
export const AnnualReportInput = z
  .strictObject({
    year,
    province: z.enum(REGION_CODES, { error: 'must be a province code (GB/T 2260)' }).optional(),
    /** A city in the province, by its Chinese or English name (as the indicators know cities). */
    city: text(40).min(1, 'must not be empty').optional(),
  })
  .refine((q) => !q.city || !!q.province, { message: 'needs a province', path: ['city'] });
export type AnnualReportInput = z.infer<typeof AnnualReportInput>;

/** GET /api/reports/:id/report.pdf?lang=zh|en */
export const ReportPdfQuery = z.strictObject({ lang: z.enum(['zh', 'en'], { error: 'must be "zh" or "en"' }).default('zh') });
