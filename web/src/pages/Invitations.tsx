import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, InputNumber, List, Row, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { InvitationInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { Invitation } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { applyServerError, validateForm, zodRule } from '../lib/form';
import { errorText, useLang } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';

/** Org admins invite colleagues: each invitation is a one-time link /invite/:token. */
export default function Invitations() {
  const { t } = useTranslation();
  const lang = useLang();
  const { org } = useAuth();
  const [form] = Form.useForm();
  const [created, setCreated] = useState<Invitation[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toPayload = (v: Record<string, unknown>) => ({
    ...(v.email ? { email: v.email } : {}),
    role: v.role ?? 'member',
    expiresInDays: v.expiresInDays ?? 7,
  });

  const submit = async () => {
    if (!org) return;
    setError(null);
    const payload = validateForm(form, InvitationInput, toPayload(form.getFieldsValue(true)), t);
    if (!payload) return;
    setBusy(true);
    try {
      const inv = await api.post<Invitation>(`/api/orgs/${org.id}/invitations`, payload);
      setCreated((prev) => [inv, ...prev]);
      form.resetFields(['email']);
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const link = (inv: Invitation) => `${window.location.origin}/invite/${inv.token}`;

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={10}>
        <Card title={<h2 className="tb-card-h">{t('invite.title')}</h2>}>
          <Typography.Paragraph type="secondary">{t('invite.lead', { org: org ? pick(org.name, lang) : '' })}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" name="invite" initialValues={{ role: 'member', expiresInDays: 7 }} onFinish={() => void submit()}>
            <Form.Item label={t('invite.email')} name="email" extra={t('invite.emailHint')} rules={[zodRule(InvitationInput, ['email'], toPayload, t)]} validateTrigger="onBlur">
              <Input type="email" autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('invite.role')} name="role">
              <Select
                aria-label={t('invite.role')}
                options={[
                  { value: 'member', label: t('roles.member') },
                  { value: 'org-admin', label: t('roles.org-admin') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('invite.expiresInDays')} name="expiresInDays" rules={[zodRule(InvitationInput, ['expiresInDays'], toPayload, t)]}>
              <InputNumber min={1} max={30} style={{ width: '100%' }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('invite.create')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={<h2 className="tb-card-h">{t('invite.created')}</h2>}>
          <Alert type="info" showIcon title={t('invite.onceNote')} style={{ marginBottom: 16 }} />
          {created.length === 0 ? (
            <Empty description={t('invite.none')} />
          ) : (
            <List
              dataSource={created}
              renderItem={(inv) => (
                <List.Item>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <div>
                      <Tag color={inv.role === 'org-admin' ? 'gold' : 'blue'}>{t(`roles.${inv.role}`)}</Tag>
                      {inv.email ?? t('invite.anyEmail')}
                      <Typography.Text type="secondary"> · {t('invite.expires', { date: formatDate(inv.expiresAt, lang) })}</Typography.Text>
                    </div>
                    <Typography.Paragraph copyable={{ text: link(inv), tooltips: [t('common.copy'), t('common.copied')] }} className="tb-invite-link" data-testid="invite-link">
                      {link(inv)}
                    </Typography.Paragraph>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
