// Plain constants shared by the model, the zod schemas and the browser (no mongoose here).
export const MATCH_STATUSES = ['suggested', 'interested', 'dismissed', 'converted'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Structured reasons to decline a match or an interest. */
export const DECLINE_REASONS = ['too-early', 'price', 'scope-mismatch', 'ip-status', 'already-solved', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
