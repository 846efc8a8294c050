import { z } from 'zod';
import { text } from '../common/schemas';

// Inputs of the contracts domain, shared with web/.

/** The particulars the parties may still change before signing (a change is a new revision). */
export const ParticularsInput = z.strictObject({
  dispute: z.strictObject({
    method: z.enum(['arbitration', 'court'], { error: 'must be "arbitration" or "court"' }),
    /** The arbitration commission's name, or the court. */
    venue: text(200).min(2, 'is required (an arbitration commission or a court)'),
  }),
  confidentialityYears: z
    .number({ error: 'must be a number of years' })
    .int('must be a whole number of years')
    .min(1, 'must be at least 1')
    .max(30, 'must be at most 30'),
});
export type ParticularsInput = z.infer<typeof ParticularsInput>;

/** A signature on the contract revision whose hash the signer was shown. */
export const SignInput = z.strictObject({
  hash: z.string({ error: 'is required' }).regex(/^[0-9a-f]{64}$/, 'must be the contract’s sha-256 (64 lowercase hex characters)'),
});
export type SignInput = z.infer<typeof SignInput>;

export const PdfQuery = z.strictObject({ lang: z.enum(['zh', 'en']).default('zh') });

const format = z.enum(['csv', 'json']).default('json');

export const RegistrationQuery = z.strictObject({ format });

/** The platform's registration export: contracts signed from `from` to `to` (inclusive dates, China time). */
export const RegistrationsQuery = z
  .strictObject({
    format,
    from: z.iso.date('must be a date (YYYY-MM-DD)').optional(),
    to: z.iso.date('must be a date (YYYY-MM-DD)').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });
export type RegistrationsQuery = z.infer<typeof RegistrationsQuery>;
