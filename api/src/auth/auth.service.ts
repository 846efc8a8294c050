import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { trusted } from '../db';
import { conflict, gone, notFound, unauthorized } from '../errors';
import { Org } from '../orgs/org.model';
import { Invitation } from '../orgs/invitation.model';
import { hashPassword, verifyPassword } from './password';
import { assertNotLocked, clearFailures, recordFailure } from './login-throttle';
import { User } from './user.model';
import type { Role, SessionUser } from './auth.types';
import type { LoginInput, RegisterInput } from './auth.schemas';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface UserLike {
  _id: unknown;
  email: string;
  name: string;
  org?: unknown;
  roles?: string[] | null;
  locale?: string | null;
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

/**
 * Registers a user with a new organisation (becoming its admin) or into an existing one through an
 * invitation. With no transactions, the order is: check the invitation, create the user (the unique
 * email index decides duplicates), then consume the invitation atomically; if another registration
 * consumed it first, the new user is removed again.
 */
export async function register(input: RegisterInput): Promise<SessionUser> {
  if (await User.exists({ email: input.email })) throw conflict('email_taken', 'An account with this email already exists');
  const passwordHash = await hashPassword(input.password);

  if (input.invitationToken) {
    const tokenHash = hashToken(input.invitationToken);
    const inv = await Invitation.findOne({ tokenHash }).lean();
    if (!inv) throw notFound('Invitation');
    if (inv.revokedAt) throw gone('invitation_revoked', 'This invitation was revoked by its organisation');
    if (inv.usedAt) throw gone('invitation_used', 'This invitation has already been used');
    if (inv.expiresAt.getTime() <= Date.now()) throw gone('invitation_expired', 'This invitation has expired');
    if (inv.email && inv.email !== input.email)
      throw conflict('invitation_email_mismatch', 'This invitation was issued for a different email address');
    const org = await Org.findById(inv.org).lean();
    if (!org) throw notFound('Organisation');
    const roles: Role[] = ['member'];
    if (inv.role === 'org-admin') roles.push('org-admin');
    if (org.kind === 'agency') roles.push('broker');
    const user = await createUser({ ...input, passwordHash, org: org._id, roles });
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

  const newOrg = input.org!;
  const org = await Org.create({ kind: newOrg.kind, name: newOrg.name, region: newOrg.region });
  const roles: Role[] = ['member', 'org-admin'];
  if (newOrg.kind === 'agency') roles.push('broker');
  try {
    const user = await createUser({ ...input, passwordHash, org: org._id, roles });
    return toSessionUser(user);
  } catch (err) {
    await Org.deleteOne({ _id: org._id });
    throw err;
  }
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
