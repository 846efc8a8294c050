import { Types } from 'mongoose';
import { findByField } from '../store/store';
import type { SessionUser } from '../auth/auth.types';
import { User } from '../auth/user.model';
import { notifyUsers } from '../notifications/notifications.service';
import type { DealLean } from './deal.model';

type DealNotice = 'deal.invited' | 'deal.offer' | 'deal.status';

const TEXT: Record<DealNotice, (title: string, extra: string) => { title: { zh: string; en: string }; body: { zh: string; en: string } }> = {
  'deal.invited': (t) => ({ title: { zh: '新的洽谈', en: 'New negotiation' }, body: { zh: `「${t}」的洽谈已开启`, en: `A negotiation on "${t}" was opened` } }),
  'deal.offer': (t, v) => ({ title: { zh: '新的报价', en: 'New offer' }, body: { zh: `「${t}」收到第 ${v} 版报价`, en: `Offer version ${v} on "${t}"` } }),
  'deal.status': (t, s) => ({ title: { zh: '洽谈状态变更', en: 'Deal status changed' }, body: { zh: `「${t}」：${s}`, en: `"${t}": ${s}` } }),
};

/**
 * Tells the members of the deal's other organisations (not the actor's) about a stored change.
 * A failure here never fails the change itself: the room already has it.
 */
export async function notifyParties(deal: DealLean, actor: SessionUser, kind: DealNotice, extra = ''): Promise<void> {
  try {
    const orgs = [deal.supplierOrg, deal.buyerOrg, deal.brokerOrg].filter((o): o is Types.ObjectId => !!o && String(o) !== actor.orgId);
    if (!orgs.length) return;
    const members = await findByField<{ _id: unknown }>(User as never, 'org', orgs, { projection: { _id: 1 } });
    const title = deal.achievementTitle?.zh || deal.achievementTitle?.en || '';
    await notifyUsers(
      members.map((m) => String(m._id)),
      { kind, ...TEXT[kind](title, extra), link: `/deals/${String(deal._id)}`, data: { dealId: String(deal._id) } },
    );
  } catch {
    // Notifications are best effort; the deal change is stored and broadcast regardless.
  }
}
