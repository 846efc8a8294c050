import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Col, Row, Segmented, Select, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REGIONS } from '@techbridge/search/taxonomy';
import { formatWan } from '@techbridge/api/contract';
import type { PublicIndicatorsResponse } from '../../api/types';
import { ErrorState, PageLoading } from '../../components/States';
import { useLang, type RequestState } from '../../lib/hooks';
import { ChartCard } from './ChartCard';
import { buildSpecs, type Group } from './specs';
import type { ChartSpec } from './chartSpec';
import './i18n';
import './indicators.css';

/** The query of an indicators request, as the page's URL holds it. */
export interface Filters {
  year: number;
  province?: string;
  city?: string;
}

const FIRST_YEAR = 2020;

/** The filters from `?year=&province=&city=` (this year by default). */
export function useFilters(): [Filters, (next: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const now = new Date().getFullYear();
  const y = Number(params.get('year'));
  const filters: Filters = {
    year: Number.isInteger(y) && y >= FIRST_YEAR && y <= now ? y : now,
    province: params.get('province') || undefined,
    city: params.get('city') || undefined,
  };
  const set = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    const p = new URLSearchParams(params);
    for (const k of ['year', 'province', 'city'] as const) {
      const v = merged[k];
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, String(v));
    }
    setParams(p, { replace: true });
  };
  return [filters, set];
}

/** A data answer may lack the breakdowns the public summary leaves out. */
type Answer = Parameters<typeof buildSpecs>[0] & Pick<PublicIndicatorsResponse, 'totals' | 'matchToAgreement' | 'period'>;

/** Year, province and city pickers; the cities are those the answer had for the province. */
function FilterBar({ filters, onChange, cities }: { filters: Filters; onChange: (f: Partial<Filters>) => void; cities: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const now = new Date().getFullYear();
  const years = Array.from({ length: now - FIRST_YEAR + 1 }, (_, i) => now - i);
  return (
    <div className="tb-ind-filters" role="group" aria-label={t('indicators.filters')}>
      <label className="tb-ind-filter">
        <span>{t('indicators.year')}</span>
        <Select
          aria-label={t('indicators.year')}
          value={filters.year}
          onChange={(year) => onChange({ year })}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 110 }}
          data-testid="filter-year"
        />
      </label>
      <label className="tb-ind-filter">
        <span>{t('indicators.province')}</span>
        <Select
          aria-label={t('indicators.province')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('indicators.provinceAll')}
          value={filters.province}
          onChange={(province?: string) => onChange({ province: province || undefined, city: undefined })}
          options={REGIONS.map((r) => ({ value: r.code, label: r[lang] }))}
          style={{ width: 170 }}
          data-testid="filter-province"
        />
      </label>
      {filters.province && (
        <label className="tb-ind-filter">
          <span>{t('indicators.city')}</span>
          <Select
            aria-label={t('indicators.city')}
            allowClear
            placeholder={t('indicators.cityAll')}
            value={filters.city}
            onChange={(city?: string) => onChange({ city: city || undefined })}
            options={cities}
            style={{ width: 150 }}
            data-testid="filter-city"
          />
        </label>
      )}
    </div>
  );
}

function Kpis({ data }: { data: Answer }) {
  const { t } = useTranslation();
  const lang = useLang();
  const tot = data.totals;
  const share = data.universityResults.share;
  const days = data.matchToAgreement.medianDays;
  const items: { key: string; title: string; value: string | number; note?: string }[] = [
    { key: 'listings', title: t('indicators.metrics.listings'), value: tot.listings },
    { key: 'demands', title: t('indicators.metrics.demands'), value: tot.demands },
    { key: 'matches', title: t('indicators.metrics.matches'), value: tot.matches },
    { key: 'dealsOpened', title: t('indicators.metrics.dealsOpened'), value: tot.dealsOpened },
    { key: 'dealsContracted', title: t('indicators.metrics.dealsContracted'), value: tot.dealsContracted },
    { key: 'turnover', title: t('indicators.metrics.turnover'), value: formatWan(tot.turnover, lang) || '0' },
    { key: 'paid', title: t('indicators.metrics.paid'), value: formatWan(tot.paid, lang) || '0' },
    {
      key: 'medianDays',
      title: t('indicators.metrics.medianDays'),
      value: days === null ? t('indicators.kpi.none') : t('indicators.kpi.days', { days }),
      note: t('indicators.kpi.daysNote', { count: data.matchToAgreement.deals }),
    },
    {
      key: 'universityShare',
      title: t('indicators.metrics.universityShare'),
      value: share === null ? t('indicators.kpi.none') : `${Math.round(share * 1000) / 10}%`,
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="indicator-kpis">
      {items.map((k) => (
        <Col key={k.key} xs={12} sm={8} lg={6} xl={4}>
          <Card size="small" className="tb-ind-kpi" data-testid={`kpi-${k.key}`}>
            <Statistic title={k.title} value={k.value} />
            {k.note && <div className="tb-ind-note">{k.note}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** A breakdown chart with its counts / amounts switch. */
function GroupedChart({ spec, group, onGroup }: { spec: ChartSpec; group: Group; onGroup: (g: Group) => void }) {
  const { t } = useTranslation();
  return (
    <ChartCard
      spec={spec}
      extra={
        <Segmented<Group>
          size="small"
          aria-label={`${t('indicators.metricGroup')}：${spec.title}`}
          value={group}
          onChange={onGroup}
          options={[
            { value: 'count', label: t('indicators.count') },
            { value: 'money', label: t('indicators.money') },
          ]}
        />
      }
    />
  );
}

/**
 * The indicator dashboard for an answer of either route: filters, key figures and every chart,
 * each with its table and CSV.
 */
export function Dashboard({ title, lead, filters, onFilters, request }: { title: string; lead: string; filters: Filters; onFilters: (f: Partial<Filters>) => void; request: Pick<RequestState<Answer>, 'data' | 'error' | 'loading' | 'reload'> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [groups, setGroups] = useState<Record<string, Group>>({});
  const data = request.data;
  const specs = useMemo(() => (data ? buildSpecs(data, lang, t, groups) : null), [data, lang, t, groups]);

  // the cities offered are those the province's answer had before one was picked
  const cityOptions = useRef<{ province?: string; options: { value: string; label: string }[] }>({ options: [] });
  if (data?.byCity && filters.province && !filters.city) {
    cityOptions.current = {
      province: filters.province,
      options: data.byCity.map((c) => ({ value: c.label.zh, label: c.label[lang] || c.label.zh })),
    };
  }
  const cities = cityOptions.current.province === filters.province ? cityOptions.current.options : [];

  const grouped = (spec: ChartSpec | undefined) =>
    spec && <GroupedChart spec={spec} group={groups[spec.id] ?? 'count'} onGroup={(g) => setGroups((p) => ({ ...p, [spec.id]: g }))} />;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="tb-ind">
      <Card>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 16px' }}>
          {lead}
        </Typography.Paragraph>
        <FilterBar filters={filters} onChange={onFilters} cities={cities} />
        {data && (
          <div className="tb-ind-period" data-testid="indicator-period">
            {t('indicators.period', { from: data.period.from, to: data.period.to })}
          </div>
        )}
      </Card>
      {request.error ? (
        <ErrorState error={request.error} onRetry={request.reload} />
      ) : !data || !specs ? (
        <PageLoading label={t('indicators.loadingCharts')} />
      ) : (
        <div aria-busy={request.loading} data-testid="indicator-dashboard">
          <Kpis data={data} />
          <div className="tb-ind-grid">
            <ChartCard spec={specs.activity} />
            <ChartCard spec={specs.deals} />
            <ChartCard spec={specs.turnover} />
            <ChartCard spec={specs.funnel} />
            {grouped(specs.field)}
            {grouped(specs.province)}
            {grouped(specs.city)}
            {grouped(specs.mode)}
            {grouped(specs.orgKind)}
            <ChartCard spec={specs.university} />
          </div>
        </div>
      )}
    </Space>
  );
}
