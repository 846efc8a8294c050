import { useState } from 'react';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatWan } from '@techbridge/api/contract';
import { api } from '../api/client';
import type { CommissionStatementResponse } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, StateBlock } from '../components/States';
import { pick } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';
import { statementHref } from './indicators/statement';
import './indicators/i18n';
import './indicators/indicators.css';

type Row = CommissionStatementResponse['rows'][number];

/** An agency's admin: the agency's commission statement for a period, on screen and as CSV. */
export default function AgencyCommission() {
  const { t } = useTranslation();
  const lang = useLang();
  const { org } = useAuth();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const agency = org?.kind === 'agency' ? org : null;
  const statement = useRequest(
    () => api.get<CommissionStatementResponse>(`/api/indicators/agencies/${agency!.id}/commission`, { from, to }),
    [agency?.id, from, to],
    !!agency && !!from && !!to && from <= to,
  );
  if (!agency) return <StateBlock tone="forbidden" title={t('errors.forbiddenTitle')} text={t('errors.forbidden')} />;
  const s = statement.data;
  return (
    <Card data-testid="commission-statement">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('indicators.commission.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {pick(agency.name, lang)} · {t('indicators.commission.lead')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <label>
          {t('indicators.agencies.from')} <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('indicators.agencies.to')} <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        </label>
        <Button type="primary" href={statementHref(agency.id, from, to)} download data-testid="statement-link">
          {t('indicators.commission.download')}
        </Button>
      </Space>
      {statement.error ? (
        <ErrorState error={statement.error} onRetry={statement.reload} compact />
      ) : (
        <div className="tb-ind-table-wrap">
          <Table<Row>
            rowKey="itemId"
            size="small"
            loading={statement.loading}
            dataSource={s?.rows ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: t('indicators.commission.empty') }}
            columns={[
              { title: t('indicators.commission.paidOn'), dataIndex: 'paidOn', key: 'paidOn' },
              { title: t('indicators.commission.achievement'), key: 'achievement', render: (_, r) => pick(r.achievement, lang) },
              { title: t('indicators.commission.item'), key: 'item', render: (_, r) => pick(r.item, lang) },
              { title: t('indicators.commission.net'), key: 'net', align: 'right', render: (_, r) => formatWan(r.net, lang) },
              { title: t('indicators.metrics.commission'), key: 'commission', align: 'right', render: (_, r) => formatWan(r.commission, lang) },
            ]}
            summary={() =>
              s && s.rows.length > 0 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    {t('indicators.commission.total')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatWan(s.totals.net, lang)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <span data-testid="commission-total">{formatWan(s.totals.commission, lang)}</span>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
      )}
    </Card>
  );
}
