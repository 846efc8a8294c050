import { Card, Result, Space, Steps } from 'antd';
import { LinkButton } from '../components/LinkButton';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useLang } from '../lib/hooks';
import { pick } from '../lib/format';

/** After registration: where the organisation stands and what to do next. */
export default function Welcome() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user, org, hasRole } = useAuth();
  const supplier = org?.kind === 'university' || org?.kind === 'institute';
  return (
    <Card>
      <Result
        status="success"
        title={t('welcome.title', { name: user?.name ?? '' })}
        subTitle={org ? t('welcome.org', { org: pick(org.name, lang) }) : undefined}
        extra={
          <Space wrap>
            {supplier ? (
              <>
                <LinkButton to="/achievements/new" type="primary">{t('nav.postAchievement')}</LinkButton>
                <LinkButton to="/achievements/import">{t('nav.importAchievements')}</LinkButton>
              </>
            ) : (
              <LinkButton to="/demands/new" type="primary">{t('nav.postDemand')}</LinkButton>
            )}
            {hasRole('org-admin') && org && !org.verified && <LinkButton to="/org/verification">{t('verification.open')}</LinkButton>}
            {hasRole('org-admin') && (
              <LinkButton to="/org/invitations">{t('nav.invitations')}</LinkButton>
            )}
          </Space>
        }
      />
      <Steps
        className="tb-welcome-steps"
        current={org?.verified ? 1 : 0}
        items={[
          { title: t('welcome.step1'), content: org?.verified ? t('welcome.step1Done') : t('welcome.step1Wait') },
          { title: supplier ? t('welcome.step2Supplier') : t('welcome.step2Buyer'), content: t('welcome.step2Text') },
          { title: t('welcome.step3'), content: t('welcome.step3Text') },
        ]}
      />
    </Card>
  );
}
