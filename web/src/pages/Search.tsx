import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Checkbox, Col, Drawer, Empty, Grid, Input, InputNumber, Pagination, Row, Select, Skeleton, Slider, Space, Tabs, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEAL_MODES, FIELDS, IP_TYPES, REGIONS } from '@techbridge/search/taxonomy';
import { api } from '../api/client';
import type { Achievement, Demand, SearchResponse } from '../api/types';
import { AchievementCard, DemandCard } from '../components/ListingCard';
import { ErrorState } from '../components/States';
import { useLang, useRequest } from '../lib/hooks';
import { wanToFen } from '../lib/format';

type Kind = 'achievements' | 'demands';
const PAGE_SIZE = 10;
const LIST_KEYS = ['field', 'region', 'mode', 'ipType'] as const;
type ListKey = (typeof LIST_KEYS)[number];

const list = (sp: URLSearchParams, key: string) => (sp.get(key) ?? '').split(',').filter(Boolean);
const num = (sp: URLSearchParams, key: string) => {
  const v = sp.get(key);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** The API query for the URL state (prices travel in the URL as 万元, to the API as fen). */
function apiQuery(sp: URLSearchParams, kind: Kind) {
  const priceMin = num(sp, 'priceMin');
  const priceMax = num(sp, 'priceMax');
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
          priceMin: priceMin !== undefined ? wanToFen(priceMin) : undefined,
          priceMax: priceMax !== undefined ? wanToFen(priceMax) : undefined,
        }
      : {
          budgetMin: priceMin !== undefined ? wanToFen(priceMin) : undefined,
          budgetMax: priceMax !== undefined ? wanToFen(priceMax) : undefined,
        }),
    sort: sp.get('sort') ?? undefined,
    page: num(sp, 'page') ?? 1,
    pageSize: PAGE_SIZE,
  };
}

const FACET_OF: Record<ListKey, string> = { field: 'field', region: 'region', mode: 'modes', ipType: 'ipType' };

/** Home: search achievements (or demands) with text, facets, filters, highlights and paging; the URL holds the query. */
export default function Search({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [sp, setSp] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const narrow = !(screens.lg ?? true);
  const [drawer, setDrawer] = useState(false);
  const [text, setText] = useState(sp.get('q') ?? '');
  const key = sp.toString();
  useEffect(() => setText(sp.get('q') ?? ''), [sp]);

  const res = useRequest(
    () => api.get<SearchResponse<Achievement | Demand>>(`/api/search/${kind}`, apiQuery(sp, kind)),
    [kind, key],
  );

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

  const facets = res.data?.facets ?? {};
  const activeCount = LIST_KEYS.reduce((n, k) => n + list(sp, k).length, 0) + (sp.get('trlMin') || sp.get('trlMax') ? 1 : 0) + (sp.get('priceMin') || sp.get('priceMax') ? 1 : 0);

  const checkboxFacet = (k: ListKey, items: readonly { code: string; zh: string; en: string }[], limit = 30) => {
    const counts = facets[FACET_OF[k]] ?? {};
    const chosen = list(sp, k);
    const rows = items
      .map((it) => ({ ...it, count: counts[it.code] ?? 0 }))
      .filter((it) => it.count > 0 || chosen.includes(it.code))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
    if (!rows.length) return <Typography.Text type="secondary">{t('search.noFacet')}</Typography.Text>;
    return (
      <Checkbox.Group value={chosen} onChange={(v) => update({ [k]: v as string[] })} className="tb-facet-list">
        {rows.map((it) => (
          <Checkbox key={it.code} value={it.code}>
            <span className="tb-facet-label">{it[lang]}</span>
            <span className="tb-facet-count">{it.count}</span>
          </Checkbox>
        ))}
      </Checkbox.Group>
    );
  };

  const regionOptions = useMemo(() => {
    const counts = facets.region ?? {};
    return REGIONS.map((r) => ({ value: r.code, label: `${r[lang]}${counts[r.code] ? ` (${counts[r.code]})` : ''}` }));
  }, [facets.region, lang]);

  const filters = (
    <div className="tb-filters" aria-label={t('search.filters')} role="region">
      <section>
        <h3 id="f-field">{t('listing.field')}</h3>
        <div aria-labelledby="f-field">{checkboxFacet('field', FIELDS, 12)}</div>
      </section>
      <section>
        <h3 id="f-mode">{kind === 'achievements' ? t('listing.modes') : t('demand.modes')}</h3>
        <div aria-labelledby="f-mode">{checkboxFacet('mode', DEAL_MODES)}</div>
      </section>
      {kind === 'achievements' && (
        <>
          <section>
            <h3 id="f-ip">{t('listing.ipType')}</h3>
            <div aria-labelledby="f-ip">{checkboxFacet('ipType', IP_TYPES)}</div>
          </section>
          <section>
            <h3 id="f-trl">{t('listing.trl')}</h3>
            <Slider
              range
              min={1}
              max={9}
              marks={{ 1: '1', 5: '5', 9: '9' }}
              value={[num(sp, 'trlMin') ?? 1, num(sp, 'trlMax') ?? 9]}
              onChangeComplete={(v) => {
                const [a, b] = v as number[];
                update({ trlMin: a === 1 ? undefined : a, trlMax: b === 9 ? undefined : b });
              }}
              aria-label={t('listing.trl')}
              ariaLabelForHandle={[t('search.trlMin'), t('search.trlMax')]}
            />
          </section>
        </>
      )}
      <section>
        <h3 id="f-price">{kind === 'achievements' ? t('search.priceRange') : t('search.budgetRange')}</h3>
        <Space.Compact block>
          <InputNumber
            min={0}
            placeholder={t('search.min')}
            aria-label={t('search.priceMin')}
            value={num(sp, 'priceMin')}
            onChange={(v) => update({ priceMin: v ?? undefined })}
            style={{ width: '50%' }}
          />
          <InputNumber
            min={0}
            placeholder={t('search.max')}
            aria-label={t('search.priceMax')}
            value={num(sp, 'priceMax')}
            onChange={(v) => update({ priceMax: v ?? undefined })}
            style={{ width: '50%' }}
          />
        </Space.Compact>
        <Typography.Text type="secondary" className="tb-hint">
          {t('search.unitWan')}
        </Typography.Text>
      </section>
      <section>
        <h3 id="f-region">{t('org.region')}</h3>
        <Select
          mode="multiple"
          allowClear
          aria-labelledby="f-region"
          style={{ width: '100%' }}
          placeholder={t('search.anyRegion')}
          value={list(sp, 'region')}
          onChange={(v) => update({ region: v })}
          options={regionOptions}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </section>
      {activeCount > 0 && (
        <Button block onClick={() => update(Object.fromEntries([...LIST_KEYS, 'trlMin', 'trlMax', 'priceMin', 'priceMax'].map((k) => [k, undefined])))}>
          {t('search.clearFilters')}
        </Button>
      )}
    </div>
  );

  const sortOptions =
    kind === 'achievements'
      ? [
          { value: '', label: t('search.sort.relevance') },
          { value: 'newest', label: t('search.sort.newest') },
          { value: 'price_asc', label: t('search.sort.priceAsc') },
          { value: 'price_desc', label: t('search.sort.priceDesc') },
          { value: 'trl_desc', label: t('search.sort.trlDesc') },
        ]
      : [
          { value: '', label: t('search.sort.relevance') },
          { value: 'newest', label: t('search.sort.newest') },
          { value: 'budget_desc', label: t('search.sort.budgetDesc') },
          { value: 'deadline_asc', label: t('search.sort.deadlineAsc') },
        ];

  const data = res.data;
  const page = num(sp, 'page') ?? 1;

  return (
    <div className="tb-search">
      <section className="tb-hero" aria-labelledby="hero-title">
        <h1 id="hero-title" className="tb-hero-title">
          {t('home.title')}
        </h1>
        <p className="tb-hero-lead">{t('home.lead')}</p>
        <Tabs
          className="tb-hero-tabs"
          activeKey={kind}
          items={[
            { key: 'achievements', label: <Link to="/">{t('home.tabAchievements')}</Link> },
            { key: 'demands', label: <Link to="/demands">{t('home.tabDemands')}</Link> },
          ]}
        />
        <form
          role="search"
          className="tb-hero-search"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: text.trim() || undefined });
          }}
        >
          <Input.Search
            size="large"
            enterButton={t('search.button')}
            placeholder={kind === 'achievements' ? t('search.placeholder') : t('search.placeholderDemands')}
            aria-label={kind === 'achievements' ? t('search.placeholder') : t('search.placeholderDemands')}
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
            <Card size="small" title={t('search.filters')} className="tb-filter-card">
              {filters}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={18}>
          <div className="tb-results-head">
            <div aria-live="polite" data-testid="result-count">
              {data ? (
                <Typography.Text>
                  {sp.get('q') ? t('search.resultsFor', { count: data.total, q: sp.get('q') }) : t('search.results', { count: data.total })}
                </Typography.Text>
              ) : null}
            </div>
            <Space>
              {narrow && (
                <Badge count={activeCount} size="small">
                  <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)}>
                    {t('search.filters')}
                  </Button>
                </Badge>
              )}
              <Select
                aria-label={t('search.sortLabel')}
                value={sp.get('sort') ?? ''}
                onChange={(v) => update({ sort: v || undefined })}
                options={sortOptions}
                style={{ minWidth: 140 }}
              />
            </Space>
          </div>
          {res.error ? (
            <ErrorState error={res.error} onRetry={res.reload} />
          ) : res.loading && !data ? (
            <div aria-busy="true">
              {[0, 1, 2].map((i) => (
                <Card key={i} className="tb-listing" size="small">
                  <Skeleton active paragraph={{ rows: 2 }} />
                </Card>
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
          {data && data.total > PAGE_SIZE && (
            <Pagination
              className="tb-pager"
              current={page}
              pageSize={PAGE_SIZE}
              total={Math.min(data.total, PAGE_SIZE * 100)}
              showSizeChanger={false}
              onChange={(p) => {
                update({ page: p === 1 ? undefined : p }, true);
                window.scrollTo({ top: 0, behavior: 'smooth' });
              }}
            />
          )}
        </Col>
      </Row>
      <Drawer open={drawer} onClose={() => setDrawer(false)} title={t('search.filters')} placement="left">
        {filters}
      </Drawer>
    </div>
  );
}
