import { z } from 'zod';
import { REGION_CODES } from '@techbridge/search/taxonomy';
import { ORG_KINDS } from '../auth/auth.schemas';
import { bilingualOptional, email, text } from '../common/schemas';
import { creditCode } from './credit-code';
import { contactPhone } from '../auth/auth.schemas';

export const InvitationInput = z.strictObject({
  email: email.optional(),
  role: z.enum(['member', 'org-admin']).default('member'),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type InvitationInput = z.infer<typeof InvitationInput>;

/**
 * A platform admin's decision on an organisation: approve (`verified: true`) or reject / revoke
 * (`verified: false`), which needs a reason the organisation is told.
 */
export const VerifyInput = z
  .strictObject({ verified: z.boolean(), reason: text(500).optional() })
  .superRefine((v, ctx) => {
    if (!v.verified && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'give a reason when rejecting' });
  });
export type VerifyInput = z.infer<typeof VerifyInput>;

/** What an org admin submits for verification: the credit code and a contact (the licence is an attachment). */
export const VerificationInput = z.strictObject({
  creditCode,
  contact: z.strictObject({
    name: text(100).min(1, 'is required'),
    phone: contactPhone,
    email: email.optional(),
  }),
});
export type VerificationInput = z.infer<typeof VerificationInput>;

export const OrgListQuery = z.strictObject({
  verified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  kind: z.enum(ORG_KINDS).optional(),
  status: z.enum(['pending', 'rejected']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export { creditCode };

/** An org admin's edit of their organisation's profile (every field optional; `creditCode: null` clears it). */
export const OrgUpdateInput = z.strictObject({
  description: bilingualOptional(2000).optional(),
  creditCode: creditCode.nullable().optional(),
});
export type OrgUpdateInput = z.infer<typeof OrgUpdateInput>;

/** The public directory's query: a name, kind and region, verified only, paged. */
export const DirectoryQuery = z.strictObject({
  q: text(100).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  region: z.enum(REGION_CODES).optional(),
  verified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;
