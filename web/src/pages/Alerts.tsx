import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert as Notice, Button, Card, Col, Empty, Form, Input, List, Popconfirm, Radio, Row, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELDS, REGIONS } from '@techbridge/search/taxonomy';
import { AlertInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { Alert, AlertHitList, AlertList } from '../api/types';
import { ErrorState } from '../components/States';
import { applyServerError, validateForm } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { fieldName, formatDate, modeName, pick, regionName } from '../lib/format';

/** What an alert looks for, in words. */
function describe(a: Alert, t: (k: string) => string, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (a.q) parts.push(`“${a.q}”`);
  if (a.field.length) parts.push(a.field.map((f) => fieldName(f, lang)).join(' / '));
  if (a.region.length) parts.push(a.region.map((r) => regionName(r, lang)).join(' / '));
  if (a.mode.length) parts.push(a.mode.map((m) => modeName(m, lang)).join(' / '));
  if (a.trlMin !== null || a.trlMax !== null) parts.push(`TRL ${a.trlMin ?? 1}–${a.trlMax ?? 9}`);
  if (a.priceMin !== null || a.priceMax !== null) parts.push(t('alerts.priceFiltered'));
  return parts.join(' · ');
}

/** A user's alerts: saved searches (from the search page) and followed fields/regions; what they found lately. */
export default function Alerts() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm();
  const list = useRequest(() => api.get<AlertList>('/api/alerts'), []);
  const hits = useRequest(() => api.get<AlertHitList>('/api/alerts/hits'), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toPayload = (v: Record<string, unknown>) => ({ kind: 'follow', target: v.target ?? 'achievements', field: v.field ?? [], region: v.region ?? [], name: v.name ?? '' });
  const submit = async () => {
    setError(null);
    const payload = validateForm(form, AlertInput, toPayload(form.getFieldsValue(true)), t);
    if (!payload) return;
    setBusy(true);
    try {
      await api.post('/api/alerts', payload);
      form.resetFields(['field', 'region', 'name']);
      list.reload();
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await api.del(`/api/alerts/${id}`);
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={9}>
        <Card title={<h2 className="tb-card-h">{t('alerts.follow')}</h2>}>
          <Typography.Paragraph type="secondary">{t('alerts.lead')}</Typography.Paragraph>
          {error && <Notice type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" name="alert" initialValues={{ target: 'achievements' }} onFinish={() => void submit()}>
            <Form.Item label={t('alerts.target')} name="target">
              <Radio.Group
                options={[
                  { value: 'achievements', label: t('alerts.targetName.achievements') },
                  { value: 'demands', label: t('alerts.targetName.demands') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('alerts.fields')} name="field">
              <Select mode="multiple" allowClear aria-label={t('alerts.fields')} options={FIELDS.map((f) => ({ value: f.code, label: f[lang] }))} optionFilterProp="label" />
            </Form.Item>
            <Form.Item label={t('alerts.regions')} name="region">
              <Select mode="multiple" allowClear aria-label={t('alerts.regions')} options={REGIONS.map((r) => ({ value: r.code, label: r[lang] }))} optionFilterProp="label" />
            </Form.Item>
            <Form.Item label={t('alerts.name')} name="name">
              <Input maxLength={100} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('alerts.create')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('alerts.searchHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card title={<h2 className="tb-card-h">{t('alerts.title')}</h2>} style={{ marginBottom: 24 }}>
          {list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : !list.loading && !list.data?.items.length ? (
            <Empty description={t('alerts.none')} />
          ) : (
            <List
              loading={list.loading}
              dataSource={list.data?.items ?? []}
              renderItem={(a: Alert) => (
                <List.Item
                  actions={[
                    <Popconfirm key="del" title={t('alerts.confirmDelete')} onConfirm={() => void remove(a.id)}>
                      <Button size="small" danger>
                        {t('alerts.delete')}
                      </Button>
                    </Popconfirm>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        <Tag color={a.kind === 'search' ? 'blue' : 'purple'}>{t(`alerts.kind.${a.kind}`)}</Tag>
                        <Tag>{t(`alerts.targetName.${a.target}`)}</Tag>
                        {a.name}
                      </span>
                    }
                    description={describe(a, t, lang)}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card title={<h2 className="tb-card-h">{t('alerts.found')}</h2>}>
          {hits.error ? (
            <ErrorState error={hits.error} onRetry={hits.reload} />
          ) : !hits.loading && !hits.data?.items.length ? (
            <Empty description={t('alerts.nothingFound')} />
          ) : (
            <List
              loading={hits.loading}
              dataSource={hits.data?.items ?? []}
              renderItem={(h) => (
                <List.Item>
                  <Link to={`/${h.kind}s/${h.listingId}`}>{pick(h.title, lang)}</Link>
                  <Typography.Text type="secondary">
                    {formatDate(h.at, lang, true)} {h.digested ? `· ${t('alerts.inDigest')}` : ''}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
