import { z } from 'zod';
import { DEAL_MODE_CODES, FIELD_CODES, REGION_CODES } from '@techbridge/search/taxonomy';
import { bilingual, objectId, text } from '../common/schemas';
import { fen, isoDate } from '../achievements/achievements.schemas';
import { DEMAND_STATUSES } from './demands.state';

const trl = z.number().int('must be a whole number').min(1, 'must be 1–9').max(9, 'must be 1–9');
const modes = z
  .array(z.enum(DEAL_MODE_CODES))
  .max(3)
  .refine((a) => new Set(a).size === a.length, 'lists a mode twice');

const demandFields = {
  title: bilingual(200),
  description: bilingual(5000),
  field: z.enum(FIELD_CODES),
  keywords: z.array(text(40).min(1, 'must not be empty')).max(20, 'at most 20 keywords').default([]),
  /** Budget range in fen; either end may be open. */
  budgetMin: fen.nullable().default(null),
  budgetMax: fen.nullable().default(null),
  deadline: isoDate.nullable().default(null),
  modes: modes.default([]),
  minTrl: trl.nullable().default(null),
  region: z.enum(REGION_CODES),
  /** Hide the organisation until it reveals itself to a counterpart. */
  anonymous: z.boolean().default(false),
};

const budgetIssue = (v: { budgetMin?: number | null; budgetMax?: number | null }) =>
  v.budgetMin != null && v.budgetMax != null && v.budgetMin > v.budgetMax;

export const DemandInput = z.strictObject(demandFields).superRefine((v, ctx) => {
  if (budgetIssue(v)) ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: 'must not be below budgetMin' });
});
export type DemandInput = z.infer<typeof DemandInput>;

export const DemandPatch = z.strictObject({
  title: bilingual(200).optional(),
  description: bilingual(5000).optional(),
  field: z.enum(FIELD_CODES).optional(),
  keywords: demandFields.keywords.unwrap().optional(),
  budgetMin: fen.nullable().optional(),
  budgetMax: fen.nullable().optional(),
  deadline: isoDate.nullable().optional(),
  modes: modes.optional(),
  minTrl: trl.nullable().optional(),
  region: z.enum(REGION_CODES).optional(),
  anonymous: z.boolean().optional(),
  version: z.number().int().min(1),
});
export type DemandPatch = z.infer<typeof DemandPatch>;

/** POST /demands/:id/reveal — the organisation the anonymous enterprise reveals its name to. */
export const RevealInput = z.strictObject({ orgId: objectId });

export const MyDemandsQuery = z.strictObject({
  status: z.enum(DEMAND_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
