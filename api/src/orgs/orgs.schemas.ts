import { z } from 'zod';
import { ORG_KINDS } from '../auth/auth.schemas';
import { bilingualOptional, email } from '../common/schemas';
import { creditCodeProblem } from './credit-code';

export const InvitationInput = z.strictObject({
  email: email.optional(),
  role: z.enum(['member', 'org-admin']).default('member'),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type InvitationInput = z.infer<typeof InvitationInput>;

export const VerifyInput = z.strictObject({ verified: z.boolean() });

export const OrgListQuery = z.strictObject({
  verified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  kind: z.enum(ORG_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

/** A unified social credit code (统一社会信用代码), upper-cased, with its GB 32100 check character. */
export const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An org admin's edit of their organisation's profile (every field optional; `creditCode: null` clears it). */
export const OrgUpdateInput = z.strictObject({
  description: bilingualOptional(2000).optional(),
  creditCode: creditCode.nullable().optional(),
});
export type OrgUpdateInput = z.infer<typeof OrgUpdateInput>;
