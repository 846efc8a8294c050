import { z } from 'zod';
import { FIELD_CODES, REGION_CODES, DEAL_MODE_CODES, IP_TYPE_CODES } from '@techbridge/search/taxonomy';
import { text } from '../common/schemas';

const trl = z.number().int().min(1, 'must be at least 1').max(9, 'must be at most 9');
const fen = z.number().int().min(0, 'must not be negative').max(1e15, 'is too large');

/**
 * An alert: a saved search — the search page's query and filters (`q`, `field`, `region`, `mode`,
 * `ipType`, `trlMin`/`trlMax`, prices in fen) — or a follow of fields and/or regions.
 */
export const AlertInput = z
  .strictObject({
    kind: z.enum(['search', 'follow']),
    name: text(100).default(''),
    target: z.enum(['achievements', 'demands']),
    q: text(200).default(''),
    field: z.array(z.enum(FIELD_CODES)).max(30, 'at most 30 values').default([]),
    region: z.array(z.enum(REGION_CODES)).max(40, 'at most 40 values').default([]),
    mode: z.array(z.enum(DEAL_MODE_CODES)).max(3).default([]),
    ipType: z.array(z.enum(IP_TYPE_CODES)).max(20).default([]),
    trlMin: trl.nullable().default(null),
    trlMax: trl.nullable().default(null),
    priceMin: fen.nullable().default(null),
    priceMax: fen.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'follow' && !v.field.length && !v.region.length)
      ctx.addIssue({ code: 'custom', path: ['field'], message: 'follow at least one field or region' });
    if (v.kind === 'search' && !v.q && !v.field.length && !v.region.length && !v.mode.length && !v.ipType.length && v.trlMin === null && v.trlMax === null && v.priceMin === null && v.priceMax === null)
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'a saved search needs a query or at least one filter' });
    if (v.trlMin !== null && v.trlMax !== null && v.trlMin > v.trlMax) ctx.addIssue({ code: 'custom', path: ['trlMax'], message: 'must not be below trlMin' });
    if (v.priceMin !== null && v.priceMax !== null && v.priceMin > v.priceMax) ctx.addIssue({ code: 'custom', path: ['priceMax'], message: 'must not be below priceMin' });
  });
export type AlertInput = z.infer<typeof AlertInput>;
