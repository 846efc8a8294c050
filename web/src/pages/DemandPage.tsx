import { Link, useParams } from 'react-router-dom';
import { Alert, Descriptions, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Demand } from '../api/types';
import { ListingTags, budgetText } from '../components/ListingCard';
import { ListingActions } from '../components/ListingActions';
import { Attachments } from '../components/Attachments';
import { usePageTitle } from '../lib/title';
import { ListingDetail, ListingTextSection, PriceCard } from '../components/ListingDetail';
import { ErrorState, PageLoading } from '../components/States';
import { NearMisses } from '../components/NearMisses';
import { SupplierDemandActions, isSupplierKind } from '../components/DemandResponse';
import { useAuth } from '../auth/AuthContext';
import { formatDate, modeName, pick, regionName } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';

/** One technical demand; an anonymous one hides its enterprise from everyone it was not revealed to. */
export default function DemandPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { user, org } = useAuth();
  const res = useRequest(() => api.get<Demand>(`/api/demands/${id}`), [id, user?.id]);
  usePageTitle(res.data ? pick(res.data.title, lang) : null);
  if (res.loading && !res.data) return <PageLoading />;
  if (res.error || !res.data) return <ErrorState error={res.error} onRetry={res.reload} />;
  const d = res.data;
  const orgName = d.org?.name ? pick(d.org.name, lang) : null;
  const budget = budgetText(d.budgetMin, d.budgetMax, lang, t('listing.negotiable'));

  return (
    <ListingDetail
      kind="demand"
      listing={d}
      crumb={<Link to="/demands">{t('nav.demands')}</Link>}
      side={
        <PriceCard label={t('demand.budget')} price={budget}>
          {d.access.owner ? (
            <ListingActions kind="demand" listing={d} onChange={(x) => res.setData(x as Demand)} />
          ) : isSupplierKind(org?.kind) && d.status === 'open' ? (
            <SupplierDemandActions demand={d} />
          ) : (
            <Typography.Paragraph type="secondary">{t('demand.howToAnswer')}</Typography.Paragraph>
          )}
        </PriceCard>
      }
    >
      <div className="tb-listing-meta">
        <span data-testid="demand-org">
          {orgName && d.org ? <Link to={`/orgs/${d.org.id}`}>{orgName}</Link> : (
            <>
              <EyeInvisibleOutlined /> {t('demand.anonymousOrg')}
            </>
          )}{' '}
          {d.org?.verified && <SafetyCertificateFilled className="tb-verified" aria-label={t('org.verified')} />}
        </span>
        <span>{regionName(d.region, lang)}</span>
        {d.publishedAt && <span>{t('listing.publishedOn', { date: formatDate(d.publishedAt, lang) })}</span>}
      </div>
      <ListingTags field={d.field} modes={d.modes} extra={d.minTrl ? <Tag color="green">{t('demand.minTrlTag', { n: d.minTrl })}</Tag> : null} />
      {d.access.owner && d.anonymous && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('demand.anonymousOwnerNote', { count: d.revealedTo?.length ?? 0 })} />
      )}
      <ListingTextSection headingId="desc-h" heading={t('demand.description')} text={pick(d.description, lang)} keywords={d.keywords} />
      <section className="tb-section" aria-labelledby="req-h">
        <h2 id="req-h">{t('demand.requirements')}</h2>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'budget', label: t('demand.budget'), children: budget },
            { key: 'deadline', label: t('editor.deadline'), children: d.deadline ? formatDate(d.deadline, lang) : '—' },
            { key: 'modes', label: t('demand.modes'), children: d.modes.length ? d.modes.map((m) => modeName(m, lang)).join(' / ') : '—' },
            { key: 'trl', label: t('editor.minTrl'), children: d.minTrl ? `TRL ${d.minTrl}` : '—' },
          ]}
        />
      </section>
      <Attachments target="demand" id={d.id} canEdit={d.access.owner} />
      {d.access.owner && d.status === 'open' && <NearMisses demandId={d.id} />}
    </ListingDetail>
  );
}
