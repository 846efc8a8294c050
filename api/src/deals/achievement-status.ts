import type { Types } from 'mongoose';
import { trusted } from '../db';
import { Achievement } from '../achievements/achievement.model';
import { recordAudit } from '../audit/audit.service';
import { MARK_DIRTY, listingWritten } from '../search/outbox';
import { Deal } from './deal.model';
import { LIVE_STATUSES } from './deals.state';

/** The organisations negotiating an achievement besides its supplier: each live deal's buyer and broker. */
export async function liveDealCounterparts(achievementId: Types.ObjectId | string): Promise<string[]> {
  const deals = await Deal.find({ achievement: achievementId, status: trusted({ $in: [...LIVE_STATUSES] }) }, { buyerOrg: 1, brokerOrg: 1 }).lean();
  return [...new Set(deals.flatMap((d) => [d.buyerOrg, d.brokerOrg]).filter((o) => !!o).map(String))];
}

/** A completed deal's hold on the achievement: the mode and the terms agreed. */
export interface CompletedDeal {
  mode: string;
  agreedOfferVersion?: number | null;
  offers?: readonly { version: number; terms?: unknown }[] | null;
}

/**
 * Whether a completed deal leaves nothing to offer others: a transfer or an equity contribution
 * moves the IP, an exclusive or sole licence bars further licences. A non-exclusive licence does
 * not: the achievement stays published and searchable for the next licensee.
 */
export function disposesOfAchievement(deal: CompletedDeal): boolean {
  if (deal.mode !== 'license') return true;
  const agreed = deal.offers?.find((o) => o.version === deal.agreedOfferVersion);
  const exclusivity = (agreed?.terms as { exclusivity?: string } | undefined)?.exclusivity;
  return exclusivity !== 'non-exclusive';
}

/**
 * Makes the achievement's status agree with its deals: `negotiating` while any deal is live,
 * back to `published` when none is (all cancelled, or the completed ones left it on offer),
 * `transacted` once a deal that disposes of it completed (`disposesOfAchievement`). Only these
 * moves are made, each an atomic update guarded by the status it read (so a withdrawal by the
 * owner is never overwritten); every move bumps `version` and marks the listing for re-indexing.
 *
 * It recomputes from the deals rather than applying a delta, and re-checks after each write, so
 * two deals opening and closing at once settle on the right status.
 */
export async function syncAchievementStatus(achievementId: Types.ObjectId | string, actor: string | null): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const live = await Deal.countDocuments({ achievement: achievementId, status: trusted({ $in: [...LIVE_STATUSES] }) });
    const completed =
      live > 0
        ? false
        : (await Deal.find({ achievement: achievementId, status: 'completed' }, { mode: 1, offers: 1, agreedOfferVersion: 1 }).lean()).some(disposesOfAchievement);
    const ach = await Achievement.findById(achievementId).select('status').lean();
    if (!ach) return;
    let target: 'negotiating' | 'published' | 'transacted' | null = null;
    if (live > 0) target = ach.status === 'published' ? 'negotiating' : null;
    else if (ach.status === 'negotiating') target = completed ? 'transacted' : 'published';
    if (!target) return;
    // A compare-and-set on the status read (the store's write gate makes it one on FerretDB too).
    const res = await Achievement.updateOne(
      { _id: achievementId, status: ach.status },
      { $set: { status: target, ...MARK_DIRTY }, $inc: { version: 1 } },
    );
    if (res.modifiedCount !== 1) return;
    const moved = { from: ach.status, to: target };
    listingWritten('achievement', String(achievementId));
    await recordAudit({ actor, action: 'achievement.status', entity: 'achievement', entityId: achievementId, ...moved });
  }
}
