// The answers of the partner-facing routes as zod schemas: the OpenAPI document describes them
// from here (`openapi.document.ts`), and `openapi.test.ts` parses real answers with them, so the
// document cannot drift from what the presenters send.
import { z } from 'zod';
import { ORG_KINDS } from '../auth/auth.schemas';
import { ACHIEVEMENT_STATUSES } from '../achievements/achievements.state';
import { LICENSE_EXCLUSIVITY, PATENT_STATUSES } from '../achievements/achievements.schemas';
import { DEMAND_STATUSES } from '../demands/demands.state';
import { DEAL_STATUSES, dealMode, OfferTerms } from '../deals/deals.schemas';
import { API_KEY_SCOPES } from '../apikeys/apikeys.schemas';

const id = z.string().regex(/^[0-9a-f]{24}$/).meta({ description: 'An id (24 hex characters)' });
const when = z.iso.datetime({ offset: true });
const Bilingual = z.strictObject({ zh: z.string(), en: z.string() }).meta({ id: 'Bilingual', description: 'Text in Chinese and English (either may be empty)' });
const fen = z.number().int().meta({ description: 'Money in fen (1/100 yuan)' });

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed, insufficient_scope' }),
      message: z.string(),
      field: z.string().optional().meta({ description: 'The input field at fault (400s)' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const OrgRef = z
  .union([
    z.strictObject({ id, kind: z.enum(ORG_KINDS).nullable(), name: Bilingual, region: z.string().nullable(), verified: z.boolean() }),
    z.strictObject({ id }),
  ])
  .meta({ id: 'OrgRef', description: "A listing's organisation (just the id when it could not be loaded)" });

const Mode = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('license'), askingPrice: fen.nullable(), minRoyaltyRate: z.number().nullable(), exclusivity: z.array(z.enum(LICENSE_EXCLUSIVITY)) }),
  z.strictObject({ mode: z.literal('transfer'), askingPrice: fen.nullable() }),
  z.strictObject({ mode: z.literal('equity'), equity: z.strictObject({ valuation: fen, maxSharePct: z.number() }).nullable() }),
]);

export const Achievement = z
  .strictObject({
    id,
    org: OrgRef,
    title: Bilingual,
    summary: Bilingual,
    details: Bilingual.optional().meta({ description: 'Confidential: only for the owner and organisations that accepted the current NDA' }),
    field: z.string(),
    keywords: z.array(z.string()),
    trl: z.number().int().min(1).max(9),
    ipType: z.string(),
    patents: z.array(z.strictObject({ number: z.string(), title: z.string(), status: z.enum(PATENT_STATUSES), expiry: when.nullable() })),
    modes: z.array(Mode),
    askingPrice: fen.nullable(),
    region: z.string(),
    status: z.enum(ACHIEVEMENT_STATUSES),
    version: z.number().int(),
    nda: z.strictObject({ version: z.number().int(), terms: Bilingual, accepted: z.boolean() }),
    access: z.strictObject({ owner: z.boolean(), details: z.boolean() }),
    publishedAt: when.nullable(),
    createdAt: when.nullable(),
    updatedAt: when.nullable(),
  })
  .meta({ id: 'Achievement', description: '科技成果 as the viewer may see it' });

export const Demand = z
  .strictObject({
    id,
    org: OrgRef.nullable().meta({ description: 'null for an anonymous demand the viewer may not identify' }),
    anonymous: z.boolean(),
    revealedTo: z.array(id).optional().meta({ description: "The owner's view only" }),
    title: Bilingual,
    description: Bilingual,
    field: z.string(),
    keywords: z.array(z.string()),
    budgetMin: fen.nullable(),
    budgetMax: fen.nullable(),
    deadline: when.nullable(),
    modes: z.array(dealMode),
    minTrl: z.number().int().nullable(),
    region: z.string(),
    status: z.enum(DEMAND_STATUSES),
    version: z.number().int(),
    access: z.strictObject({ owner: z.boolean() }),
    publishedAt: when.nullable(),
    closedAt: when.nullable(),
    createdAt: when.nullable(),
    updatedAt: when.nullable(),
  })
  .meta({ id: 'Demand', description: '技术需求 as the viewer may see it' });

const listPage = <T extends z.ZodType>(item: T, name: string) =>
  z.strictObject({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).meta({ id: name });
export const AchievementList = listPage(Achievement, 'AchievementList');
export const DemandList = listPage(Demand, 'DemandList');

const searchResult = <T extends z.ZodType>(listing: T, name: string) =>
  z
    .strictObject({
      hits: z.array(z.strictObject({ id, score: z.number().min(0).max(1), highlights: z.record(z.string(), z.string()), listing })),
      total: z.number().int(),
      facets: z.record(z.string(), z.record(z.string(), z.number().int())),
      page: z.number().int(),
      pageSize: z.number().int(),
      processingTimeMs: z.number(),
    })
    .meta({ id: name });
export const AchievementSearchResult = searchResult(Achievement, 'AchievementSearchResult');
export const DemandSearchResult = searchResult(Demand, 'DemandSearchResult');

const feedPage = <T extends z.ZodType>(item: T, name: string) =>
  z
    .strictObject({
      entries: z.array(
        z.discriminatedUnion('op', [
          z.strictObject({ op: z.literal('upsert'), id, updatedAt: when, version: z.number().int(), item }),
          z.strictObject({ op: z.literal('delete'), id, updatedAt: when, version: z.number().int(), status: z.string().meta({ description: 'Why it left the market (withdrawn, closed, transacted…)' }) }),
        ]),
      ),
      nextCursor: z.string().meta({ description: 'Pass as updatedSince for the next page (opaque)' }),
      hasMore: z.boolean().meta({ description: 'The page was full: ask again at once' }),
      horizon: when.meta({ description: 'Changes up to this instant are covered; later ones come on later pages' }),
    })
    .meta({ id: name });
export const AchievementFeedPage = feedPage(Achievement, 'AchievementFeedPage');
export const DemandFeedPage = feedPage(Demand, 'DemandFeedPage');

const DealOrg = z.strictObject({ id, name: Bilingual });
const Offer = z
  .strictObject({
    version: z.number().int(),
    replacesVersion: z.number().int().nullable(),
    mode: dealMode,
    terms: OfferTerms,
    note: z.string(),
    side: z.enum(['supplier', 'buyer', 'broker']),
    author: z.strictObject({ id, name: z.string() }),
    createdAt: when,
    status: z.string(),
    closedBy: z.string().nullable(),
    closedAt: when.nullable(),
    closeReason: z.string(),
    acceptances: z.array(z.strictObject({ side: z.enum(['supplier', 'buyer', 'broker']), userId: id, name: z.string(), at: when })),
  })
  .meta({ id: 'Offer' });
const dealShape = {
  id,
  achievement: z.strictObject({ id, title: Bilingual }),
  demandId: id.nullable(),
  matchId: id.nullable(),
  supplier: DealOrg,
  buyer: DealOrg,
  broker: DealOrg.nullable(),
  mode: dealMode,
  status: z.enum(DEAL_STATUSES),
  cancelReason: z.string(),
  currentOfferVersion: z.number().int(),
  agreedOfferVersion: z.number().int().nullable(),
  currentOffer: Offer.nullable(),
  nextStatuses: z.array(z.enum(DEAL_STATUSES)),
  openedBy: id,
  createdAt: when,
  updatedAt: when,
  version: z.number().int(),
};
export const Deal = z.strictObject(dealShape).meta({ id: 'Deal', description: 'A deal as its participants see it' });
export const DealDetail = z.strictObject({ ...dealShape, lastSeq: z.number().int().meta({ description: "The room's last message number" }) }).meta({ id: 'DealDetail' });
export const DealList = listPage(Deal, 'DealList');

export const ApiKeyView = z
  .strictObject({ id, name: z.string(), prefix: z.string(), scopes: z.array(z.enum(API_KEY_SCOPES)), createdBy: id, createdAt: when.nullable(), lastUsedAt: when.nullable(), revokedAt: when.nullable() })
  .meta({ id: 'ApiKey' });
export const CreatedApiKey = z
  .strictObject({ ...ApiKeyView.shape, key: z.string().meta({ description: 'The key itself: shown in this answer only, store it now' }) })
  .meta({ id: 'CreatedApiKey' });
export const ApiKeyList = z.strictObject({ items: z.array(ApiKeyView) }).meta({ id: 'ApiKeyList' });
