import { z } from 'zod';
import { ORG_KINDS } from '../auth/auth.schemas';
import { email } from '../common/schemas';

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
