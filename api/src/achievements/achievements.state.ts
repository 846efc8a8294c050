// The achievement (科技成果) status table, pure so web/ shares it through the contract. The status
// vocabulary is @techbridge/search's (search may not import the api; its index documents carry it).
import type { AchievementStatus } from '@techbridge/search/indexes';

/** `negotiating` and `transacted` follow the listing's deals; the owner moves the others. */
export { ACHIEVEMENT_STATUSES, type AchievementStatus } from '@techbridge/search/indexes';

/** Statuses anyone may read (and, except `transacted`, find in search). */
export const PUBLIC_ACHIEVEMENT_STATUSES: readonly AchievementStatus[] = ['published', 'negotiating', 'transacted'];
/** Statuses that appear in search. */
export const SEARCHABLE_ACHIEVEMENT_STATUSES: readonly AchievementStatus[] = ['published', 'negotiating'];
/** Statuses in which the owner may still edit the listing. */
export const EDITABLE_ACHIEVEMENT_STATUSES: readonly AchievementStatus[] = ['draft', 'published'];
/** On the market: others may show interest, accept its NDA and open deals on it. */
export const DEALABLE_ACHIEVEMENT_STATUSES: readonly AchievementStatus[] = ['published', 'negotiating'];

/** Legal status changes the owner may make; `negotiating`/`transacted` belong to the deals domain. */
export const ACHIEVEMENT_TRANSITIONS = {
  publish: { from: ['draft', 'withdrawn'], to: 'published' },
  withdraw: { from: ['published', 'negotiating'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly AchievementStatus[]; to: AchievementStatus }>;
export type AchievementAction = keyof typeof ACHIEVEMENT_TRANSITIONS;
