import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Checkbox, Col, Empty, Form, Input, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { API_KEY_SCOPES, ApiKeyInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../components/States';
import { applyServerError, validateForm, zodRule } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';

/**
 * An org admin's API keys for partner systems (`/org/api-keys`): create one with its scopes — the
 * key is shown once, here —, see when each was last used, revoke it (refused from the next request on).
 */
export default function ApiKeys() {
  const { t } = useTranslation();
  const lang = useLang();
  const { org } = useAuth();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keys = useRequest(() => api.get<{ items: ApiKey[] }>(`/api/orgs/${org!.id}/api-keys`), [org?.id], !!org);
  const toPayload = (v: Record<string, unknown>) => ({ name: v.name ?? '', scopes: v.scopes ?? [] });

  const submit = async () => {
    if (!org) return;
    setError(null);
    const payload = validateForm(form, ApiKeyInput, toPayload(form.getFieldsValue(true)), t);
    if (!payload) return;
    setBusy(true);
    try {
      setCreated(await api.post<CreatedApiKey>(`/api/orgs/${org.id}/api-keys`, payload));
      form.resetFields();
      keys.reload();
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKey) => {
    try {
      await api.post(`/api/orgs/${org!.id}/api-keys/${k.id}/revoke`);
      if (created?.id === k.id) setCreated(null);
      keys.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={10}>
        <Card title={<h2 className="tb-card-h">{t('apiKeys.title')}</h2>}>
          <Typography.Paragraph type="secondary">{t('apiKeys.lead', { org: org ? pick(org.name, lang) : '' })}</Typography.Paragraph>
          <Typography.Paragraph>
            <a href="/api/docs/" target="_blank" rel="noreferrer">
              {t('apiKeys.docs')}
            </a>
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" name="api-key" initialValues={{ scopes: ['listings:read'] }} onFinish={() => void submit()}>
            <Form.Item label={t('apiKeys.name')} name="name" extra={t('apiKeys.nameHint')} rules={[zodRule(ApiKeyInput, ['name'], toPayload, t)]} validateTrigger="onBlur">
              <Input autoComplete="off" maxLength={80} />
            </Form.Item>
            <Form.Item label={t('apiKeys.scopes')} name="scopes" rules={[zodRule(ApiKeyInput, ['scopes'], toPayload, t)]}>
              <Checkbox.Group>
                <Space direction="vertical">
                  {API_KEY_SCOPES.map((s) => (
                    <Checkbox key={s} value={s}>
                      <code>{s}</code> — {t(`apiKeys.scope.${s}`)}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('apiKeys.create')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {created && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('apiKeys.createdTitle', { name: created.name })}
            description={
              <>
                <Typography.Paragraph>{t('apiKeys.onceNote')}</Typography.Paragraph>
                <Typography.Paragraph copyable={{ text: created.key, tooltips: [t('common.copy'), t('common.copied')] }} code data-testid="api-key-secret">
                  {created.key}
                </Typography.Paragraph>
              </>
            }
            closable
            onClose={() => setCreated(null)}
          />
        )}
        <Card title={<h2 className="tb-card-h">{t('apiKeys.list')}</h2>}>
          {keys.error ? (
            <ErrorState error={keys.error} onRetry={keys.reload} compact />
          ) : !keys.data?.items.length ? (
            <Empty description={keys.loading ? t('common.loading') : t('apiKeys.none')} />
          ) : (
            <List
              dataSource={keys.data.items}
              renderItem={(k) => (
                <List.Item
                  data-testid="api-key-row"
                  actions={
                    k.revokedAt
                      ? []
                      : [
                          <Popconfirm key="revoke" title={t('apiKeys.revokeConfirm')} okText={t('apiKeys.revoke')} cancelText={t('common.no')} onConfirm={() => void revoke(k)}>
                            <Button danger size="small">
                              {t('apiKeys.revoke')}
                            </Button>
                          </Popconfirm>,
                        ]
                  }
                >
                  <div style={{ minWidth: 0 }}>
                    <div>
                      <span className="tb-strong">{k.name}</span> <Typography.Text type="secondary"><code>tbk_{k.prefix}_…</code></Typography.Text>{' '}
                      {k.revokedAt ? <Tag color="red">{t('apiKeys.revoked')}</Tag> : <Tag color="green">{t('apiKeys.active')}</Tag>}
                    </div>
                    <div>
                      {k.scopes.map((s) => (
                        <Tag key={s}>{s}</Tag>
                      ))}
                    </div>
                    <Typography.Text type="secondary">
                      {t('apiKeys.createdAt', { date: formatDate(k.createdAt, lang, true) })} ·{' '}
                      {k.lastUsedAt ? t('apiKeys.lastUsed', { date: formatDate(k.lastUsedAt, lang, true) }) : t('apiKeys.neverUsed')}
                      {k.revokedAt ? ` · ${t('apiKeys.revokedAt', { date: formatDate(k.revokedAt, lang, true) })}` : ''}
                    </Typography.Text>
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
