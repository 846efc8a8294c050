import { z } from 'zod';
import { DEAL_MODE_CODES } from '@techbridge/search/taxonomy';
import { objectId, pageQuery, text } from '../common/schemas';

// Inputs of the negotiation rooms, shared by REST, the /deals socket namespace and web/.

/** An amount of money in integer fen (1 CNY = 100 fen). */
const fen = z
  .number({ error: 'must be an amount in fen' })
  .int('must be a whole number of fen')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** A percentage 0–100 with at most two decimals. */
const percent = (min: number, minMessage: string) =>
  z
    .number({ error: 'must be a number' })
    .min(min, minMessage)
    .max(100, 'must be at most 100')
    .refine((v) => Math.round(v * 100) / 100 === v, 'must have at most two decimals');

const required = (max: number) => text(max).min(1, 'is required');

/** A calendar date, `YYYY-MM-DD`. */
const dueDate = z.iso.date('must be a date (YYYY-MM-DD)');

export const DEAL_STATUSES = ['open', 'negotiating', 'agreed', 'contracted', 'paying', 'completed', 'cancelled'] as const;
export const dealStatus = z.enum(DEAL_STATUSES);
export type DealStatus = z.infer<typeof dealStatus>;

export const dealMode = z.enum(DEAL_MODE_CODES);
export type DealMode = z.infer<typeof dealMode>;

export const EXCLUSIVITIES = ['exclusive', 'sole', 'non-exclusive'] as const;

const Installment = z.strictObject({
  description: required(500),
  amount: fen,
  due: dueDate,
});

/** License (许可): who else may use it, where, for what, how long, and what it costs. */
export const LicenseTerms = z.strictObject({
  mode: z.literal('license'),
  exclusivity: z.enum(EXCLUSIVITIES),
  territory: required(200),
  fieldOfUse: required(500),
  termYears: z.number().int('must be a whole number of years').min(1, 'must be at least 1').max(50, 'must be at most 50'),
  upfrontFee: fen,
  royaltyRate: percent(0, 'must not be negative'),
  milestones: z.array(Installment).max(50, 'at most 50 milestones').default([]),
});
export type LicenseTerms = z.infer<typeof LicenseTerms>;

/** Transfer (转让): a price and the schedule it is paid in; the schedule adds up to the price. */
export const TransferTerms = z
  .strictObject({
    mode: z.literal('transfer'),
    price: fen.min(1, 'must be more than zero'),
    paymentSchedule: z.array(Installment).min(1, 'needs at least one payment').max(50, 'at most 50 payments'),
  })
  .superRefine((t, ctx) => {
    const sum = t.paymentSchedule.reduce((s, p) => s + p.amount, 0);
    if (sum !== t.price)
      ctx.addIssue({
        code: 'custom',
        path: ['paymentSchedule'],
        message: `payments add up to ${sum} fen but the price is ${t.price} fen`,
      });
  });
export type TransferTerms = z.infer<typeof TransferTerms>;

/** Equity (作价入股): the IP is valued and contributed to a company for a share. */
export const EquityTerms = z.strictObject({
  mode: z.literal('equity'),
  ipValuation: fen.min(1, 'must be more than zero'),
  equitySharePct: percent(0.01, 'must be more than zero'),
  company: z.strictObject({
    name: required(200),
    registeredCapital: fen.optional(),
  }),
  /** Cash paid beside the share (现金部分), if any: the contract's payment schedule. */
  cashPayments: z.array(Installment).max(50, 'at most 50 payments').default([]),
  vesting: z
    .strictObject({
      totalMonths: z.number().int().min(0, 'must not be negative').max(240, 'must be at most 240'),
      cliffMonths: z.number().int().min(0, 'must not be negative').max(240, 'must be at most 240'),
      note: text(500).optional(),
    })
    .refine((v) => v.cliffMonths <= v.totalMonths, { message: 'the cliff cannot be longer than the vesting period', path: ['cliffMonths'] }),
});
export type EquityTerms = z.infer<typeof EquityTerms>;

/** Offer terms, one shape per deal mode. */
export const OfferTerms = z.discriminatedUnion('mode', [LicenseTerms, TransferTerms, EquityTerms]);
export type OfferTerms = z.infer<typeof OfferTerms>;

const version = z.number().int().min(1).max(10_000);

/** A client-chosen id making a send idempotent: a resend returns the first result. */
export const clientMsgId = z
  .string({ error: 'is required' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"');

// ---- REST bodies, params and queries -------------------------------------------------------

/**
 * Opens a deal. A buyer (enterprise member) opens one for their own organisation; a broker
 * (agency member with the broker role) names the buyer organisation and joins as broker.
 */
export const OpenDealInput = z.strictObject({
  achievementId: objectId,
  mode: dealMode,
  buyerOrgId: objectId.optional(),
  demandId: objectId.optional(),
  matchId: objectId.optional(),
});
export type OpenDealInput = z.infer<typeof OpenDealInput>;

export const DealListQuery = z.strictObject({
  status: dealStatus.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DealListQuery = z.infer<typeof DealListQuery>;

export const MessageInput = z.strictObject({
  clientMsgId,
  text: required(4000),
});
export type MessageInput = z.infer<typeof MessageInput>;

export const MessagePageQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MessagePageQuery = z.infer<typeof MessagePageQuery>;

/** A new offer or counter-offer; `replacesVersion` is the current version (0 for the first offer). */
export const OfferInput = z.strictObject({
  replacesVersion: z.number({ error: 'is required (0 for the first offer)' }).int().min(0).max(10_000),
  terms: OfferTerms,
  note: text(2000).optional(),
});
export type OfferInput = z.infer<typeof OfferInput>;

export const OfferActionInput = z.strictObject({
  reason: text(1000).optional(),
});
export type OfferActionInput = z.infer<typeof OfferActionInput>;

export const OFFER_ACTIONS = ['accept', 'reject', 'withdraw'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

export const OfferVersionParams = z.strictObject({
  id: objectId,
  version: z.coerce.number().int().min(1).max(10_000),
  action: z.enum(OFFER_ACTIONS),
});

export const DealTransitionInput = z
  .strictObject({
    to: dealStatus,
    reason: text(1000).optional(),
  })
  .refine((t) => t.to !== 'cancelled' || (t.reason ?? '').length > 0, {
    message: 'a reason is required to cancel',
    path: ['reason'],
  });
export type DealTransitionInput = z.infer<typeof DealTransitionInput>;

export const OfferDiffQuery = z.strictObject({
  a: z.coerce.number().int().min(1).max(10_000),
  b: z.coerce.number().int().min(1).max(10_000),
});

// ---- socket events (the /deals namespace) -------------------------------------------------

const dealRef = { dealId: objectId };

export const JoinEvent = z.strictObject({ ...dealRef, lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) });
export const LeaveEvent = z.strictObject(dealRef);
export const SendMessageEvent = z.strictObject({ ...dealRef, ...MessageInput.shape });
export const OfferCreateEvent = z.strictObject({ ...dealRef, ...OfferInput.shape });
export const OfferActionEvent = z.strictObject({ ...dealRef, version, reason: text(1000).optional() });
export const TransitionEvent = z
  .strictObject({ ...dealRef, to: dealStatus, reason: text(1000).optional() })
  .refine((t) => t.to !== 'cancelled' || (t.reason ?? '').length > 0, {
    message: 'a reason is required to cancel',
    path: ['reason'],
  });
export const TypingEvent = z.strictObject({ ...dealRef, typing: z.boolean().default(true) });
export const ReadEvent = z.strictObject({ ...dealRef, seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

export type JoinEvent = z.input<typeof JoinEvent>;
export type LeaveEvent = z.input<typeof LeaveEvent>;
export type SendMessageEvent = z.input<typeof SendMessageEvent>;
export type OfferCreateEvent = z.input<typeof OfferCreateEvent>;
export type OfferActionEvent = z.input<typeof OfferActionEvent>;
export type TransitionEvent = z.input<typeof TransitionEvent>;
export type TypingEvent = z.input<typeof TypingEvent>;
export type ReadEvent = z.input<typeof ReadEvent>;

export const ProposalListQuery = pageQuery.extend({ side: z.enum(['received', 'sent']).default('received') });
