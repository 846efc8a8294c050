// The search page keeps its whole state in the URL; these helpers read it and turn it into the
// API's query (prices travel in the URL as 万元, to the API as fen).
import { wanToFen } from '@techbridge/api/contract';

export type SearchKind = 'achievements' | 'demands';
export const PAGE_SIZE = 10;
export const LIST_KEYS = ['field', 'region', 'mode', 'ipType'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export const list = (sp: URLSearchParams, key: string) => (sp.get(key) ?? '').split(',').filter(Boolean);
export const num = (sp: URLSearchParams, key: string) => {
  const v = sp.get(key);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** A 万元 amount from the URL as fen; one too large to convert (a hand-made URL) is left out. */
function fenParam(sp: URLSearchParams, key: string): number | undefined {
  const wan = num(sp, key);
  if (wan === undefined) return undefined;
  try {
    return wanToFen(wan);
  } catch {
    return undefined;
  }
}

/** The API query for the page's URL parameters. */
export function apiQuery(sp: URLSearchParams, kind: SearchKind) {
  const priceMin = fenParam(sp, 'priceMin');
  const priceMax = fenParam(sp, 'priceMax');
  return {
    q: sp.get('q') ?? undefined,
    field: list(sp, 'field'),
    region: list(sp, 'region'),
    mode: list(sp, 'mode'),
    ...(kind === 'achievements'
      ? {
          ipType: list(sp, 'ipType'),
          trlMin: num(sp, 'trlMin'),
          trlMax: num(sp, 'trlMax'),
          priceMin,
          priceMax,
        }
      : {
          budgetMin: priceMin,
          budgetMax: priceMax,
        }),
    sort: sp.get('sort') ?? undefined,
    page: num(sp, 'page') ?? 1,
    pageSize: PAGE_SIZE,
  };
}
