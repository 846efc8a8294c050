// Whether a new listing matches an alert (pure). Filters as the search page applies them: any of
// the listed values per filter, all filters together; a region matches on its province. The query
// text: every whitespace-separated term occurs (case-insensitive) in the title, summary or
// description (either language) or a keyword — the substring test serves Chinese, which has no
// spaces (电池 finds 锂电池正极材料). The search engine's synonyms and typo tolerance are not applied.

/** GB/T 2260: a province code is `xx0000`; its cities share the first two digits. */
const sameProvince = (a: string, b: string) => a.length >= 2 && a.slice(0, 2) === b.slice(0, 2);

export interface AlertCriteria {
  target: 'achievements' | 'demands';
  q?: string | null;
  field?: readonly string[] | null;
  region?: readonly string[] | null;
  mode?: readonly string[] | null;
  ipType?: readonly string[] | null;
  trlMin?: number | null;
  trlMax?: number | null;
  priceMin?: number | null;
  priceMax?: number | null;
}

export interface ListingForAlert {
  title?: { zh?: string | null; en?: string | null } | null;
  summary?: { zh?: string | null; en?: string | null } | null;
  description?: { zh?: string | null; en?: string | null } | null;
  keywords?: readonly string[] | null;
  field?: string | null;
  region?: string | null;
  ipType?: string | null;
  trl?: number | null;
  minTrl?: number | null;
  /** Achievements: `{ mode, askingPrice }`; demands: mode codes. */
  modes?: readonly ({ mode?: string | null; askingPrice?: number | null } | string)[] | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
}

const any = (wanted: readonly string[] | null | undefined, has: (v: string) => boolean) => !wanted?.length || wanted.some(has);

/** True when `l` (of the alert's target kind) matches every criterion of the alert. */
export function matchesAlert(a: AlertCriteria, l: ListingForAlert): boolean {
  const achievement = a.target === 'achievements';
  const modes = (l.modes ?? []).map((m) => (typeof m === 'string' ? m : (m.mode ?? '')));
  if (!any(a.field, (f) => l.field === f)) return false;
  if (!any(a.region, (r) => !!l.region && (l.region === r || (r.endsWith('0000') && sameProvince(r, l.region))))) return false;
  if (!any(a.mode, (m) => modes.includes(m))) return false;
  if (achievement && !any(a.ipType, (t) => l.ipType === t)) return false;
  const trl = achievement ? l.trl : l.minTrl;
  if (a.trlMin != null && (trl == null || trl < a.trlMin)) return false;
  if (a.trlMax != null && (trl == null || trl > a.trlMax)) return false;
  if (a.priceMin != null || a.priceMax != null) {
    const lo = a.priceMin ?? 0;
    const hi = a.priceMax ?? Number.MAX_SAFE_INTEGER;
    if (achievement) {
      const prices = (l.modes ?? []).flatMap((m) => (typeof m === 'string' || m.askingPrice == null ? [] : [m.askingPrice]));
      if (!prices.some((p) => p >= lo && p <= hi)) return false;
    } else {
      // The budget range overlaps the wanted range.
      if (l.budgetMax != null && l.budgetMax < lo) return false;
      if (l.budgetMin != null && l.budgetMin > hi) return false;
    }
  }
  const terms = (a.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length) {
    const hay = [l.title?.zh, l.title?.en, l.summary?.zh, l.summary?.en, l.description?.zh, l.description?.en, ...(l.keywords ?? [])]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    if (!terms.every((t) => hay.includes(t))) return false;
  }
  return true;
}
