import { Link } from 'react-router-dom';
import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DealView } from '@techbridge/api/deals/deals.events';
import { api } from '../api/client';
import type { Paged } from '../api/types';
import { DEAL_STATUSES, DEAL_STATUS_COLORS } from '@techbridge/api/contract';
import { useAuth } from '../auth/AuthContext';
import { PageHead, PagedTable, StatusFilter, usePagedList } from '../components/PagedList';
import { formatDate, modeName, pick } from '../lib/format';
import { useLang } from '../lib/hooks';

/** The organisation's deals, most recently active first. */
export default function Deals() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const deals = usePagedList((query) => api.get<Paged<DealView>>('/api/deals', query), []);

  return (
    <Card>
      <PageHead title={t('deal.listTitle')}>
        <StatusFilter paged={deals} minWidth={140} options={DEAL_STATUSES.map((s) => ({ value: s, label: t(`deal.statuses.${s}`) }))} />
      </PageHead>
      <PagedTable
        paged={deals}
        emptyText={t('deal.none')}
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
          { title: t('my.colStatus'), key: 's', render: (_, d) => <Tag color={DEAL_STATUS_COLORS[d.status]}>{t(`deal.statuses.${d.status}`)}</Tag> },
          { title: t('my.colUpdated'), key: 'u', responsive: ['lg'], render: (_, d) => formatDate(d.updatedAt, lang, true) },
        ]}
      />
    </Card>
  );
}
