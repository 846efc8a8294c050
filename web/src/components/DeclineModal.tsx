import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DECLINE_REASONS, DeclineInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import { applyServerError, validateForm } from '../lib/form';
import { errorText } from '../lib/hooks';

/** Decline a match or an interest with a structured reason (and text when "other"). */
export function DeclineModal<T>({ open, path, onClose, onDone }: { open: boolean; path: string; onClose: () => void; onDone: (result: T) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason: string | undefined = Form.useWatch('reason', form);

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true) as { reason?: string; text?: string };
    const body = { reason: v.reason, text: (v.text ?? '').trim() };
    if (!validateForm(form, DeclineInput, body, t)) return;
    setBusy(true);
    try {
      onDone(await api.post<T>(path, body));
      form.resetFields();
      onClose();
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('decline.title')} okText={t('decline.submit')} okButtonProps={{ danger: true }} cancelText={t('common.no')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} forceRender>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="decline">
        <Form.Item label={t('decline.reason')} name="reason" required>
          <Radio.Group>
            <Space orientation="vertical">
              {DECLINE_REASONS.map((r) => (
                <Radio key={r} value={r}>
                  {t(`decline.reasons.${r}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('decline.text')} name="text" required={reason === 'other'}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
