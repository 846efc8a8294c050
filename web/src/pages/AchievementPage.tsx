import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Checkbox, Empty, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, SafetyCertificateFilled, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ListingTags } from '../components/ListingCard';
import { ModeTermsView } from '../components/ModeTermsView';
import { Attachments } from '../components/Attachments';
import { usePageTitle } from '../lib/title';
import { ListingDetail, ListingTextSection, PriceCard } from '../components/ListingDetail';
import { ErrorState, PageLoading } from '../components/States';
import { LinkButton } from '../components/LinkButton';
import { ListingActions } from '../components/ListingActions';
import { StartDealButton } from '../components/StartDealButton';
import { InterestButton } from '../components/InterestButton';
import { DEALABLE_ACHIEVEMENT_STATUSES, formatWan } from '@techbridge/api/contract';
import { formatDate, ipTypeName, pick, regionName } from '../lib/format';
import { errorText, useLang, useRequest } from '../lib/hooks';

/** One achievement: public summary for everyone, confidential details behind the NDA gate. */
export default function AchievementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { user, org } = useAuth();
  const { message } = AntApp.useApp();
  const res = useRequest(() => api.get<Achievement>(`/api/achievements/${id}`), [id, user?.id]);
  usePageTitle(res.data ? pick(res.data.title, lang) : null);
  const [agree, setAgree] = useState(false);
  const [signing, setSigning] = useState(false);
  const [ndaError, setNdaError] = useState<string | null>(null);

  if (res.loading && !res.data) return <PageLoading />;
  if (res.error || !res.data) return <ErrorState error={res.error} onRetry={res.reload} />;
  const a = res.data;

  const acceptNda = async () => {
    setSigning(true);
    setNdaError(null);
    try {
      const out = await api.post<{ achievement: Achievement }>(`/api/achievements/${a.id}/nda`, { ndaVersion: a.nda.version });
      res.setData(out.achievement);
      message.success(t('nda.accepted'));
    } catch (err) {
      setNdaError(errorText(t, err));
      // the NDA changed under us: reload to show the current version
      res.reload();
    } finally {
      setSigning(false);
    }
  };

  const ndaTerms = pick(a.nda.terms, lang) || t('nda.standard');
  const details = a.details ? pick(a.details, lang) : '';

  return (
    <ListingDetail
      kind="achievement"
      listing={a}
      crumb={<Link to="/">{t('nav.achievements')}</Link>}
      side={
        <>
          <PriceCard label={t('listing.askingPrice')} price={a.askingPrice ? formatWan(a.askingPrice, lang) : t('listing.negotiable')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {a.access.owner ? (
                <ListingActions kind="achievement" listing={a} onChange={(x) => res.setData(x as Achievement)} />
              ) : (
                <>
                  <StartDealButton achievement={a} />
                  {org && DEALABLE_ACHIEVEMENT_STATUSES.includes(a.status) && <InterestButton achievementId={a.id} />}
                </>
              )}
            </Space>
          </PriceCard>
          {a.org.name && (
            <Card className="tb-side-card" title={<h2 className="tb-card-h">{t('listing.supplier')}</h2>}>
              <Link className="tb-strong" to={`/orgs/${a.org.id}`} data-testid="supplier-profile-link">
                {pick(a.org.name, lang)}
              </Link>
              <br />
              <Typography.Text type="secondary">
                {a.org.kind ? t(`org.kinds.${a.org.kind}`) : ''} {a.org.region ? `· ${regionName(a.org.region, lang)}` : ''}
              </Typography.Text>
              {a.org.verified && (
                <div style={{ marginTop: 8 }}>
                  <Tag icon={<SafetyCertificateFilled />} color="blue">
                    {t('org.verified')}
                  </Tag>
                </div>
              )}
            </Card>
          )}
        </>
      }
    >
      <div className="tb-listing-meta">
        {a.org.name && (
          <span>
            {pick(a.org.name, lang)}{' '}
            {a.org.verified && <SafetyCertificateFilled className="tb-verified" aria-label={t('org.verified')} />}
          </span>
        )}
        <span>{regionName(a.region, lang)}</span>
        <span>{ipTypeName(a.ipType, lang)}</span>
        {a.publishedAt && <span>{t('listing.publishedOn', { date: formatDate(a.publishedAt, lang) })}</span>}
      </div>
      <ListingTags field={a.field} trl={a.trl} modes={a.modes.map((m) => m.mode)} />

      <ListingTextSection headingId="sum-h" heading={t('listing.summary')} text={pick(a.summary, lang)} keywords={a.keywords} />

      <section className="tb-section" aria-labelledby="ip-h">
        <h2 id="ip-h">{t('listing.patents')}</h2>
        {a.patents.length === 0 ? (
          <Typography.Text type="secondary">{t('listing.noPatents')}</Typography.Text>
        ) : (
          <div className="tb-table-scroll">
            <Table
              size="small"
              rowKey="number"
              pagination={false}
              dataSource={a.patents}
              columns={[
                { title: t('patent.number'), dataIndex: 'number', render: (n: string) => <code>{n}</code> },
                { title: t('patent.title'), dataIndex: 'title' },
                { title: t('patent.status'), dataIndex: 'status', render: (s: string) => t(`patent.statuses.${s}`) },
                { title: t('patent.expiry'), dataIndex: 'expiry', render: (d: string | null) => formatDate(d, lang) || '—' },
              ]}
            />
          </div>
        )}
      </section>

      <section className="tb-section" aria-labelledby="terms-h">
        <h2 id="terms-h">{t('listing.modesAndTerms')}</h2>
        <ModeTermsView modes={a.modes} />
      </section>

      <section className="tb-section" aria-labelledby="details-h" data-testid="details-section">
        <h2 id="details-h">
          {a.access.details ? <UnlockOutlined /> : <LockOutlined />} {t('nda.detailsTitle')}
        </h2>
        {a.access.details ? (
          <>
            {!a.access.owner && <Alert type="success" showIcon title={t('nda.youAccepted', { version: a.nda.version })} style={{ marginBottom: 12 }} />}
            {details ? (
              <Typography.Paragraph className="tb-prose" data-testid="confidential-details">
                {details}
              </Typography.Paragraph>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nda.noDetails')} />
            )}
          </>
        ) : !user ? (
          <Alert
            type="info"
            showIcon
            title={t('nda.loginToSee')}
            action={
              <LinkButton size="small" type="primary" to={`/login?next=${encodeURIComponent(`/achievements/${a.id}`)}`}>
                {t('nav.login')}
              </LinkButton>
            }
          />
        ) : !org ? (
          <Alert type="info" showIcon title={t('nda.needOrg')} />
        ) : (
          <div className="tb-nda" data-testid="nda-gate">
            <Typography.Paragraph>{t('nda.lead')}</Typography.Paragraph>
            <div className="tb-nda-terms" tabIndex={0} aria-label={t('nda.termsLabel', { version: a.nda.version })}>
              {ndaTerms}
            </div>
            {ndaError && <Alert type="error" showIcon title={ndaError} style={{ margin: '12px 0' }} role="alert" />}
            <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} style={{ margin: '12px 0' }}>
              {t('nda.agree', { org: org.name ? pick(org.name, lang) : '', version: a.nda.version })}
            </Checkbox>
            <div>
              <Button type="primary" icon={<UnlockOutlined />} disabled={!agree} loading={signing} onClick={() => void acceptNda()}>
                {t('nda.accept')}
              </Button>
            </div>
          </div>
        )}
      </section>
      <Attachments key={`${a.id}:${a.access.details ? 'open' : 'locked'}`} target="achievement" id={a.id} canEdit={a.access.owner} />
    </ListingDetail>
  );
}
