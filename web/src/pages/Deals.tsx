import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DealView } from '@techbridge/api/deals/deals.events';
import { api } from '../api/client';
import type { Paged } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../components/States';
import { formatDate, modeName, pick } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';

const STATUSES = ['open', 'negotiating', 'agreed', 'contracted', 'paying', 'completed', 'cancelled'] as const;

/** The organisation's deals, most recently active first. */
export default function Deals() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useRequest(() => api.get<Paged<DealView>>('/api/deals', { status, page, pageSize: 20 }), [status, page]);

  return (
    <Card>
      <div className="tb-page-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('deal.listTitle')}
        </Typography.Title>
        <Select
          allowClear
          aria-label={t('my.statusFilter')}
          placeholder={t('my.allStatuses')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          style={{ minWidth: 140 }}
          options={STATUSES.map((s) => ({ value: s, label: t(`deal.statuses.${s}`) }))}
        />
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<DealView>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('deal.none') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              title: t('deal.colAchievement'),
              key: 'a',
              render: (_, d) => (
                <Link to={`/deals/${d.id}`} className="tb-strong">
                  {pick(d.achievement.title, lang)}
                </Link>
              ),
            },
            {
              title: t('deal.colCounterpart'),
              key: 'c',
              responsive: ['md'],
              render: (_, d) => pick(d.supplier.id === user?.orgId ? d.buyer.name : d.supplier.name, lang),
            },
            { title: t('deal.mode'), key: 'm', render: (_, d) => <Tag color="purple">{modeName(d.mode, lang)}</Tag> },
            { title: t('my.colStatus'), key: 's', render: (_, d) => <Tag color={d.status === 'cancelled' ? 'red' : d.status === 'agreed' ? 'green' : 'blue'}>{t(`deal.statuses.${d.status}`)}</Tag> },
            { title: t('my.colUpdated'), key: 'u', responsive: ['lg'], render: (_, d) => formatDate(d.updatedAt, lang, true) },
          ]}
        />
      )}
    </Card>
  );
}
