import { z } from 'zod';
import { objectId, pageQuery, text } from '../common/schemas';
import { DECLINE_REASONS } from './matching.constants';

export { DECLINE_REASONS, MATCH_STATUSES, type DeclineReason, type MatchStatus } from './matching.constants';

export const DeclineInput = z
  .strictObject({
    reason: z.enum(DECLINE_REASONS),
    text: text(1000).default(''),
  })
  .refine((v) => v.reason !== 'other' || v.text.length > 0, { path: ['text'], message: 'is required when the reason is "other"' });
export type DeclineInput = z.infer<typeof DeclineInput>;

export const InterestInput = z.strictObject({
  achievementId: objectId,
  matchId: objectId.optional(),
  demandId: objectId.optional(),
  message: text(2000).default(''),
});
export type InterestInput = z.infer<typeof InterestInput>;

export const AnswerInput = z.strictObject({ message: text(2000).min(1, 'is required') });

export const InterestListQuery = z.strictObject({
  side: z.enum(['received', 'sent']).default('received'),
  status: z.enum(['open', 'answered', 'declined']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const MatchListQuery = z.strictObject({
  side: z.enum(['demand', 'supply']).default('demand'),
  demandId: objectId.optional(),
  achievementId: objectId.optional(),
  status: z.enum(['suggested', 'interested', 'dismissed', 'converted']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PortfolioInput = z.strictObject({ orgId: objectId });

/** A page of the broker's portfolio: its consented organisations (`active`), its pending invitations, or both. */
export const PortfolioQuery = pageQuery.extend({ status: z.enum(['active', 'pending']).optional() });

export const BrokerMatchQuery = z.strictObject({
  pinned: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  orgId: objectId.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ManualMatchInput = z.strictObject({
  demandId: objectId,
  achievementId: objectId,
  note: text(2000).min(1, 'is required'),
});

export const DockingInput = z
  .strictObject({
    demandIds: z.array(objectId).min(1).max(1000).optional(),
    region: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code').optional(),
    field: z.string().min(1).max(50).optional(),
    limitPerDemand: z.number().int().min(1).max(20).default(5),
  })
  .refine((v) => v.demandIds || v.region || v.field, { path: ['demandIds'], message: 'choose demands by list, region or field' });
export type DockingInput = z.infer<typeof DockingInput>;

/** A supplier's interest in a demand: one of its own published achievements or none, and a message. */
export const DemandInterestInput = z.strictObject({
  demandId: objectId,
  achievementId: objectId.optional(),
  message: text(2000).default(''),
});
export type DemandInterestInput = z.infer<typeof DemandInterestInput>;

export const DemandInterestListQuery = pageQuery.extend({
  side: z.enum(['received', 'sent']).default('received'),
  status: z.enum(['open', 'answered', 'declined']).optional(),
});
