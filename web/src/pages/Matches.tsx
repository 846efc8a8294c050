import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, Input, List, Modal, Pagination, Radio, Segmented, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement, DealModeCode, DemandInterest, Interest, Match, Paged } from '../api/types';
import { DEALABLE_ACHIEVEMENT_STATUSES } from '@techbridge/api/contract';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, PageLoading } from '../components/States';
import { MatchCard } from '../components/MatchCard';
import { DeclineModal } from '../components/DeclineModal';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, modeName, pick } from '../lib/format';

const PAGE = 10;

function MatchList({ side }: { side: 'demand' | 'supply' }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string>('live');
  const list = useRequest(
    () => api.get<Paged<Match>>('/api/matches', { side, page, pageSize: PAGE, status: status === 'live' ? undefined : status }),
    [side, page, status],
  );
  // declined here a moment ago: stays in view (with its reason) until the next load
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const items = (list.data?.items ?? []).filter((m) => status !== 'live' || m.status !== 'dismissed' || touched.has(m.id));
  return (
    <div>
      <Segmented
        aria-label={t('matches.statusFilter')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={[
          { value: 'live', label: t('matches.filterLive') },
          { value: 'interested', label: t('matches.statuses.interested') },
          { value: 'dismissed', label: t('matches.statuses.dismissed') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && !list.data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={side === 'demand' ? t('matches.emptyDemand') : t('matches.emptySupply')} />
      ) : (
        <>
          {items.map((m) => (
            <MatchCard
              key={m.id}
              match={m}
              onChange={(x) => {
                setTouched((prev) => new Set(prev).add(x.id));
                list.setData((prev) => (prev ? { ...prev, items: prev.items.map((i) => (i.id === x.id ? { ...i, ...x } : i)) } : prev!));
              }}
            />
          ))}
          {(list.data?.total ?? 0) > PAGE && <Pagination className="tb-pager" current={page} pageSize={PAGE} total={list.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />}
        </>
      )}
    </div>
  );
}

function InterestList({ side }: { side: 'received' | 'sent' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const list = useRequest(() => api.get<Paged<Interest>>('/api/interests', { side, page, pageSize: PAGE }), [side, page]);
  const [answering, setAnswering] = useState<Interest | null>(null);
  const [answer, setAnswer] = useState('');
  const [declining, setDeclining] = useState<Interest | null>(null);
  const [busy, setBusy] = useState(false);
  const replace = (x: Interest) => list.setData((prev) => (prev ? { ...prev, items: prev.items.map((i) => (i.id === x.id ? x : i)) } : prev!));

  const sendAnswer = async () => {
    if (!answering) return;
    setBusy(true);
    try {
      replace(await api.post<Interest>(`/api/interests/${answering.id}/answer`, { message: answer.trim() }));
      setAnswering(null);
      setAnswer('');
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <Skeleton active />;
  return (
    <>
      <List
        className="tb-interest-list"
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('interests.empty')} /> }}
        pagination={(list.data?.total ?? 0) > PAGE ? { current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false } : false}
        renderItem={(it) => (
          <List.Item
            data-testid="interest"
            actions={
              side === 'received' && it.status === 'open'
                ? [
                    <Button key="a" type="link" onClick={() => setAnswering(it)}>
                      {t('interests.answer')}
                    </Button>,
                    <Button key="d" type="link" danger onClick={() => setDeclining(it)}>
                      {t('matches.decline')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/achievements/${it.achievementId}`}>{it.achievementTitle ? pick(it.achievementTitle, lang) : t('interests.achievement')}</Link>
                  <Tag color={it.status === 'open' ? 'blue' : it.status === 'answered' ? 'green' : 'default'}>{t(`interests.statuses.${it.status}`)}</Tag>
                </Space>
              }
              description={
                <div>
                  <div>
                    {side === 'received'
                      ? t('interests.from', { org: it.fromOrg?.name ? pick(it.fromOrg.name, lang) : t('demand.anonymousOrg') })
                      : t('interests.sentOn', { date: formatDate(it.createdAt, lang) })}
                  </div>
                  {it.message && <div>“{it.message}”</div>}
                  {it.answer && <div className="tb-answer">{t('interests.answerWas', { text: it.answer })}</div>}
                  {it.decline && <div>{t('matches.declinedFor', { reason: t(`decline.reasons.${it.decline.reason}`) })}{it.decline.text ? `：${it.decline.text}` : ''}</div>}
                </div>
              }
            />
          </List.Item>
        )}
      />
      <Modal open={!!answering} title={t('interests.answerTitle')} onCancel={() => setAnswering(null)} onOk={() => void sendAnswer()} okButtonProps={{ disabled: !answer.trim() }} confirmLoading={busy} okText={t('interests.send')} cancelText={t('common.no')}>
        <Input.TextArea rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label={t('interests.answerLabel')} maxLength={2000} />
      </Modal>
      {declining && <DeclineModal<Interest> open path={`/api/interests/${declining.id}/decline`} onClose={() => setDeclining(null)} onDone={replace} />}
    </>
  );
}

/**
 * The enterprise opens a deal on the achievement a supplier offered with its interest in the
 * enterprise's demand (the buyer's side of `POST /api/deals`, tied to the demand). The achievement's
 * modes are read when the button is pressed.
 */
function InterestDealButton({ interest }: { interest: DemandInterest }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [ach, setAch] = useState<Achievement | null>(null);
  const [mode, setMode] = useState<DealModeCode | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const achievementId = interest.achievement!.id;

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await api.get<Achievement>(`/api/achievements/${achievementId}`);
      setAch(a);
      setMode(a.modes[0]?.mode);
      if (!DEALABLE_ACHIEVEMENT_STATUSES.includes(a.status)) setError(t('demandInterests.notDealable'));
    } catch (err) {
      setAch(null);
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!mode) return;
    setBusy(true);
    setError(null);
    try {
      const deal = await api.post<{ id: string }>('/api/deals', { achievementId, mode, demandId: interest.demandId });
      navigate(`/deals/${deal.id}`);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const shown = !!ach || !!error;
  const dealable = !!ach && DEALABLE_ACHIEVEMENT_STATUSES.includes(ach.status);
  return (
    <>
      <Button type="link" onClick={() => void open()} loading={busy && !shown} data-testid="interest-start-deal">
        {t('demandInterests.startDeal')}
      </Button>
      <Modal
        open={shown}
        title={t('deal.startTitle')}
        onCancel={() => {
          setAch(null);
          setError(null);
        }}
        onOk={() => void start()}
        okText={t('deal.startOk')}
        cancelText={t('common.no')}
        okButtonProps={{ disabled: !dealable || !mode }}
        confirmLoading={busy}
      >
        {ach && (
          <Typography.Paragraph>
            {t('demandInterests.dealOn', { title: pick(ach.title, lang) })}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">{t('deal.startLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        {dealable && (
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as DealModeCode)} aria-label={t('deal.mode')}>
            <Space orientation="vertical">
              {ach.modes.map((m) => (
                <Radio key={m.mode} value={m.mode}>
                  {modeName(m.mode, lang)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        )}
      </Modal>
    </>
  );
}

/**
 * Suppliers' interest in demands: received by the demand's organisation (answer, decline) or sent
 * by the supplier (decline); an anonymous demand's organisation stays hidden from the supplier.
 */
function DemandInterestList({ side }: { side: 'received' | 'sent' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const list = useRequest(() => api.get<Paged<DemandInterest>>('/api/demand-interests', { side, page, pageSize: PAGE }), [side, page]);
  const [answering, setAnswering] = useState<DemandInterest | null>(null);
  const [answer, setAnswer] = useState('');
  const [declining, setDeclining] = useState<DemandInterest | null>(null);
  const [busy, setBusy] = useState(false);
  const replace = (x: DemandInterest) => list.setData((prev) => (prev ? { ...prev, items: prev.items.map((i) => (i.id === x.id ? x : i)) } : prev!));

  const sendAnswer = async () => {
    if (!answering) return;
    setBusy(true);
    try {
      replace(await api.post<DemandInterest>(`/api/demand-interests/${answering.id}/answer`, { message: answer.trim() }));
      setAnswering(null);
      setAnswer('');
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <Skeleton active />;
  const total = list.data?.total ?? 0;
  return (
    <>
      <List
        className="tb-interest-list"
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('interests.empty')} /> }}
        pagination={total > PAGE ? { current: page, pageSize: PAGE, total, onChange: setPage, showSizeChanger: false } : false}
        renderItem={(it) => (
          <List.Item
            data-testid="demand-interest-item"
            actions={[
              ...(side === 'received' && it.status === 'open'
                ? [
                    <Button key="a" type="link" onClick={() => setAnswering(it)}>
                      {t('interests.answer')}
                    </Button>,
                  ]
                : []),
              // the achievement the supplier offered: the enterprise can negotiate it at once
              ...(side === 'received' && it.achievement && it.status !== 'declined' ? [<InterestDealButton key="deal" interest={it} />] : []),
              ...(it.status !== 'declined'
                ? [
                    <Button key="d" type="link" danger onClick={() => setDeclining(it)}>
                      {t('matches.decline')}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/demands/${it.demandId}`}>{it.demandTitle ? pick(it.demandTitle, lang) : t('demandInterests.demand')}</Link>
                  <Tag color={it.status === 'open' ? 'blue' : it.status === 'answered' ? 'green' : 'default'}>{t(`interests.statuses.${it.status}`)}</Tag>
                </Space>
              }
              description={
                <div>
                  <div>
                    {side === 'received'
                      ? t('interests.from', { org: it.fromOrg.name ? pick(it.fromOrg.name, lang) : '—' })
                      : t('demandInterests.to', { org: it.demandOrg?.name ? pick(it.demandOrg.name, lang) : t('demand.anonymousOrg') })}
                    {' · '}
                    {t('interests.sentOn', { date: formatDate(it.createdAt, lang) })}
                  </div>
                  {it.achievement && (
                    <div>
                      {t('demandInterests.offers')}
                      <Link to={`/achievements/${it.achievement.id}`}>{it.achievement.title ? pick(it.achievement.title, lang) : t('interests.achievement')}</Link>
                    </div>
                  )}
                  {it.message && <div>“{it.message}”</div>}
                  {it.answer && <div className="tb-answer">{t('interests.answerWas', { text: it.answer })}</div>}
                  {it.decline && <div>{t('matches.declinedFor', { reason: t(`decline.reasons.${it.decline.reason}`) })}{it.decline.text ? `：${it.decline.text}` : ''}</div>}
                </div>
              }
            />
          </List.Item>
        )}
      />
      <Modal open={!!answering} title={t('interests.answerTitle')} onCancel={() => setAnswering(null)} onOk={() => void sendAnswer()} okButtonProps={{ disabled: !answer.trim() }} confirmLoading={busy} okText={t('interests.send')} cancelText={t('common.no')}>
        <Input.TextArea rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label={t('interests.answerLabel')} maxLength={2000} />
      </Modal>
      {declining && <DeclineModal<DemandInterest> open path={`/api/demand-interests/${declining.id}/decline`} onClose={() => setDeclining(null)} onDone={replace} />}
    </>
  );
}

/** Interests one way (received or sent), in achievements or in demands (`about` in the URL). */
function InterestsPane({ side }: { side: 'received' | 'sent' }) {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const about = sp.get('about') === 'demands' ? 'demands' : 'achievements';
  return (
    <div>
      <Segmented<'achievements' | 'demands'>
        aria-label={t('demandInterests.about')}
        value={about}
        onChange={(v) => setSp({ tab: side, about: v })}
        options={[
          { value: 'achievements', label: t('demandInterests.aboutAchievements') },
          { value: 'demands', label: t('demandInterests.aboutDemands') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {about === 'demands' ? <DemandInterestList key={side} side={side} /> : <InterestList key={side} side={side} />}
    </div>
  );
}

/** The matches inbox: matches for my demands, for my achievements, and interests both ways. */
export default function Matches() {
  const { t } = useTranslation();
  const { org } = useAuth();
  const [sp, setSp] = useSearchParams();
  const buyer = org?.kind === 'enterprise';
  const tab = sp.get('tab') ?? (buyer ? 'demand' : 'supply');
  return (
    <Card>
      <Typography.Title level={2}>{t('matches.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('matches.lead')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'demand', label: t('matches.tabDemand'), children: <MatchList side="demand" /> },
          { key: 'supply', label: t('matches.tabSupply'), children: <MatchList side="supply" /> },
          { key: 'received', label: t('interests.received'), children: <InterestsPane side="received" /> },
          { key: 'sent', label: t('interests.sent'), children: <InterestsPane side="sent" /> },
        ]}
      />
    </Card>
  );
}

/** One match, opened from a notification. */
export function MatchPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const res = useRequest(() => api.get<Match>(`/api/matches/${id}`), [id]);
  if (res.loading && !res.data) return <PageLoading />;
  if (res.error || !res.data) return <ErrorState error={res.error} onRetry={res.reload} />;
  return (
    <div>
      <Typography.Title level={2}>{t('matches.one')}</Typography.Title>
      {res.data.side === null && <Alert type="info" showIcon title={t('matches.observer')} style={{ marginBottom: 12 }} />}
      <MatchCard match={res.data} onChange={(m) => res.setData(m)} />
      <Link to="/matches">{t('matches.backToInbox')}</Link>
    </div>
  );
}
