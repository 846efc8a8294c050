import { Suspense, useEffect, useState } from 'react';
import { NavLink, useSearchParams } from 'react-router-dom';
import CloseCircleFilled from '@ant-design/icons-svg/es/asn/CloseCircleFilled';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement, Demand, SearchResponse } from '../api/types';
import { AchievementCard, DemandCard } from '../components/ListingCard';
import { ErrorState } from '../components/States';
import { useRequest } from '../lib/hooks';
import { apiQuery, type SearchKind } from '../lib/searchQuery';
import { takePrefetched } from '../lib/prefetch';
import { toQueryString } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { Icon, LG, SearchBox, SkeletonBlock, useMedia } from '../components/plain';
import { antLazy } from '../components/antLazy';

// The page itself is plain elements (components/plain.tsx): its first results need no Ant Design.
// Filters, sort and pager — made with antd — load in parallel with the first results, in their
// own chunk.
const controls = () => import('../components/SearchControls');
const Filters = antLazy(() => controls().then((m) => m.Filters));
const FilterDrawer = antLazy(() => controls().then((m) => m.FilterDrawer));
const FilterButton = antLazy(() => controls().then((m) => m.FilterButton));
const SortSelect = antLazy(() => controls().then((m) => m.SortSelect));
const Pager = antLazy(() => controls().then((m) => m.Pager));
const NoResults = antLazy(() => controls().then((m) => m.NoResults));
const SaveSearch = antLazy(() => import('../components/SaveSearch').then((m) => m.SaveSearch));

/** Home: search achievements (or demands) with text, facets, filters, highlights and paging; the URL holds the query. */
export default function Search({ kind }: { kind: SearchKind }) {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const { user } = useAuth();
  const narrow = !useMedia(LG);
  const [drawer, setDrawer] = useState(false);
  const [text, setText] = useState(sp.get('q') ?? '');
  const key = sp.toString();
  useEffect(() => setText(sp.get('q') ?? ''), [sp]);
  useEffect(() => {
    void controls();
    void import('../components/AntAppShell');
  }, []);

  const res = useRequest(() => {
    const path = `/api/search/${kind}${toQueryString(apiQuery(sp, kind))}`;
    return (takePrefetched(path) as Promise<SearchResponse<Achievement | Demand>> | null) ?? api.get<SearchResponse<Achievement | Demand>>(path);
  }, [kind, key]);

  /** Changes URL parameters; any filter change returns to page 1. */
  const update = (changes: Record<string, string | number | string[] | undefined | null>, keepPage = false) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(changes)) {
      const s = Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v);
      if (s) next.set(k, s);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setSp(next);
  };

  const data = res.data;
  const facets = data?.facets ?? {};
  const placeholder = kind === 'achievements' ? t('search.placeholder') : t('search.placeholderDemands');

  return (
    <div className="tb-search">
      <section className="tb-hero" aria-labelledby="hero-title">
        <h1 id="hero-title" className="tb-hero-title">
          {t('home.title')}
        </h1>
        <p className="tb-hero-lead">{t('home.lead')}</p>
        <nav className="tb-hero-tabs" aria-label={t('home.searchWhat')}>
          <NavLink to="/" end className={({ isActive }) => (isActive ? 'active' : '')}>
            {t('home.tabAchievements')}
          </NavLink>
          <NavLink to="/demands" className={({ isActive }) => (isActive ? 'active' : '')}>
            {t('home.tabDemands')}
          </NavLink>
        </nav>
        <form
          role="search"
          className="tb-hero-search"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: text.trim() || undefined });
          }}
        >
          <SearchBox
            button={t('search.button')}
            placeholder={placeholder}
            label={placeholder}
            clearLabel={t('search.clear')}
            clearIcon={<Icon def={CloseCircleFilled} />}
            value={text}
            onChange={setText}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            name="q"
          />
        </form>
      </section>

      <div className="tb-search-grid">
        {!narrow && (
          <div className="tb-search-side">
            <section className="tb-panel tb-filter-card" aria-labelledby="filters-h">
              <h2 id="filters-h" className="tb-panel-title">
                {t('search.filters')}
              </h2>
              <Suspense fallback={<SkeletonBlock rows={8} />}>
                <Filters kind={kind} sp={sp} facets={facets} update={update} />
              </Suspense>
            </section>
          </div>
        )}
        <div className="tb-search-main">
          <div className="tb-results-head">
            <div aria-live="polite" data-testid="result-count">
              {res.loading ? (
                <span data-testid="searching">{t('search.searching')}</span>
              ) : data ? (
                <span>{sp.get('q') ? t('search.resultsFor', { count: data.total, q: sp.get('q') }) : t('search.results', { count: data.total })}</span>
              ) : null}
            </div>
            <div className="tb-results-tools">
              {narrow && (
                <Suspense fallback={null}>
                  <FilterButton sp={sp} onClick={() => setDrawer(true)} />
                </Suspense>
              )}
              {user && (
                <Suspense fallback={null}>
                  <SaveSearch kind={kind} sp={sp} />
                </Suspense>
              )}
              <Suspense fallback={null}>
                <SortSelect kind={kind} sp={sp} update={update} />
              </Suspense>
            </div>
          </div>
          {res.error ? (
            <ErrorState error={res.error} onRetry={res.reload} />
          ) : res.loading && !data?.hits.length ? (
            <div aria-busy="true">
              {[0, 1, 2].map((i) => (
                <div key={i} className="tb-listing tb-panel">
                  <SkeletonBlock rows={2} />
                </div>
              ))}
            </div>
          ) : data && data.hits.length === 0 ? (
            <Suspense fallback={null}>
              <NoResults />
            </Suspense>
          ) : (
            <div className={res.loading ? 'tb-results tb-dim' : 'tb-results'} data-testid="results" aria-busy={res.loading}>
              {data?.hits.map((h) =>
                kind === 'achievements' ? (
                  <AchievementCard key={h.id} doc={h.listing as Achievement} highlights={h.highlights} />
                ) : (
                  <DemandCard key={h.id} doc={h.listing as Demand} highlights={h.highlights} />
                ),
              )}
            </div>
          )}
          {data && (
            <Suspense fallback={null}>
              <Pager sp={sp} total={data.total} update={update} />
            </Suspense>
          )}
        </div>
      </div>
      {narrow && drawer && (
        <Suspense fallback={null}>
          <FilterDrawer open={drawer} onClose={() => setDrawer(false)} kind={kind} sp={sp} facets={facets} update={update} />
        </Suspense>
      )}
    </div>
  );
}
