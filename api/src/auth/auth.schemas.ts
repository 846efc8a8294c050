import { z } from 'zod';
import { REGION_CODES } from '@techbridge/search/taxonomy';
import { bilingual, email, locale, text } from '../common/schemas';
import { creditCode } from '../orgs/credit-code';

export const ORG_KINDS = ['university', 'institute', 'enterprise', 'agency'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const orgKind = z.enum(ORG_KINDS);

export const password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

/** A contact telephone: digits with the usual separators, 6 to 20 characters. */
export const contactPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,18}[0-9]$/, 'must be a telephone number (digits, spaces, - and parentheses)');

/** A new organisation at sign-up: what the platform admin verifies (统一社会信用代码, a contact telephone). */
export const NewOrgInput = z.strictObject({
  kind: orgKind,
  name: bilingual(200),
  region: z.enum(REGION_CODES),
  creditCode,
  contactPhone: contactPhone.optional(),
});

export const RegisterInput = z
  .strictObject({
    email,
    password,
    name: text(100).min(1, 'is required'),
    locale: locale.default('zh'),
    org: NewOrgInput.optional(),
    invitationToken: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a valid invitation token').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.org && !v.invitationToken)
      ctx.addIssue({ code: 'custom', path: ['org'], message: 'give either a new organisation or an invitation token' });
    if (v.org && v.invitationToken)
      ctx.addIssue({ code: 'custom', path: ['invitationToken'], message: 'give an organisation or an invitation, not both' });
  });
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.strictObject({
  email,
  password: z.string().min(1, 'is required').max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** The token from a verification link (base64url of 32 bytes). */
export const VerifyEmailInput = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a valid verification token'),
});
export type VerifyEmailInput = z.infer<typeof VerifyEmailInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: password,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const UpdateMeInput = z.strictObject({
  name: text(100).min(1).optional(),
  locale: locale.optional(),
});
