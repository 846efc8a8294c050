// Overdue reminders, once a day in one API process (the day claimed through `claimPeriod`): the
// buyer organisation's members are told of each unpaid item past its due date, and of each licence
// quarter that ended without a royalty report — one notification per item (or quarter) per day,
// keyed, so a second run on the same day notifies nobody twice.

import type { Types } from 'mongoose';
import type { Logger } from '../logger';
import { trusted } from '../db';
import { claimPeriod } from '../jobs/lease';
import { User } from '../auth/user.model';
import { notifyUsers } from '../notifications/notifications.service';
import { Deal, type DealLean } from '../deals/deal.model';
import { agreedTerms } from './issuing.service';
import { PaymentItem, type PaymentItemLean } from './payment-item.model';
import { RoyaltyReport } from './royalty-report.model';

export const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The quarter before the one `now` is in: its name (`2027-Q1`) and when it ended. */
export function previousQuarter(now: Date): { period: string; end: Date } {
  const q = Math.floor(now.getUTCMonth() / 3); // this quarter, 0-based
  const year = q === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const prev = q === 0 ? 3 : q - 1;
  return { period: `${year}-Q${prev + 1}`, end: new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1)) };
}

/** When both sides accepted the agreed offer. */
const agreedAt = (deal: DealLean) => {
  const o = deal.offers.find((x) => x.version === deal.agreedOfferVersion);
  return o?.acceptances?.length ? new Date(Math.max(...o.acceptances.map((a) => new Date(a.at).getTime()))) : null;
};

const members = async (orgId: Types.ObjectId) => (await User.find({ org: orgId }).select('_id').lean()).map((u) => String(u._id));

/** One day's reminders as of `now`; what was found. */
export async function runPaymentReminders(now: Date): Promise<{ overdue: number; missingReports: number }> {
  const today = day(now);
  const unpaid = await PaymentItem.find({ status: trusted({ $in: ['pending', 'processing', 'failed'] }) }).lean<PaymentItemLean[]>();
  const overdue = unpaid.filter((i) => (i.due ?? day(new Date(i.createdAt))) < today);
  const deals = new Map<string, DealLean | null>();
  const dealOf = async (id: Types.ObjectId) => {
    const k = String(id);
    if (!deals.has(k)) deals.set(k, await Deal.findById(id).lean<DealLean>());
    return deals.get(k)!;
  };
  for (const item of overdue) {
    const deal = await dealOf(item.deal);
    if (!deal || (deal.status !== 'paying' && deal.status !== 'completed')) continue;
    const label = item.label ?? { zh: '', en: '' };
    await notifyUsers(await members(deal.buyerOrg), {
      kind: 'payment.reminder',
      title: { zh: '付款已逾期', en: 'Payment overdue' },
      body: { zh: `「${label.zh}」已于 ${item.due ?? '签约时'} 到期，尚未支付`, en: `"${label.en}" was due ${item.due ?? 'on signing'} and is not paid` },
      link: `/deals/${String(deal._id)}`,
      data: { dealId: String(deal._id), itemKey: item.key },
    }, { key: `payment-overdue:${String(item._id)}:${today}` });
  }

  const { period, end } = previousQuarter(now);
  const licences = await Deal.find({ mode: 'license', status: trusted({ $in: ['paying', 'completed'] }) }).lean<DealLean[]>();
  let missingReports = 0;
  for (const deal of licences) {
    const terms = agreedTerms(deal);
    const since = agreedAt(deal);
    if (terms?.mode !== 'license' || !(terms.royaltyRate > 0) || !since || since >= end) continue;
    if (await RoyaltyReport.exists({ deal: deal._id, period })) continue;
    missingReports++;
    await notifyUsers(await members(deal.buyerOrg), {
      kind: 'payment.reminder',
      title: { zh: '请提交提成报告', en: 'Royalty report due' },
      body: { zh: `${period} 的销售额与提成费尚未报告`, en: `Sales and royalties for ${period} are not reported yet` },
      link: `/deals/${String(deal._id)}`,
      data: { dealId: String(deal._id), period },
    }, { key: `royalty-missing:${String(deal._id)}:${period}:${today}` });
  }
  return { overdue: overdue.length, missingReports };
}

export interface ReminderJob {
  stop(): void;
}

/** Looks every hour whether today's reminders are this process's to run (one process per day). */
export function startPaymentReminders(opts: { logger: Logger; intervalMs?: number; now?: () => Date }): ReminderJob {
  const now = opts.now ?? (() => new Date());
  const timer = setInterval(() => {
    const at = now();
    claimPeriod('payment-reminders', DAY_MS, undefined, at.getTime())
      .then((mine) => (mine ? runPaymentReminders(at) : null))
      .catch((err: unknown) => opts.logger.warn({ err }, 'payment reminders failed; retrying at the next interval'));
  }, opts.intervalMs ?? 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
