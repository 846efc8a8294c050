import { Types } from 'mongoose';
import { conflict, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { User } from '../auth/user.model';
import { sendMail } from '../mail/mail.service';
import { orgRejected, orgVerified } from '../mail/mail.templates';
import { latestFile } from '../files/files.service';
import { countWhere, findPage } from '../store/store';
import { Org } from './org.model';
import { assertCanVerifyOrgs, isOrgAdminOf, isPlatformAdmin } from './orgs.policy';
import { forbidden } from '../errors';
import { notifyOrgMembers } from './orgs.notify';
import { presentOrg, presentReview } from './orgs.presenter';
import type { VerificationInput, VerifyInput } from './orgs.schemas';

type OrgRow = Parameters<typeof presentOrg>[0];

/** Where an org admin reads and answers their organisation's verification. */
const VERIFICATION_PAGE = '/org/verification';

/** An organisation with what it submitted for verification and its current licence. */
async function withReview(org: OrgRow) {
  return { ...presentOrg(org), review: presentReview(org, await latestFile('org-licence', String(org._id))) };
}

/** The verification queue (platform admins): each organisation with its credit code, contact, licence, status. */
export async function listForReview(
  actor: SessionUser,
  q: { verified?: boolean; kind?: string; status?: 'pending' | 'rejected'; page: number; pageSize: number },
) {
  assertCanVerifyOrgs(actor);
  const filter: Record<string, unknown> = {};
  if (q.verified !== undefined) filter.verified = q.verified;
  if (q.status) {
    filter.verified = false;
    filter['verification.status'] = q.status;
  }
  if (q.kind) filter.kind = q.kind;
  const [items, total] = await Promise.all([
    findPage<OrgRow>(Org as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    countWhere(Org as never, filter),
  ]);
  return { items: await Promise.all(items.map(withReview)), total, page: q.page, pageSize: q.pageSize };
}

/** One organisation's verification, for its admins and the platform admins. */
export async function getVerification(actor: SessionUser, orgId: string) {
  if (!isOrgAdminOf(actor, orgId) && !isPlatformAdmin(actor))
    throw forbidden("Only the organisation's administrators can see its verification", 'not_org_admin');
  const org = await Org.findById(orgId).lean();
  if (!org) throw notFound('Organisation');
  return withReview(org as OrgRow);
}

/** An org admin (re)submits the credit code and contact; the organisation waits for a decision again. */
export async function submitVerification(actor: SessionUser, orgId: string, input: VerificationInput) {
  if (!isOrgAdminOf(actor, orgId)) throw forbidden('Only an administrator of this organisation can do this', 'not_org_admin');
  const current = await Org.findById(orgId).lean();
  if (!current) throw notFound('Organisation');
  if (current.verified) throw conflict('already_verified', 'This organisation is already verified');
  const org = await Org.findByIdAndUpdate(
    orgId,
    {
      $set: {
        creditCode: input.creditCode,
        'verification.status': 'pending',
        'verification.contact': { name: input.contact.name, phone: input.contact.phone, email: input.contact.email ?? '' },
        'verification.submittedAt': new Date(),
        'verification.reason': null,
      },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!org) throw notFound('Organisation');
  return withReview(org as OrgRow);
}

/**
 * A platform admin approves, or rejects (or revokes) with a reason. The organisation's admins are
 * told either way — a notification and an email — after the decision is stored.
 */
export async function decideVerification(actor: SessionUser, orgId: string, input: VerifyInput, appUrl: string) {
  assertCanVerifyOrgs(actor);
  const now = new Date();
  const reason = input.verified ? null : input.reason!;
  const org = await Org.findByIdAndUpdate(
    orgId,
    {
      $set: {
        verified: input.verified,
        verifiedAt: input.verified ? now : null,
        verifiedBy: input.verified ? actor.id : null,
        'verification.status': input.verified ? 'approved' : 'rejected',
        'verification.decidedAt': now,
        'verification.reason': reason,
      },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!org) throw notFound('Organisation');
  const name = { zh: org.name?.zh ?? '', en: org.name?.en ?? '' };
  const zhName = name.zh || name.en;
  const enName = name.en || name.zh;
  await notifyOrgMembers(
    org._id,
    input.verified
      ? {
          kind: 'org.verified',
          title: { zh: `${zhName} 已通过机构认证`, en: `${enName} is verified` },
          body: { zh: '现在可以发布成果与需求、发起洽谈。', en: 'You can now publish listings and open deals.' },
          link: VERIFICATION_PAGE,
        }
      : {
          kind: 'org.rejected',
          title: { zh: `${zhName} 的机构认证未通过`, en: `The verification of ${enName} was not approved` },
          body: { zh: `原因：${reason}`, en: `Reason: ${reason}` },
          link: VERIFICATION_PAGE,
        },
    { admins: true },
  );
  try {
    const admins = await User.find({ org: new Types.ObjectId(orgId), roles: 'org-admin' }).select('email').lean();
    const link = `${appUrl}${VERIFICATION_PAGE}`;
    for (const a of admins) await sendMail(a.email, input.verified ? orgVerified(name, link) : orgRejected(name, reason!, link));
  } catch {
    // The decision is stored and the notification sent; a failed email is not worth failing it for.
  }
  return withReview(org as OrgRow);
}
