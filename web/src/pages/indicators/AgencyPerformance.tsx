import { useMemo } from 'react';
import { Card, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatWan } from '@techbridge/api/contract';
import { api } from '../../api/client';
import type { AgencyPerformanceResponse } from '../../api/types';
import { ErrorState } from '../../components/States';
import { pick } from '../../lib/format';
import { useLang, useRequest } from '../../lib/hooks';
import { ChartCard } from './ChartCard';
import type { ChartSpec } from './chartSpec';
import { periodDates, statementHref } from './statement';
import './i18n';
import './indicators.css';

type AgencyRow = AgencyPerformanceResponse['agencies'][number];
type BrokerRow = AgencyPerformanceResponse['brokers'][number];

const PAGE_SIZE = 10;
const FIRST_YEAR = 2020;

/** Platform admin: agencies and brokers ranked for a year, each agency's commission statement. */
export function AgencyPerformance({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const request = useRequest(() => api.get<AgencyPerformanceResponse>('/api/indicators/agencies', { year }), [year]);
  const data = request.data;
  const now = new Date().getFullYear();
  const nf = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  const pct = (v: number | null) => (v === null ? t('indicators.kpi.none') : `${nf.format(v * 100)}%`);
  const days = (v: number | null) => (v === null ? t('indicators.kpi.none') : nf.format(v));
  const dates = data ? periodDates(data.period) : null;

  // the ten first by turnover, as a chart of their turnover and commission
  const top = useMemo<ChartSpec | null>(() => {
    if (!data) return null;
    const rows = data.agencies.slice(0, 10);
    return {
      id: 'agencies',
      title: t('indicators.agencies.title'),
      kind: 'hbar',
      dimension: t('indicators.agencies.agency'),
      codes: rows.map((r) => r.agency.id),
      labels: rows.map((r) => pick(r.agency.name, lang) || r.agency.id),
      series: [
        { name: t('indicators.metrics.turnover'), values: rows.map((r) => r.turnover), money: true },
        { name: t('indicators.metrics.commission'), values: rows.map((r) => r.commission), money: true },
        { name: t('indicators.metrics.dealsContracted'), values: rows.map((r) => r.dealsContracted) },
      ],
      plot: [0, 1],
    };
  }, [data, lang, t]);

  const counts = [
    { title: t('indicators.metrics.matches'), key: 'matches' as const },
    { title: t('indicators.metrics.interests'), key: 'interests' as const },
    { title: t('indicators.metrics.dealsBrokered'), key: 'dealsBrokered' as const },
    { title: t('indicators.metrics.dealsContracted'), key: 'dealsContracted' as const },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="tb-ind" data-testid="agency-performance">
      <Card>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('indicators.agencies.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 16px' }}>
          {t('indicators.agencies.lead')}
        </Typography.Paragraph>
        <label className="tb-ind-filter">
          <span>{t('indicators.year')}</span>
          <Select
            aria-label={t('indicators.year')}
            value={year}
            onChange={onYear}
            options={Array.from({ length: now - FIRST_YEAR + 1 }, (_, i) => ({ value: now - i, label: String(now - i) }))}
            style={{ width: 110 }}
          />
        </label>
      </Card>
      {request.error ? (
        <ErrorState error={request.error} onRetry={request.reload} />
      ) : (
        <>
          {top && top.codes.length > 0 && <ChartCard spec={top} />}
          <Card title={<h3 className="tb-ind-card-title">{t('indicators.agencies.title')}</h3>}>
            <div className="tb-ind-table-wrap">
              <Table<AgencyRow>
                rowKey={(r) => r.agency.id}
                size="small"
                loading={request.loading}
                dataSource={data?.agencies ?? []}
                locale={{ emptyText: t('indicators.agencies.empty') }}
                pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: false }}
                data-testid="agency-ranking"
                columns={[
                  { title: t('indicators.agencies.rank'), dataIndex: 'rank', key: 'rank', width: 64 },
                  { title: t('indicators.agencies.agency'), key: 'agency', render: (_, r) => pick(r.agency.name, lang) || r.agency.id },
                  ...counts.map((c) => ({ title: c.title, key: c.key, align: 'right' as const, render: (_: unknown, r: AgencyRow) => r[c.key] })),
                  { title: t('indicators.metrics.turnover'), key: 'turnover', align: 'right', render: (_, r) => formatWan(r.turnover, lang) },
                  { title: t('indicators.metrics.commission'), key: 'commission', align: 'right', render: (_, r) => formatWan(r.commission, lang) },
                  { title: t('indicators.agencies.medianDaysToClose'), key: 'days', align: 'right', render: (_, r) => days(r.medianDaysToClose) },
                  { title: t('indicators.agencies.conversion'), key: 'conversion', align: 'right', render: (_, r) => pct(r.conversion) },
                  {
                    title: t('indicators.agencies.statement'),
                    key: 'statement',
                    render: (_, r) => (
                      <a
                        href={statementHref(r.agency.id, dates?.from, dates?.to)}
                        download
                        aria-label={t('indicators.agencies.statementOf', { name: pick(r.agency.name, lang) || r.agency.id })}
                        data-testid="statement-link"
                      >
                        <DownloadOutlined /> CSV
                      </a>
                    ),
                  },
                ]}
              />
            </div>
          </Card>
          <Card title={<h3 className="tb-ind-card-title">{t('indicators.agencies.brokers')}</h3>}>
            <div className="tb-ind-table-wrap">
              <Table<BrokerRow>
                rowKey={(r) => `${r.agency.id}|${r.broker.id}`}
                size="small"
                loading={request.loading}
                dataSource={data?.brokers ?? []}
                locale={{ emptyText: t('indicators.agencies.empty') }}
                pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false }}
                data-testid="broker-ranking"
                columns={[
                  { title: t('indicators.agencies.rank'), dataIndex: 'rank', key: 'rank', width: 64 },
                  { title: t('indicators.agencies.broker'), key: 'broker', render: (_, r) => r.broker.name || r.broker.id },
                  { title: t('indicators.agencies.agency'), key: 'agency', render: (_, r) => pick(r.agency.name, lang) || r.agency.id },
                  ...counts.map((c) => ({ title: c.title, key: c.key, align: 'right' as const, render: (_: unknown, r: BrokerRow) => r[c.key] })),
                  { title: t('indicators.metrics.turnover'), key: 'turnover', align: 'right', render: (_, r) => formatWan(r.turnover, lang) },
                  { title: t('indicators.metrics.commission'), key: 'commission', align: 'right', render: (_, r) => formatWan(r.commission, lang) },
                  { title: t('indicators.agencies.medianDaysToClose'), key: 'days', align: 'right', render: (_, r) => days(r.medianDaysToClose) },
                  { title: t('indicators.agencies.conversion'), key: 'conversion', align: 'right', render: (_, r) => pct(r.conversion) },
                ]}
              />
            </div>
          </Card>
        </>
      )}
    </Space>
  );
}
