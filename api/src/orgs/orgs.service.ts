import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { notFound } from '../errors';
import { countWhere, findPage } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import { hashToken } from '../auth/auth.service';
import { Org } from './org.model';
import { Invitation } from './invitation.model';
import { assertCanInvite, assertCanManageOrg } from './orgs.policy';
import { presentOrg } from './orgs.presenter';
import type { InvitationInput, OrgUpdateInput } from './orgs.schemas';

/** One organisation by id, or a 404. */
export async function getOrg(id: string) {
  const org = Types.ObjectId.isValid(id) ? await Org.findById(id).lean() : null;
  if (!org) throw notFound('Organisation');
  return org;
}

/** Creates an invitation; the plain token is returned once and only its hash is stored. */
export async function createInvitation(actor: SessionUser, orgId: string, input: InvitationInput) {
  assertCanInvite(actor, orgId);
  await getOrg(orgId);
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 3600 * 1000);
  const inv = await Invitation.create({
    org: orgId,
    tokenHash: hashToken(token),
    email: input.email ?? null,
    role: input.role,
    createdBy: actor.id,
    expiresAt,
  });
  return { id: String(inv._id), token, email: inv.email, role: inv.role, expiresAt };
}

type InvitationLean = {
  _id: unknown;
  email?: string | null;
  role?: string | null;
  expiresAt: Date;
  usedAt?: Date | null;
  revokedAt?: Date | null;
  createdAt?: Date;
};

/** An invitation as its organisation's admins see it (never the token: it is shown once, at creation). */
function presentInvitation(inv: InvitationLean) {
  const status = inv.revokedAt ? 'revoked' : inv.usedAt ? 'used' : inv.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
  return { id: String(inv._id), email: inv.email ?? null, role: inv.role, status, expiresAt: inv.expiresAt, usedAt: inv.usedAt ?? null, createdAt: inv.createdAt ?? null };
}

/** The organisation's invitations, newest first (its admins only). */
export async function listInvitations(actor: SessionUser, orgId: string, q: { page: number; pageSize: number }) {
  assertCanInvite(actor, orgId);
  const filter = { org: new Types.ObjectId(orgId) };
  const [items, total] = await Promise.all([
    findPage<Parameters<typeof presentInvitation>[0]>(Invitation as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(Invitation as never, filter),
  ]);
  return { items: items.map(presentInvitation), total, page: q.page, pageSize: q.pageSize };
}

/** Revokes an unused invitation of the organisation; registering with it then answers 410. */
export async function revokeInvitation(actor: SessionUser, orgId: string, invitationId: string) {
  assertCanInvite(actor, orgId);
  const filter = { _id: new Types.ObjectId(invitationId), org: new Types.ObjectId(orgId) };
  const inv = await Invitation.findOneAndUpdate(
    { ...filter, usedAt: null, revokedAt: null },
    { $set: { revokedAt: new Date(), revokedBy: actor.id } },
    { returnDocument: 'after' },
  ).lean();
  const now = inv ?? (await Invitation.findOne(filter).lean());
  if (!now) throw notFound('Invitation');
  return presentInvitation(now);
}

/** An org admin edits their organisation's profile (description, credit code). */
export async function updateOrg(actor: SessionUser, orgId: string, input: OrgUpdateInput) {
  assertCanManageOrg(actor, orgId);
  const set: Record<string, unknown> = {};
  if (input.description) set.description = input.description;
  if (input.creditCode !== undefined) set.creditCode = input.creditCode;
  const org = await Org.findByIdAndUpdate(orgId, { $set: set }, { returnDocument: 'after' }).lean();
  if (!org) throw notFound('Organisation');
  return presentOrg(org);
}
