import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { AimOutlined, BulbOutlined, CheckCircleOutlined, DollarOutlined, EnvironmentOutlined, ExperimentOutlined, EyeOutlined, SwapOutlined, TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import type { Interest, Match } from '../api/types';
import { errorText, useLang } from '../lib/hooks';
import { fieldName, pick } from '../lib/format';
import { DeclineModal } from './DeclineModal';
import { StartDealButton } from './StartDealButton';
import { DemandInterestButton, SupplierDealButton } from './DemandResponse';

const REASON_ICON: Record<string, React.ReactNode> = {
  keywords: <TagsOutlined />,
  field: <AimOutlined />,
  mode: <SwapOutlined />,
  budget: <DollarOutlined />,
  trl: <ExperimentOutlined />,
  region: <EnvironmentOutlined />,
};

/** Why two listings were matched, one line per reason, in the UI language. */
export function MatchReasons({ match }: { match: Match }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ul className="tb-reasons" aria-label={t('matches.reasons')} data-testid="match-reasons">
      {match.reasons.map((r, i) => (
        <li key={i}>
          <span className="tb-reason-icon" aria-hidden>
            {REASON_ICON[r.kind] ?? <BulbOutlined />}
          </span>
          <span className="tb-reason-kind">{t(`matches.kinds.${r.kind}`, { defaultValue: r.kind })}</span>
          <span>{pick(r.text, lang)}</span>
        </li>
      ))}
    </ul>
  );
}

/** One match from the viewer's side, with interest, deal and decline actions. */
export function MatchCard({ match, onChange }: { match: Match; onChange: (m: Match) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { org } = useAuth();
  const { message } = AntApp.useApp();
  const [declining, setDeclining] = useState(false);
  const [busy, setBusy] = useState(false);
  // a broker or admin (side null) reads it like the buyer: the technology first
  const buyerSide = match.side !== 'supplier';
  const a = match.achievement;
  const d = match.demand;
  const pct = Math.round(match.score * 100);
  const live = match.status === 'suggested' || match.status === 'interested';

  const [revealed, setRevealed] = useState(false);
  /** An anonymous demand's enterprise shows its name to this supplier. */
  const reveal = async () => {
    if (!d || !a) return;
    setBusy(true);
    try {
      await api.post(`/api/demands/${d.id}/reveal`, { orgId: a.org.id });
      setRevealed(true);
      message.success(t('matches.revealed'));
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const interest = async () => {
    if (!a) return;
    setBusy(true);
    try {
      await api.post<Interest>('/api/interests', { achievementId: a.id, matchId: match.id, ...(d ? { demandId: d.id } : {}) });
      onChange({ ...match, status: 'interested' });
      message.success(t('matches.interestSent'));
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="tb-match" size="small" data-testid="match-card">
      <div className="tb-match-main">
        <Progress type="circle" percent={pct} size={64} format={(p) => `${p}%`} aria-label={t('matches.score', { pct })} />
        <div className="tb-match-body">
          {buyerSide ? (
            <>
              <Typography.Title level={4} className="tb-listing-title">
                {a ? <Link to={`/achievements/${a.id}`}>{pick(a.title, lang)}</Link> : '—'}
              </Typography.Title>
              <div className="tb-listing-meta">
                {a?.org.name && <span>{pick(a.org.name, lang)}</span>}
                {a && <span>{fieldName(a.field, lang)}</span>}
                {a && <span>TRL {a.trl}</span>}
                {d && (
                  <span>
                    {t('matches.forDemand')}
                    <Link to={`/demands/${d.id}`}>{pick(d.title, lang)}</Link>
                  </span>
                )}
              </div>
            </>
          ) : (
            <>
              <Typography.Title level={4} className="tb-listing-title">
                {d ? <Link to={`/demands/${d.id}`}>{pick(d.title, lang)}</Link> : '—'}
              </Typography.Title>
              <div className="tb-listing-meta">
                <span>{d?.org?.name ? pick(d.org.name, lang) : t('demand.anonymousOrg')}</span>
                {d && <span>{fieldName(d.field, lang)}</span>}
                {a && (
                  <span>
                    {t('matches.forAchievement')}
                    <Link to={`/achievements/${a.id}`}>{pick(a.title, lang)}</Link>
                  </span>
                )}
              </div>
            </>
          )}
          <MatchReasons match={match} />
          <Space wrap size={[6, 6]}>
            {match.source === 'broker' && <Tag color="gold">{t('matches.byBroker')}</Tag>}
            {match.brokerNote && <Typography.Text type="secondary">{match.brokerNote}</Typography.Text>}
            <Tag color={match.status === 'dismissed' ? 'default' : match.status === 'interested' ? 'blue' : match.status === 'converted' ? 'green' : 'geekblue'}>
              {t(`matches.statuses.${match.status}`)}
            </Tag>
            {match.decline && (
              <Typography.Text type="secondary">
                {t('matches.declinedFor', { reason: t(`decline.reasons.${match.decline.reason}`) })}
                {match.decline.text ? `：${match.decline.text}` : ''}
              </Typography.Text>
            )}
          </Space>
        </div>
      </div>
      {live && match.side && (
        <div className="tb-match-actions">
          {match.side === 'buyer' && a && match.status === 'suggested' && (
            <Button icon={<CheckCircleOutlined />} onClick={() => void interest()} loading={busy}>
              {t('matches.interested')}
            </Button>
          )}
          {match.side === 'buyer' && a && d?.anonymous && (
            <Button icon={<EyeOutlined />} onClick={() => void reveal()} disabled={revealed} loading={busy}>
              {revealed ? t('matches.revealedShort') : t('matches.reveal')}
            </Button>
          )}
          {match.side === 'buyer' && a && (
            <StartDealButton
              block={false}
              achievement={{ id: a.id, status: a.status, modes: a.modes.map((m) => ({ mode: m.mode, askingPrice: m.askingPrice })) as never }}
              demandId={d?.id}
              matchId={match.id}
            />
          )}
          {match.side === 'supplier' && d && (
            <DemandInterestButton block={false} demandId={d.id} achievementId={a?.id} />
          )}
          {match.side === 'supplier' && d?.org && org?.verified && (
            <SupplierDealButton block={false} demandId={d.id} achievementId={a?.id} matchId={match.id} />
          )}
          <Button danger type="text" onClick={() => setDeclining(true)}>
            {t('matches.decline')}
          </Button>
        </div>
      )}
      <DeclineModal<Match> open={declining} path={`/api/matches/${match.id}/decline`} onClose={() => setDeclining(false)} onDone={onChange} />
    </Card>
  );
}
