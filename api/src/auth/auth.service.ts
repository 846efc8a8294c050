import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { trusted } from '../db';
import { badRequest, conflict, gone, notFound, unauthorized } from '../errors';
import { Org } from '../orgs/org.model';
import { Invitation } from '../orgs/invitation.model';
import { hashPassword, verifyPassword } from './password';
import { assertNotLocked, clearFailures, recordFailure } from './login-throttle';
import { User } from './user.model';
import { PendingRegistration } from './pending-registration.model';
import { sendMail } from '../mail/mail.service';
import { passwordChanged, registrationAttempt, verifyEmail } from '../mail/mail.templates';
import type { Role, SessionUser } from './auth.types';
import type { ChangePasswordInput, LoginInput, RegisterInput } from './auth.schemas';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface UserLike {
  _id: unknown;
  email: string;
  name: string;
  org?: unknown;
  roles?: string[] | null;
  locale?: string | null;
  sessionEpoch?: number | null;
}

/** The request-scoped view of a stored user. */
export function toSessionUser(u: UserLike): SessionUser {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    orgId: u.org ? String(u.org) : null,
    roles: (u.roles ?? ['member']) as Role[],
    locale: u.locale === 'en' ? 'en' : 'zh',
    sessionEpoch: u.sessionEpoch ?? 0,
  };
}

/** Loads a user for the session by id; null when the user no longer exists. */
export async function findSessionUser(id: string): Promise<SessionUser | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  const u = await User.findById(id).lean();
  return u ? toSessionUser(u) : null;
}

const INVALID_LOGIN = 'Email or password is incorrect';

/** Checks credentials. Unknown email and wrong password answer the same 401 (and count alike toward a lock). */
export async function authenticate(input: LoginInput): Promise<SessionUser> {
  // Per-account throttling on top of the per-address limit: a locked account waits, even with
  // the right password, until the lock ends by itself.
  await assertNotLocked(input.email);
  const u = await User.findOne({ email: input.email }).select('+passwordHash').lean();
  const ok = await verifyPassword(u?.passwordHash, input.password);
  if (!u || !ok) {
    await recordFailure(input.email);
    throw unauthorized(INVALID_LOGIN);
  }
  await clearFailures(input.email);
  await User.updateOne({ _id: u._id }, { $set: { lastLoginAt: new Date() } });
  return toSessionUser(u);
}

/** How long a verification link works. */
export const VERIFY_HOURS = 24;

type InvitationLean = { _id: Types.ObjectId; org: Types.ObjectId; email?: string | null; role?: string | null; usedAt?: Date | null; revokedAt?: Date | null; expiresAt: Date };

/** Refuses an invitation that cannot register `email` (these answers are about the token, never about the address). */
function assertInvitationUsable(inv: InvitationLean | null, email: string): asserts inv is InvitationLean {
  if (!inv) throw notFound('Invitation');
  if (inv.revokedAt) throw gone('invitation_revoked', 'This invitation was revoked by its organisation');
  if (inv.usedAt) throw gone('invitation_used', 'This invitation has already been used');
  if (inv.expiresAt.getTime() <= Date.now()) throw gone('invitation_expired', 'This invitation has expired');
  if (inv.email && inv.email !== email) throw conflict('invitation_email_mismatch', 'This invitation was issued for a different email address');
}

/**
 * Registration proves the address before any account exists, and answers alike for a new and a
 * taken address: both branches hash the password and store one email. A new address gets a
 * verification link (the registration waits, replacing any earlier one for the address); a taken
 * one's owner is told someone tried, with a link to log in. Invitations too: their token is handed
 * to the org admin, not sent by us, so it proves the admin's intent, not the registrant's address —
 * and a direct sign-in would let any org admin probe addresses with email-bound invitations.
 */
export async function register(input: RegisterInput, appUrl: string): Promise<void> {
  let invitation: InvitationLean | null = null;
  if (input.invitationToken) {
    invitation = await Invitation.findOne({ tokenHash: hashToken(input.invitationToken) }).lean();
    assertInvitationUsable(invitation, input.email);
  }
  const passwordHash = await hashPassword(input.password);
  if (await User.exists({ email: input.email })) {
    await sendMail(input.email, registrationAttempt(`${appUrl}/login`));
    return;
  }
  const token = randomBytes(32).toString('base64url');
  const pending = {
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + VERIFY_HOURS * 3600_000),
    name: input.name,
    locale: input.locale,
    passwordHash,
    org: invitation ? null : input.org!,
    invitation: invitation?._id ?? null,
    createdAt: new Date(),
  };
  // One pending registration per address: a newer one replaces it (and its link stops working).
  const save = () => PendingRegistration.replaceOne({ _id: input.email }, pending, { upsert: true });
  await save().catch((err: { code?: number }) => {
    if (err.code === 11000) return save(); // two at once for one address: the second replaces the first
    throw err;
  });
  await sendMail(input.email, verifyEmail(`${appUrl}/verify-email?token=${token}`, VERIFY_HOURS));
}

/**
 * Follows a verification link: the pending registration is removed (single use: only the request
 * that removes it goes on) and becomes the account — with a new organisation (its admin), or in the
 * invitation's organisation, consuming the invitation atomically now.
 */
export async function verifyRegistration(token: string): Promise<SessionUser> {
  const tokenHash = hashToken(token);
  const pending = await PendingRegistration.findOne({ tokenHash }).lean();
  if (!pending) throw gone('verification_invalid', 'This link is not valid or was already used');
  if (pending.expiresAt.getTime() <= Date.now()) {
    await PendingRegistration.deleteOne({ _id: pending._id, tokenHash });
    throw gone('verification_expired', 'This link has expired; register again to get a new one');
  }
  const claimed = await PendingRegistration.deleteOne({ _id: pending._id, tokenHash });
  if (claimed.deletedCount !== 1) throw gone('verification_invalid', 'This link is not valid or was already used');
  const input = { email: pending._id, name: pending.name, locale: (pending.locale === 'en' ? 'en' : 'zh') as 'zh' | 'en', passwordHash: pending.passwordHash };

  if (pending.invitation) {
    const inv = await Invitation.findById(pending.invitation).lean();
    assertInvitationUsable(inv, input.email);
    const org = await Org.findById(inv.org).lean();
    if (!org) throw notFound('Organisation');
    const roles: Role[] = ['member'];
    if (inv.role === 'org-admin') roles.push('org-admin');
    if (org.kind === 'agency') roles.push('broker');
    const user = await createUser({ ...input, org: org._id, roles });
    // A guarded update: one registration consumes the invitation (a compare-and-set on MongoDB,
    // and on FerretDB through the store's write gate).
    const consumed = await Invitation.findOneAndUpdate(
      { _id: inv._id, usedAt: null, revokedAt: null, expiresAt: trusted({ $gt: new Date() }) },
      { $set: { usedAt: new Date(), usedBy: user._id } },
    );
    if (!consumed) {
      await User.deleteOne({ _id: user._id });
      throw gone('invitation_used', 'This invitation has already been used');
    }
    return toSessionUser(user);
  }

  // Stored from the validated RegisterInput at registration.
  const newOrg = pending.org as unknown as NonNullable<RegisterInput['org']>;
  // The sign-up is the organisation's first submission for verification: its credit code, and the
  // registrant as its contact.
  const org = await Org.create({
    kind: newOrg.kind,
    name: newOrg.name,
    region: newOrg.region,
    creditCode: newOrg.creditCode ?? null,
    verification: {
      status: 'pending',
      contact: { name: input.name, phone: newOrg.contactPhone ?? '', email: input.email },
      submittedAt: new Date(),
    },
  });
  const roles: Role[] = ['member', 'org-admin'];
  if (newOrg.kind === 'agency') roles.push('broker');
  try {
    const user = await createUser({ ...input, org: org._id, roles });
    return toSessionUser(user);
  } catch (err) {
    await Org.deleteOne({ _id: org._id });
    throw err;
  }
}

/**
 * Changes the password after checking the current one (a wrong one counts toward the account's
 * login lock) and moves the user to a new session epoch, so every other session stops
 * deserialising. Returns the user under the new epoch; the caller re-keys its own session.
 */
export async function changePassword(actor: SessionUser, input: ChangePasswordInput, appUrl: string): Promise<SessionUser> {
  await assertNotLocked(actor.email);
  const u = await User.findById(actor.id).select('+passwordHash').lean();
  if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) {
    await recordFailure(actor.email);
    throw badRequest('wrong_password', 'currentPassword: is not your current password', 'currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  // updateOne then a read: FerretDB refuses findAndModify with the projection `select: false` adds.
  await User.updateOne({ _id: u._id }, { $set: { passwordHash }, $inc: { sessionEpoch: 1 } });
  const after = await User.findById(u._id).lean();
  if (!after) throw unauthorized();
  await sendMail(after.email, passwordChanged(`${appUrl}/login`));
  return toSessionUser(after);
}

async function createUser(data: {
  email: string;
  name: string;
  locale: 'zh' | 'en';
  passwordHash: string;
  org: Types.ObjectId;
  roles: Role[];
}) {
  try {
    return await User.create({
      email: data.email,
      name: data.name,
      locale: data.locale,
      passwordHash: data.passwordHash,
      org: data.org,
      roles: data.roles,
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict('email_taken', 'An account with this email already exists');
    throw err;
  }
}

/** Creates (or promotes) a platform administrator — only from the CLI or seed, never by registration. */
export async function ensurePlatformAdmin(email: string, password: string, name = 'Platform admin') {
  const passwordHash = await hashPassword(password);
  const existing = await User.findOne({ email: email.toLowerCase() });
  if (existing) {
    await User.updateOne(
      { _id: existing._id },
      { $addToSet: { roles: 'platform-admin' }, $set: { passwordHash } },
    );
    return String(existing._id);
  }
  const u = await User.create({ email, name, passwordHash, roles: ['member', 'platform-admin'], org: null });
  return String(u._id);
}
