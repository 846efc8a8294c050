import { Types } from 'mongoose';
import {
  compactPatentQuery,
  ACHIEVEMENTS_INDEX,
  DEMANDS_INDEX,
  SearchQueryError,
  type Filter,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
  type SortSpec,
} from '@techbridge/search';
import { AppError, badRequest } from '../errors';
import { trusted } from '../db';
import type { SessionUser } from '../auth/auth.types';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Org } from '../orgs/org.model';
import { findByIds, populateRefs } from '../store/store';
import { SEARCHABLE_ACHIEVEMENT_STATUSES } from '../achievements/achievements.policy';
import { SEARCHABLE_DEMAND_STATUSES } from '../demands/demands.policy';
import { presentAchievement } from '../achievements/achievements.presenter';
import { demandView } from '../demands/demands.service';
import {
  ACHIEVEMENT_FACETS,
  DEMAND_FACETS,
  type AchievementSearchQuery,
  type DemandSearchQuery,
} from './search.schemas';

const ORG_FIELDS = 'name kind region verified';
type AchievementRow = Parameters<typeof presentAchievement>[0];
type DemandRow = Parameters<typeof demandView>[1];

const inFilter = (field: string, values: readonly string[] | undefined): Filter[] =>
  values?.length ? [{ field, op: 'in', values }] : [];
const range = (field: string, min?: number, max?: number): Filter[] =>
  min === undefined && max === undefined ? [] : [{ field, op: 'range', min, max }];

/** Engine failures are a 503 (the listing data is safe; search is just not answering). */
async function run<T>(engine: SearchEngine, index: string, query: SearchQuery) {
  try {
    return await engine.search<T>(index, query);
  } catch (err) {
    if (err instanceof SearchQueryError) throw badRequest('invalid_query', err.message);
    throw new AppError(503, 'search_unavailable', 'Search is temporarily unavailable; please try again shortly');
  }
}

/**
 * The engine's hits as the API answers them: each re-read from the database (with its organisation)
 * and shown through its presenter; a hit whose listing is gone or no longer searchable (the index
 * lagging behind a withdrawal) is dropped.
 */
async function hydrate<Row extends { _id: unknown }, View>(
  result: SearchResult<unknown>,
  q: { page: number; pageSize: number },
  read: (ids: Types.ObjectId[]) => Promise<Row[]>,
  present: (row: Row) => View,
) {
  const ids = result.hits.filter((h) => Types.ObjectId.isValid(h.id)).map((h) => new Types.ObjectId(h.id));
  const rows = ids.length ? await populateRefs(await read(ids), 'org', Org as never, ORG_FIELDS) : [];
  const byId = new Map(rows.map((r) => [String(r._id), r]));
  return {
    hits: result.hits.flatMap((h) => {
      const row = byId.get(h.id);
      return row ? [{ id: h.id, score: h.score, highlights: h.highlights, listing: present(row) }] : [];
    }),
    total: result.total,
    facets: result.facets,
    page: q.page,
    pageSize: q.pageSize,
    processingTimeMs: result.processingTimeMs,
  };
}

const ACHIEVEMENT_SORT: Record<AchievementSearchQuery['sort'], SortSpec[]> = {
  relevance: [],
  newest: [{ field: 'publishedAt', dir: 'desc' }],
  price_asc: [{ field: 'askingPrice', dir: 'asc' }],
  price_desc: [{ field: 'askingPrice', dir: 'desc' }],
  trl_desc: [{ field: 'trl', dir: 'desc' }, { field: 'publishedAt', dir: 'desc' }],
};

/** Relevance without text has nothing to rank by: newest first then. */
const sortFor = <K extends string>(table: Record<K, SortSpec[]>, sort: K, text: string | undefined) =>
  sort === 'relevance' && !text ? [{ field: 'publishedAt', dir: 'desc' as const }] : table[sort];

/**
 * Full-text and faceted search over published achievements. Hits are re-read from the database and
 * shown through the presenter (never with details); a hit whose listing is no longer searchable
 * (the index lagging behind a withdrawal) is dropped.
 */
export async function searchAchievements(engine: SearchEngine, q: AchievementSearchQuery) {
  const filters: Filter[] = [
    { field: 'status', op: 'in', values: SEARCHABLE_ACHIEVEMENT_STATUSES },
    ...inFilter('field', q.field),
    ...inFilter('region', q.region),
    ...inFilter('modes', q.mode),
    ...inFilter('ipType', q.ipType),
    ...inFilter('orgKind', q.orgKind),
    ...(q.orgId ? [{ field: 'orgId', op: 'eq', value: q.orgId.toLowerCase() } as Filter] : []),
    ...range('trl', q.trlMin, q.trlMax),
    ...range('askingPrice', q.priceMin, q.priceMax),
  ];
  // A patent number typed with spaces (ZL 2017 1 0601862.3) is searched as the one word it is.
  const text = q.q ? compactPatentQuery(q.q) : undefined;
  const result = await run(engine, ACHIEVEMENTS_INDEX, {
    text,
    filters,
    facets: q.facets ?? ACHIEVEMENT_FACETS,
    sort: sortFor(ACHIEVEMENT_SORT, q.sort, text),
    page: q.page,
    pageSize: q.pageSize,
    highlight: text ? ['title.zh', 'title.en', 'summary.zh', 'summary.en'] : [],
  });
  return hydrate(result, q, (ids) => findByIds<AchievementRow>(Achievement as never, ids, { filter: { status: trusted({ $in: SEARCHABLE_ACHIEVEMENT_STATUSES }) }, projection: { details: 0 } }), presentAchievement);
}

const DEMAND_SORT: Record<DemandSearchQuery['sort'], SortSpec[]> = {
  relevance: [],
  newest: [{ field: 'publishedAt', dir: 'desc' }],
  budget_desc: [{ field: 'budgetMax', dir: 'desc' }],
  budget_asc: [{ field: 'budgetMax', dir: 'asc' }],
  deadline_asc: [{ field: 'deadline', dir: 'asc' }],
};

/**
 * Search over open demands. An anonymous demand shows its organisation only to that organisation
 * and to those it revealed itself to (the index never held its id).
 */
export async function searchDemands(engine: SearchEngine, viewer: SessionUser | null | undefined, q: DemandSearchQuery) {
  const filters: Filter[] = [
    { field: 'status', op: 'in', values: SEARCHABLE_DEMAND_STATUSES },
    ...inFilter('field', q.field),
    ...inFilter('region', q.region),
    ...inFilter('modes', q.mode),
    ...inFilter('orgKind', q.orgKind),
    ...(q.orgId ? [{ field: 'orgId', op: 'eq', value: q.orgId.toLowerCase() } as Filter] : []),
    // overlap of [budgetMin, budgetMax] with the demand's range
    ...range('budgetMax', q.budgetMin, undefined),
    ...range('budgetMin', undefined, q.budgetMax),
    ...range('minTrl', undefined, q.minTrl),
  ];
  const text = q.q || undefined;
  const result = await run(engine, DEMANDS_INDEX, {
    text,
    filters,
    facets: q.facets ?? DEMAND_FACETS,
    sort: sortFor(DEMAND_SORT, q.sort, text),
    page: q.page,
    pageSize: q.pageSize,
    highlight: text ? ['title.zh', 'title.en', 'description.zh', 'description.en'] : [],
  });
  return hydrate(result, q, (ids) => findByIds<DemandRow>(Demand as never, ids, { filter: { status: trusted({ $in: SEARCHABLE_DEMAND_STATUSES }) } }), (row) => demandView(viewer, row));
}
