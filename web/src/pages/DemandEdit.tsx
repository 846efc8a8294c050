import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DemandInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { Demand } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, PageLoading } from '../components/States';
import { FieldSelect, RegionSelect, TrlSelect } from '../components/TaxonomyFields';
import { applyServerError, validateForm } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { modeName } from '../lib/format';
import { MODE_ORDER, demandFieldPath, demandFormValues, demandPayload, type DemandFormValues } from '../lib/listingForm';

/** Post or edit a technical demand, optionally anonymous. */
export default function DemandEdit() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { org } = useAuth();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const existing = useRequest(() => api.get<Demand>(`/api/demands/${id}`), [id], editing);
  const anonymous: boolean = Form.useWatch('anonymous', form) ?? false;

  useEffect(() => {
    if (existing.data) form.setFieldsValue(demandFormValues(existing.data));
  }, [existing.data, form]);

  if (editing && existing.loading) return <PageLoading />;
  if (editing && (existing.error || !existing.data)) return <ErrorState error={existing.error} onRetry={existing.reload} />;

  const save = async (publish: boolean) => {
    setError(null);
    const payload = demandPayload(form.getFieldsValue(true) as DemandFormValues);
    if (!validateForm(form, DemandInput, payload, t, demandFieldPath)) return;
    setBusy(publish ? 'publish' : 'save');
    let saved: Demand | null = null;
    try {
      saved = editing
        ? await api.patch<Demand>(`/api/demands/${id}`, { ...payload, version: existing.data!.version })
        : await api.post<Demand>('/api/demands', payload);
      if (publish && saved.status !== 'open') saved = await api.post<Demand>(`/api/demands/${saved.id}/publish`, { version: saved.version });
      message.success(publish ? t('editor.published') : t('editor.saved'));
      navigate(`/demands/${saved.id}`);
    } catch (err) {
      if (saved) {
        message.warning(t('editor.savedNotPublished', { reason: errorText(t, err) }));
        navigate(`/demands/${saved.id}`);
        return;
      }
      if (!applyServerError(form, err, t, { mapPath: demandFieldPath })) setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card>
      <Typography.Title level={2}>{editing ? t('editor.editDemand') : t('editor.newDemand')}</Typography.Title>
      {!org?.verified && <Alert type="info" showIcon title={t('editor.unverifiedNote')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form form={form} layout="vertical" name="demand" initialValues={{ modes: ['license', 'transfer'], anonymous: false }} onFinish={() => void save(false)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('editor.titleZh')} name={['title', 'zh']} required>
              <Input maxLength={200} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('editor.titleEn')} name={['title', 'en']}>
              <Input maxLength={200} lang="en" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('editor.descriptionZh')} name={['description', 'zh']} required extra={t('editor.descriptionHint')}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('editor.descriptionEn')} name={['description', 'en']}>
          <Input.TextArea rows={3} maxLength={5000} lang="en" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('listing.field')} name="field" required>
              <FieldSelect aria-label={t('listing.field')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('org.region')} name="region" required>
              <RegionSelect aria-label={t('org.region')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('editor.budgetMinWan')} name="budgetMin">
              <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('editor.budgetMaxWan')} name="budgetMax">
              <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('editor.deadline')} name="deadline">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('demand.modes')} name="modes">
              <Checkbox.Group options={MODE_ORDER.map((m) => ({ value: m, label: modeName(m, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('editor.minTrl')} name="minTrl">
              <TrlSelect aria-label={t('editor.minTrl')} allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('listing.keywords')} name="keywords" extra={t('editor.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} aria-label={t('listing.keywords')} suffixIcon={null} />
        </Form.Item>
        <Form.Item label={t('editor.anonymous')} name="anonymous" valuePropName="checked" extra={t('editor.anonymousHint')}>
          <Switch />
        </Form.Item>
        {anonymous && <Alert type="info" showIcon title={t('editor.anonymousNote')} style={{ marginBottom: 16 }} />}
        <Divider />
        <div className="tb-form-actions">
          <span />
          <Space wrap>
            <Button htmlType="submit" loading={busy === 'save'}>
              {editing && existing.data?.status === 'open' ? t('editor.saveChanges') : t('editor.saveDraft')}
            </Button>
            {(!editing || existing.data?.status === 'draft') && (
              <Button type="primary" loading={busy === 'publish'} onClick={() => void save(true)} disabled={!org?.verified}>
                {t('editor.saveAndPublish')}
              </Button>
            )}
          </Space>
        </div>
      </Form>
    </Card>
  );
}
