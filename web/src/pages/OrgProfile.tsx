import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Card, Empty, Pagination, Segmented, Tag, Typography } from 'antd';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement, Demand, OrgCard, Paged } from '../api/types';
import { AchievementCard, DemandCard } from '../components/ListingCard';
import { ErrorState, PageLoading } from '../components/States';
import { formatDate, pick, regionName } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';
import { usePageTitle } from '../lib/title';

const PAGE_SIZE = 10;

/** One organisation's public profile: who it is, its verified badge, its published achievements and demands (paged). */
export default function OrgProfile() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const [tab, setTab] = useState<'achievements' | 'demands'>('achievements');
  const [page, setPage] = useState(1);
  const org = useRequest(() => api.get<OrgCard>(`/api/orgs/${id}/profile`), [id]);
  const listings = useRequest(
    () => api.get<Paged<Achievement | Demand>>(`/api/orgs/${id}/${tab}`, { page, pageSize: PAGE_SIZE }),
    [id, tab, page],
  );
  usePageTitle(org.data ? pick(org.data.name, lang) : null);
  if (org.loading && !org.data) return <PageLoading />;
  if (org.error || !org.data) return <ErrorState error={org.error} onRetry={org.reload} />;
  const o = org.data;
  const description = pick(o.description, lang);

  return (
    <div className="tb-stack">
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="org-name">
          {pick(o.name, lang)}{' '}
          {o.verified && (
            <Tag icon={<SafetyCertificateFilled />} color="blue" data-testid="org-verified">
              {t('org.verified')}
            </Tag>
          )}
        </Typography.Title>
        <div className="tb-listing-meta">
          <span>{t(`org.kinds.${o.kind}`)}</span>
          <span>{regionName(o.region, lang)}</span>
          {o.since && <span>{t('profile.since', { date: formatDate(o.since, lang) })}</span>}
        </div>
        <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{description || <span className="tb-secondary">{t('profile.noDescription')}</span>}</Typography.Paragraph>
      </Card>
      <Card>
        <Segmented<'achievements' | 'demands'>
          aria-label={t('profile.listings')}
          value={tab}
          onChange={(v) => {
            setTab(v);
            setPage(1);
          }}
          options={[
            { value: 'achievements', label: t('profile.achievements') },
            { value: 'demands', label: t('profile.demands') },
          ]}
          style={{ marginBottom: 16 }}
        />
        {listings.error ? (
          <ErrorState error={listings.error} onRetry={listings.reload} />
        ) : listings.loading && !listings.data ? (
          <PageLoading />
        ) : (listings.data?.items.length ?? 0) === 0 ? (
          <Empty description={tab === 'achievements' ? t('profile.noAchievements') : t('profile.noDemands')} />
        ) : (
          <div className="tb-results" data-testid={`profile-${tab}`}>
            <Typography.Paragraph className="tb-count">{t('profile.total', { count: listings.data!.total })}</Typography.Paragraph>
            {listings.data!.items.map((l) =>
              tab === 'achievements' ? <AchievementCard key={l.id} doc={l as Achievement} /> : <DemandCard key={l.id} doc={l as Demand} />,
            )}
            {listings.data!.total > PAGE_SIZE && (
              <Pagination style={{ marginTop: 16 }} current={page} pageSize={PAGE_SIZE} total={listings.data!.total} showSizeChanger={false} onChange={setPage} />
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
