import { z } from 'zod';
import { FIELD_CODES, IP_TYPE_CODES, REGION_CODES } from '@techbridge/search/taxonomy';
import { bilingual, bilingualOptional, text } from '../common/schemas';
import { normalizePatentNumber, parsePatentNumber } from './patent-number';
import { ACHIEVEMENT_STATUSES } from './achievements.state';
import { MAX_FEN } from '../contract/money';

export { MAX_FEN };
export const fen = z.number().int('must be a whole number of fen').min(0, 'must not be negative').max(MAX_FEN, 'is too large');

/** A percentage 0–100 with at most two decimals. */
const percent = z
  .number()
  .min(0, 'must be at least 0')
  .max(100, 'must be at most 100')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'has at most two decimals');

/** A calendar date, `YYYY-MM-DD` or a full ISO 8601 timestamp. */
export const isoDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO date (YYYY-MM-DD)' })
  .transform((s) => new Date(s));

export const PATENT_STATUSES = ['pending', 'granted', 'expired'] as const;
export const LICENSE_EXCLUSIVITY = ['exclusive', 'sole', 'non-exclusive'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];
export type LicenseExclusivity = (typeof LICENSE_EXCLUSIVITY)[number];
export const PATENT_IP_TYPES = ['invention-patent', 'utility-model', 'design-patent'] as const;

export const PatentInput = z
  .strictObject({
    number: z.string().max(40, 'is too long').transform(normalizePatentNumber),
    title: text(300).default(''),
    status: z.enum(PATENT_STATUSES),
    expiry: isoDate.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    const parsed = parsePatentNumber(p.number);
    if (!parsed.ok) return void ctx.addIssue({ code: 'custom', path: ['number'], message: parsed.message });
    const isGranted = p.status === 'granted' || p.status === 'expired';
    if (parsed.value.prefix === 'ZL' && !isGranted)
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'a ZL number is a granted patent; status cannot be pending' });
    if (parsed.value.prefix !== 'ZL' && isGranted)
      ctx.addIssue({ code: 'custom', path: ['number'], message: `a ${p.status} patent is written with ZL (ZL${parsed.value.normalized.replace(/^CN/, '')})` });
  });
export type PatentInput = z.infer<typeof PatentInput>;

const LicenseTerms = z.strictObject({
  mode: z.literal('license'),
  /** Upfront licence fee in fen; absent = negotiable. */
  askingPrice: fen.nullable().default(null),
  /** Minimum running royalty in percent of net sales. */
  minRoyaltyRate: percent.nullable().default(null),
  exclusivity: z
    .array(z.enum(LICENSE_EXCLUSIVITY))
    .min(1, 'name at least one kind of licence')
    .max(3)
    .refine((a) => new Set(a).size === a.length, 'lists a kind twice')
    .default(['non-exclusive']),
});
const TransferTerms = z.strictObject({
  mode: z.literal('transfer'),
  /** Assignment price in fen; absent = negotiable. */
  askingPrice: fen.nullable().default(null),
});
const EquityTerms = z.strictObject({
  mode: z.literal('equity'),
  equity: z
    .strictObject({ valuation: fen, maxSharePct: percent.refine((n) => n > 0, 'must be more than 0') })
    .nullable()
    .default(null),
});

/** The deal modes a listing accepts, each with its terms. */
export const ModeTermsInput = z.discriminatedUnion('mode', [LicenseTerms, TransferTerms, EquityTerms], {
  error: 'mode must be license, transfer or equity',
});
export type ModeTermsInput = z.infer<typeof ModeTermsInput>;

const keyword = text(40).min(1, 'must not be empty');

const achievementFields = {
  title: bilingual(200),
  summary: bilingual(3000),
  /** Confidential: shown only to the owner and organisations that accepted the NDA. */
  details: bilingualOptional(20_000).default({ zh: '', en: '' }),
  /** The NDA's own terms; empty = the platform's standard NDA. Changing it bumps ndaVersion. */
  ndaTerms: bilingualOptional(10_000).default({ zh: '', en: '' }),
  field: z.enum(FIELD_CODES),
  keywords: z.array(keyword).max(20, 'at most 20 keywords').default([]),
  trl: z.number().int('must be a whole number').min(1, 'must be 1–9').max(9, 'must be 1–9'),
  ipType: z.enum(IP_TYPE_CODES),
  patents: z.array(PatentInput).max(50, 'at most 50 patents').default([]),
  modes: z.array(ModeTermsInput).min(1, 'name at least one deal mode').max(3),
  region: z.enum(REGION_CODES),
};

type CrossCheckable = { ipType?: string; patents?: { number: string }[]; modes?: { mode: string }[] };

/** Rules across fields: patents agree with the IP type; each mode once. Used on create, edit (merged) and import. */
export function achievementCrossIssues(v: CrossCheckable): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const patentType = (PATENT_IP_TYPES as readonly string[]).includes(v.ipType ?? '');
  (v.patents ?? []).forEach((p, i) => {
    const parsed = parsePatentNumber(p.number);
    if (!parsed.ok) return;
    if (!patentType)
      issues.push({ path: ['patents', i, 'number'], message: `a ${v.ipType} listing carries no patents (choose a patent IP type)` });
    else if (parsed.value.ipType !== v.ipType)
      issues.push({
        path: ['patents', i, 'number'],
        message: `type digit ${parsed.value.typeDigit} is a ${parsed.value.ipType} number, but the listing's ipType is ${v.ipType}`,
      });
  });
  const seen = new Set<string>();
  (v.modes ?? []).forEach((m, i) => {
    if (seen.has(m.mode)) issues.push({ path: ['modes', i, 'mode'], message: `mode ${m.mode} is listed twice` });
    seen.add(m.mode);
  });
  return issues;
}

export const AchievementInput = z.strictObject(achievementFields).superRefine((v, ctx) => {
  for (const i of achievementCrossIssues(v)) ctx.addIssue({ code: 'custom', ...i });
});
export type AchievementInput = z.infer<typeof AchievementInput>;

/** PATCH body: any subset of the fields plus the `version` the editor saw (409 when stale). */
export const AchievementPatch = z.strictObject({
  title: bilingual(200).optional(),
  summary: bilingual(3000).optional(),
  details: bilingualOptional(20_000).optional(),
  ndaTerms: bilingualOptional(10_000).optional(),
  field: z.enum(FIELD_CODES).optional(),
  keywords: z.array(keyword).max(20, 'at most 20 keywords').optional(),
  trl: achievementFields.trl.optional(),
  ipType: z.enum(IP_TYPE_CODES).optional(),
  patents: z.array(PatentInput).max(50, 'at most 50 patents').optional(),
  modes: z.array(ModeTermsInput).min(1, 'name at least one deal mode').max(3).optional(),
  region: z.enum(REGION_CODES).optional(),
  version: z.number().int().min(1),
});
export type AchievementPatch = z.infer<typeof AchievementPatch>;

/** Body of a status transition: optionally the version the caller saw. */
export const TransitionInput = z.strictObject({ version: z.number().int().min(1).optional() });
export type TransitionInput = z.infer<typeof TransitionInput>;

/** POST /achievements/:id/nda — the NDA version the viewer read and accepts. */
export const NdaAcceptInput = z.strictObject({ ndaVersion: z.number().int().min(1) });

export const MyListingsQuery = z.strictObject({
  status: z.enum(ACHIEVEMENT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** POST /achievements/import?allOrNothing=true — create nothing when any row is invalid. */
export const ImportQuery = z.strictObject({
  allOrNothing: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;
