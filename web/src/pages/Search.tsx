import { lazy, Suspense, useEffect, useState } from 'react';
import { NavLink, useSearchParams } from 'react-router-dom';
import { Badge, Button, Col, Empty, Grid, Row, Skeleton } from 'antd';
// The search box alone (not the whole Input family with TextArea, Password and OTP).
import SearchInput from 'antd/es/input/Search';
import { FilterOutlined } from '@ant-design/icons';
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
import { SaveSearch } from '../components/SaveSearch';

// Filters, sort and pager load in parallel with the first results, in their own chunk.
const controls = () => import('../components/SearchControls');
const Filters = lazy(() => controls().then((m) => ({ default: m.Filters })));
const FilterDrawer = lazy(() => controls().then((m) => ({ default: m.FilterDrawer })));
const SortSelect = lazy(() => controls().then((m) => ({ default: m.SortSelect })));
const Pager = lazy(() => controls().then((m) => ({ default: m.Pager })));

/** Home: search achievements (or demands) with text, facets, filters, highlights and paging; the URL holds the query. */
export default function Search({ kind }: { kind: SearchKind }) {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const { user } = useAuth();
  const screens = Grid.useBreakpoint();
  const narrow = !(screens.lg ?? true);
  const [drawer, setDrawer] = useState(false);
  const [text, setText] = useState(sp.get('q') ?? '');
  const key = sp.toString();
  useEffect(() => setText(sp.get('q') ?? ''), [sp]);
  useEffect(() => {
    void controls();
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
          <SearchInput
            size="large"
            enterButton={t('search.button')}
            placeholder={placeholder}
            aria-label={placeholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            allowClear
            name="q"
          />
        </form>
      </section>

      <Row gutter={[24, 24]}>
        {!narrow && (
          <Col lg={6}>
            <section className="tb-panel tb-filter-card" aria-labelledby="filters-h">
              <h2 id="filters-h" className="tb-panel-title">
                {t('search.filters')}
              </h2>
              <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                <Filters kind={kind} sp={sp} facets={facets} update={update} />
              </Suspense>
            </section>
          </Col>
        )}
        <Col xs={24} lg={18}>
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
                <Badge count={(['field', 'region', 'mode', 'ipType'] as const).reduce((n, k) => n + (sp.get(k)?.split(',').filter(Boolean).length ?? 0), 0)} size="small">
                  <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)}>
                    {t('search.filters')}
                  </Button>
                </Badge>
              )}
              {user && <SaveSearch kind={kind} sp={sp} />}
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
                  <Skeleton active paragraph={{ rows: 2 }} />
                </div>
              ))}
            </div>
          ) : data && data.hits.length === 0 ? (
            <Empty description={t('search.empty')} />
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
        </Col>
      </Row>
      {narrow && drawer && (
        <Suspense fallback={null}>
          <FilterDrawer open={drawer} onClose={() => setDrawer(false)} kind={kind} sp={sp} facets={facets} update={update} />
        </Suspense>
      )}
    </div>
  );
}
