import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, List, Popconfirm, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WebhookInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { Webhook, WebhookCreated, WebhookDelivery, WebhookDeliveryList, WebhookList } from '../api/types';
import { ErrorState } from '../components/States';
import { applyServerError, validateForm } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate } from '../lib/format';

const EVENTS = WebhookInput.shape.events.element.options;
const STATUS_COLOR: Record<string, string> = { delivered: 'green', pending: 'gold', failed: 'red' };

/** An org admin's outgoing webhooks: subscribe an endpoint (its secret shown once), pause, delete, the delivery log, redeliver. */
export default function OrgWebhooks() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const list = useRequest(() => api.get<WebhookList>('/api/webhooks'), []);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const toPayload = (v: Record<string, unknown>) => ({ url: v.url ?? '', events: v.events ?? [], description: v.description ?? '' });
  const submit = async () => {
    setError(null);
    const payload = validateForm(form, WebhookInput, toPayload(form.getFieldsValue(true)), t);
    if (!payload) return;
    setBusy(true);
    try {
      const created = await api.post<WebhookCreated>('/api/webhooks', payload);
      setSecret({ url: created.webhook.url, secret: created.secret });
      form.resetFields();
      list.reload();
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={9}>
        <Card title={<h2 className="tb-card-h">{t('webhooks.title')}</h2>}>
          <Typography.Paragraph type="secondary">{t('webhooks.lead')}</Typography.Paragraph>
          {secret && (
            <Alert
              type="success"
              showIcon
              role="status"
              style={{ marginBottom: 16 }}
              title={t('webhooks.secretOnce')}
              description={
                <Typography.Paragraph copyable={{ text: secret.secret, tooltips: [t('common.copy'), t('common.copied')] }} data-testid="webhook-secret" style={{ wordBreak: 'break-all', marginBottom: 0 }}>
                  {secret.secret}
                </Typography.Paragraph>
              }
            />
          )}
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" name="webhook" initialValues={{ events: ['achievement.published'] }} onFinish={() => void submit()}>
            <Form.Item label={t('webhooks.url')} name="url" extra={t('webhooks.urlHint')}>
              <Input type="url" placeholder="https://partner.example.cn/techbridge" autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('webhooks.events')} name="events">
              <Checkbox.Group options={EVENTS.map((e) => ({ value: e, label: t(`webhooks.event.${e}`) }))} style={{ display: 'grid', gap: 4 }} />
            </Form.Item>
            <Form.Item label={t('webhooks.description')} name="description">
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('webhooks.create')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('webhooks.verifyHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card title={<h2 className="tb-card-h">{t('webhooks.list')}</h2>}>
          {list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : !list.loading && !list.data?.items.length ? (
            <Empty description={t('webhooks.none')} />
          ) : (
            <List
              loading={list.loading}
              dataSource={list.data?.items ?? []}
              renderItem={(w: Webhook) => (
                <List.Item>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                      <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                        {w.url}
                      </Typography.Text>
                      <Space>
                        <Switch
                          checked={w.active}
                          aria-label={t('webhooks.active')}
                          checkedChildren={t('webhooks.active')}
                          unCheckedChildren={t('webhooks.paused')}
                          onChange={(active) => void act(() => api.patch(`/api/webhooks/${w.id}`, { active }))}
                        />
                        <Button size="small" onClick={() => setOpen(open === w.id ? null : w.id)}>
                          {open === w.id ? t('webhooks.hideLog') : t('webhooks.showLog')}
                        </Button>
                        <Popconfirm title={t('webhooks.confirmDelete')} onConfirm={() => void act(() => api.del(`/api/webhooks/${w.id}`))}>
                          <Button size="small" danger>
                            {t('webhooks.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    </Space>
                    {w.description && <div>{w.description}</div>}
                    <div>
                      {w.events.map((e) => (
                        <Tag key={e}>{t(`webhooks.event.${e}`)}</Tag>
                      ))}
                    </div>
                    {open === w.id && <DeliveryLog webhookId={w.id} />}
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

/** A webhook's deliveries, newest first, each with its attempts; a delivery can be sent again. */
function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [page, setPage] = useState(1);
  const log = useRequest(() => api.get<WebhookDeliveryList>(`/api/webhooks/${webhookId}/deliveries`, { page, pageSize: 10 }), [webhookId, page]);
  const [error, setError] = useState<string | null>(null);
  const redeliver = async (d: WebhookDelivery) => {
    setError(null);
    try {
      await api.post(`/api/webhooks/${webhookId}/deliveries/${encodeURIComponent(d.id)}/redeliver`);
      log.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  if (log.error) return <ErrorState error={log.error} onRetry={log.reload} compact />;
  return (
    <div style={{ marginTop: 12 }} data-testid="delivery-log">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
      <Space style={{ marginBottom: 8 }}>
        <Button size="small" onClick={log.reload}>
          {t('webhooks.refresh')}
        </Button>
      </Space>
      <Table<WebhookDelivery>
        size="small"
        rowKey="id"
        loading={log.loading}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: t('webhooks.noDeliveries') }}
        pagination={{ current: page, pageSize: 10, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (d) => (
            <Table
              size="small"
              rowKey="n"
              pagination={false}
              dataSource={d.attempts}
              columns={[
                { title: '#', dataIndex: 'n' },
                { title: t('webhooks.at'), dataIndex: 'at', render: (v: string) => formatDate(v, lang, true) },
                { title: t('webhooks.statusCode'), dataIndex: 'statusCode', render: (v: number | null, a) => v ?? a.error ?? '' },
                { title: t('webhooks.response'), dataIndex: 'responseBody', render: (v: string) => <Typography.Text code>{v.slice(0, 120)}</Typography.Text> },
                { title: t('webhooks.duration'), dataIndex: 'durationMs', render: (v: number) => `${v} ms` },
                { title: '', dataIndex: 'redelivery', render: (v: boolean) => (v ? <Tag>{t('webhooks.redelivery')}</Tag> : null) },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('webhooks.eventCol'), dataIndex: 'event', render: (v: string) => t(`webhooks.event.${v}`) },
          { title: t('webhooks.created'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, lang, true) },
          { title: t('webhooks.status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`webhooks.statusName.${v}`)}</Tag> },
          { title: t('webhooks.attempts'), render: (_: unknown, d) => d.attempts.length },
          {
            title: '',
            render: (_: unknown, d) => (
              <Button size="small" onClick={() => void redeliver(d)}>
                {t('webhooks.redeliver')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
