import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { HeartOutlined, MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DemandInterestInput } from '@techbridge/api/schemas';
import type { DealView } from '@techbridge/api/deals/deals.events';
import { api } from '../api/client';
import type { Achievement, DealModeCode, Demand, DemandInterest, Paged } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { modeName, pick } from '../lib/format';
import { issueText } from '../lib/form';

/** The organisation kinds that answer demands with their achievements. */
const SUPPLIER_KINDS = ['university', 'institute'];

/** My organisation's published achievements, fetched once `enabled` (a select's options). */
function useMyAchievements(enabled: boolean) {
  return useRequest(() => api.get<Paged<Achievement>>('/api/achievements/mine', { status: 'published', pageSize: 100 }), [], enabled);
}

/**
 * A supplier tells a demand's organisation it is interested: one of its own published achievements
 * (or none) and a message.
 */
export function DemandInterestButton({ demandId, achievementId, block = true }: { demandId: string; achievementId?: string; block?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string | undefined>(achievementId);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const mine = useMyAchievements(open);

  const submit = async () => {
    setError(null);
    const body = { demandId, ...(picked ? { achievementId: picked } : {}), message: text.trim() };
    const r = DemandInterestInput.safeParse(body);
    if (!r.success) return setError(issueText(t, r.error.issues[0] as never));
    setBusy(true);
    try {
      await api.post<DemandInterest>('/api/demand-interests', body);
      setSent(true);
      setOpen(false);
      message.success(t('demandInterests.sentToast'));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button block={block} icon={<HeartOutlined />} onClick={() => setOpen(true)} disabled={sent} data-testid="demand-interest">
        {sent ? t('interests.statuses.open') : t('demandInterests.express')}
      </Button>
      <Modal
        open={open}
        title={t('demandInterests.newTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okText={t('interests.send')}
        cancelText={t('common.no')}
      >
        <Typography.Paragraph type="secondary">{t('demandInterests.newLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="di-achievement">{t('demandInterests.withAchievement')}</label>
          <Select
            id="di-achievement"
            allowClear
            style={{ width: '100%' }}
            loading={mine.loading}
            placeholder={t('demandInterests.noAchievement')}
            value={picked}
            onChange={(v) => setPicked(v)}
            options={(mine.data?.items ?? []).map((a) => ({ value: a.id, label: pick(a.title, lang) }))}
            aria-label={t('demandInterests.withAchievement')}
          />
          <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} showCount aria-label={t('interests.messageLabel')} />
        </Space>
      </Modal>
    </>
  );
}

/**
 * The supplier opens a negotiation from a demand, on one of its own published achievements in one
 * of that achievement's deal modes (the demand's enterprise is the buyer).
 */
export function SupplierDealButton({ demandId, matchId, achievementId, block = true }: { demandId: string; matchId?: string; achievementId?: string; block?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string | undefined>(achievementId);
  const [mode, setMode] = useState<DealModeCode | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = useMyAchievements(open);
  const chosen = mine.data?.items.find((a) => a.id === picked);
  const modes = chosen?.modes.map((m) => m.mode) ?? [];

  const start = async () => {
    setError(null);
    if (!picked) return setError(t('demandInterests.pickAchievement'));
    const m = mode && modes.includes(mode) ? mode : modes[0];
    if (!m) return setError(t('demandInterests.pickAchievement'));
    setBusy(true);
    try {
      const deal = await api.post<DealView>('/api/deals', { achievementId: picked, mode: m, demandId, ...(matchId ? { matchId } : {}) });
      navigate(`/deals/${deal.id}`);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" block={block} icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="supplier-deal">
        {t('deal.start')}
      </Button>
      <Modal open={open} title={t('deal.startTitle')} onCancel={() => setOpen(false)} onOk={() => void start()} okText={t('deal.startOk')} cancelText={t('common.no')} confirmLoading={busy}>
        <Typography.Paragraph>{t('demandInterests.dealLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="sd-achievement">{t('demandInterests.dealAchievement')}</label>
          <Select
            id="sd-achievement"
            style={{ width: '100%' }}
            loading={mine.loading}
            value={picked}
            onChange={(v) => {
              setPicked(v);
              setMode(undefined);
            }}
            options={(mine.data?.items ?? []).map((a) => ({ value: a.id, label: pick(a.title, lang) }))}
            aria-label={t('demandInterests.dealAchievement')}
          />
          {modes.length > 0 && (
            <Radio.Group value={mode ?? modes[0]} onChange={(e) => setMode(e.target.value as DealModeCode)} aria-label={t('deal.mode')}>
              <Space orientation="vertical">
                {modes.map((m) => (
                  <Radio key={m} value={m}>
                    {modeName(m, lang)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          )}
        </Space>
      </Modal>
    </>
  );
}

/**
 * What a university or institute can do on another organisation's open demand: show interest, and
 * open a deal once it knows the enterprise (an anonymous demand reveals itself first) and its own
 * organisation is verified.
 */
export function SupplierDemandActions({ demand }: { demand: Demand }) {
  const { t } = useTranslation();
  const { org } = useAuth();
  if (!org || !SUPPLIER_KINDS.includes(org.kind) || demand.access.owner || demand.status !== 'open') return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DemandInterestButton demandId={demand.id} />
      {!org.verified ? (
        <Typography.Paragraph type="secondary">{t('demandInterests.unverifiedNote')}</Typography.Paragraph>
      ) : demand.org ? (
        <SupplierDealButton demandId={demand.id} />
      ) : (
        <Typography.Paragraph type="secondary" data-testid="anonymous-deal-note">
          {t('demandInterests.anonymousNote')}
        </Typography.Paragraph>
      )}
    </Space>
  );
}

/** Whether the signed-in organisation answers demands (a university or an institute). */
export const isSupplierKind = (kind: string | undefined) => !!kind && SUPPLIER_KINDS.includes(kind);
