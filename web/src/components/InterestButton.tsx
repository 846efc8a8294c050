import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, Typography } from 'antd';
import { HeartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { InterestInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { Interest } from '../api/types';
import { errorText } from '../lib/hooks';
import { issueText } from '../lib/form';

/** Tells the owner of an achievement that the viewer's organisation is interested, with a message. */
export function InterestButton({ achievementId }: { achievementId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  const submit = async () => {
    setError(null);
    const body = { achievementId, message: text.trim() };
    const r = InterestInput.safeParse(body);
    if (!r.success) return setError(issueText(t, r.error.issues[0] as never));
    setBusy(true);
    try {
      await api.post<Interest>('/api/interests', body);
      setSent(true);
      setOpen(false);
      message.success(t('matches.interestSent'));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button block icon={<HeartOutlined />} onClick={() => setOpen(true)} disabled={sent}>
        {sent ? t('interests.statuses.open') : t('matches.interested')}
      </Button>
      <Modal open={open} title={t('interests.newTitle')} onCancel={() => setOpen(false)} onOk={() => void submit()} confirmLoading={busy} okText={t('interests.send')} cancelText={t('common.no')}>
        <Typography.Paragraph type="secondary">{t('interests.newLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} aria-label={t('interests.messageLabel')} />
      </Modal>
    </>
  );
}
