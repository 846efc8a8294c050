import { Link, useSearchParams } from 'react-router-dom';
import { Card, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement, Demand, Paged } from '../api/types';
import { ACHIEVEMENT_STATUSES, DEMAND_STATUSES } from '@techbridge/api/contract';
import { useAuth } from '../auth/AuthContext';
import { PageHead, PagedTable, StatusFilter, usePagedList } from '../components/PagedList';
import { StatusTag } from '../components/StatusTag';
import { ListingActions } from '../components/ListingActions';
import { LinkButton } from '../components/LinkButton';
import { fieldName, formatDate, pick } from '../lib/format';
import { useLang } from '../lib/hooks';

type Kind = 'achievements' | 'demands';
const STATUSES: Record<Kind, readonly string[]> = { achievements: ACHIEVEMENT_STATUSES, demands: DEMAND_STATUSES };

/** The organisation's own achievements and demands, any status, with their actions. */
export default function MyListings() {
  const { t } = useTranslation();
  const lang = useLang();
  const { org } = useAuth();
  const [sp, setSp] = useSearchParams();
  const defaultKind: Kind = org?.kind === 'enterprise' ? 'demands' : 'achievements';
  const kind = (sp.get('tab') as Kind | null) ?? defaultKind;
  const mine = usePagedList((query) => api.get<Paged<Achievement | Demand>>(`/api/${kind}/mine`, query), [kind]);

  const replace = (x: Achievement | Demand) =>
    mine.list.setData((prev) => (prev ? { ...prev, items: prev.items.map((i) => (i.id === x.id ? x : i)) } : prev!));

  return (
    <Card>
      <PageHead title={t('my.title')}>
        <Space wrap>
          <LinkButton to={kind === 'achievements' ? '/achievements/new' : '/demands/new'} type="primary">
            {kind === 'achievements' ? t('nav.postAchievement') : t('nav.postDemand')}
          </LinkButton>
          {kind === 'achievements' && <LinkButton to="/achievements/import">{t('nav.importAchievements')}</LinkButton>}
        </Space>
      </PageHead>
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setSp({ tab: k });
          mine.filter(undefined);
        }}
        items={[
          { key: 'achievements', label: t('my.achievements') },
          { key: 'demands', label: t('my.demands') },
        ]}
        tabBarExtraContent={
          <StatusFilter paged={mine} minWidth={120} options={STATUSES[kind].map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        }
      />
      <PagedTable
        paged={mine}
        emptyText={t('my.empty')}
        columns={[
          {
            title: t('my.colTitle'),
            key: 'title',
            render: (_, l) => (
              <div>
                <Link to={`/${kind}/${l.id}`} className="tb-strong">
                  {pick(l.title, lang) || t('my.untitled')}
                </Link>
                <div>
                  <Typography.Text type="secondary">{fieldName(l.field, lang)}</Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('my.colStatus'), key: 'status', render: (_, l) => <StatusTag status={l.status} /> },
          { title: t('my.colUpdated'), key: 'updated', responsive: ['md'], render: (_, l) => formatDate(l.updatedAt, lang, true) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, l) => (
              <ListingActions compact kind={kind === 'achievements' ? 'achievement' : 'demand'} listing={l} onChange={(x) => replace(x)} onDeleted={() => mine.list.reload()} />
            ),
          },
        ]}
      />
    </Card>
  );
}
