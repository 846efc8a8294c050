import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Modal, Radio, Space, Typography } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement, DealModeCode } from '../api/types';
import { DEALABLE_ACHIEVEMENT_STATUSES } from '@techbridge/api/contract';
import type { DealView } from '@techbridge/api/deals/deals.events';
import { useAuth } from '../auth/AuthContext';
import { errorText, useLang } from '../lib/hooks';
import { modeName } from '../lib/format';
import { LinkButton } from './LinkButton';

/** Opens (or reopens) a negotiation room on an achievement in one of its deal modes. */
export function StartDealButton({ achievement, demandId, matchId, block = true }: { achievement: Pick<Achievement, 'id' | 'modes' | 'status'>; demandId?: string; matchId?: string; block?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { user, org } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<DealModeCode>(achievement.modes[0]?.mode ?? 'license');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!user) {
    return (
      <LinkButton type="primary" block={block} to={`/login?next=${encodeURIComponent(`/achievements/${achievement.id}`)}`}>
        {t('deal.loginToNegotiate')}
      </LinkButton>
    );
  }
  if (!org || !DEALABLE_ACHIEVEMENT_STATUSES.includes(achievement.status)) return null;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const deal = await api.post<DealView>('/api/deals', { achievementId: achievement.id, mode, ...(demandId ? { demandId } : {}), ...(matchId ? { matchId } : {}) });
      navigate(`/deals/${deal.id}`);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" block={block} icon={<MessageOutlined />} onClick={() => setOpen(true)}>
        {t('deal.start')}
      </Button>
      <Modal open={open} title={t('deal.startTitle')} onCancel={() => setOpen(false)} onOk={() => void start()} okText={t('deal.startOk')} cancelText={t('common.no')} confirmLoading={busy}>
        <Typography.Paragraph>{t('deal.startLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as DealModeCode)} aria-label={t('deal.mode')}>
          <Space orientation="vertical">
            {achievement.modes.map((m) => (
              <Radio key={m.mode} value={m.mode}>
                {modeName(m.mode, lang)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Modal>
    </>
  );
}
