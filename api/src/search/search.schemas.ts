import { z } from 'zod';
import { DEAL_MODE_CODES, FIELD_CODES, IP_TYPE_CODES, REGION_CODES } from '@techbridge/search/taxonomy';
import { objectId } from '../common/schemas';
import { ORG_KINDS } from '../auth/auth.schemas';
import { MAX_FEN } from '../contract/money';

/**
 * A multi-valued filter: `?field=ai&field=ict` or `?field=ai,ict`. Each value must be a known code;
 * at most 30 values.
 */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string().max(2000), z.array(z.string().max(200)).max(30, 'at most 30 values')])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string())
        .max(30, 'at most 30 values')
        .superRefine((arr, ctx) => {
          // Named at the parameter itself (`field`, not `field.1`), with the offending value.
          const bad = arr.find((v) => !(values as readonly string[]).includes(v));
          if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 50)}" is not one of the accepted values` });
        })
        .transform((arr) => arr as T[number][]),
    );

/** A non-negative whole number written in decimal (a repeated parameter is refused, not coerced). */
const int = (min: number, max: number) =>
  z
    .string({ error: 'must be given once, as a whole number' })
    .regex(/^\d{1,16}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const q = z.string({ error: 'must be given once' }).trim().max(200, 'must be at most 200 characters').optional();
const MAX_WINDOW = 10_000;

const paging = {
  page: int(1, 10_000).default(1),
  pageSize: int(1, 100).default(20),
};

const windowCheck = (v: { page: number; pageSize: number }, ctx: z.RefinementCtx) => {
  if (v.page * v.pageSize > MAX_WINDOW)
    ctx.addIssue({ code: 'custom', path: ['page'], message: `page × pageSize must be at most ${MAX_WINDOW}; narrow the search instead` });
};
const rangeCheck = (lo: string, hi: string) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const a = v[lo];
  const b = v[hi];
  if (typeof a === 'number' && typeof b === 'number' && a > b) ctx.addIssue({ code: 'custom', path: [hi], message: `must not be below ${lo}` });
};

export const ACHIEVEMENT_FACETS = ['field', 'region', 'trl', 'modes', 'ipType', 'orgKind'] as const;
export const ACHIEVEMENT_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'trl_desc'] as const;

/** GET /api/search/achievements */
export const AchievementSearchQuery = z
  .strictObject({
    q,
    field: list(FIELD_CODES).optional(),
    region: list(REGION_CODES).optional(),
    mode: list(DEAL_MODE_CODES).optional(),
    ipType: list(IP_TYPE_CODES).optional(),
    orgKind: list(ORG_KINDS).optional(),
    orgId: objectId.optional(),
    trlMin: int(1, 9).optional(),
    trlMax: int(1, 9).optional(),
    /** Lowest asking price range, in fen; negotiable listings (no price) drop out when set. */
    priceMin: int(0, MAX_FEN).optional(),
    priceMax: int(0, MAX_FEN).optional(),
    facets: list(ACHIEVEMENT_FACETS).optional(),
    sort: z.enum(ACHIEVEMENT_SORTS).default('relevance'),
    ...paging,
  })
  .superRefine(rangeCheck('trlMin', 'trlMax'))
  .superRefine(rangeCheck('priceMin', 'priceMax'))
  .superRefine(windowCheck);
export type AchievementSearchQuery = z.infer<typeof AchievementSearchQuery>;

export const DEMAND_FACETS = ['field', 'region', 'modes', 'orgKind', 'minTrl'] as const;
export const DEMAND_SORTS = ['relevance', 'newest', 'budget_desc', 'budget_asc', 'deadline_asc'] as const;

/** GET /api/search/demands */
export const DemandSearchQuery = z
  .strictObject({
    q,
    field: list(FIELD_CODES).optional(),
    region: list(REGION_CODES).optional(),
    mode: list(DEAL_MODE_CODES).optional(),
    orgKind: list(ORG_KINDS).optional(),
    orgId: objectId.optional(),
    /** Budget range in fen: demands whose budget range overlaps [budgetMin, budgetMax]. */
    budgetMin: int(0, MAX_FEN).optional(),
    budgetMax: int(0, MAX_FEN).optional(),
    /** A technology at this TRL qualifies: demands whose minimum TRL is at most this. */
    minTrl: int(1, 9).optional(),
    facets: list(DEMAND_FACETS).optional(),
    sort: z.enum(DEMAND_SORTS).default('relevance'),
    ...paging,
  })
  .superRefine(rangeCheck('budgetMin', 'budgetMax'))
  .superRefine(windowCheck);
export type DemandSearchQuery = z.infer<typeof DemandSearchQuery>;
