import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VerificationInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { OrgWithReview } from '../api/types';
import { Attachments } from '../components/Attachments';
import { ErrorState, PageLoading } from '../components/States';
import { useAuth } from '../auth/AuthContext';
import { applyServerError, validateForm, zodRule, type Path } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';
import { usePageTitle } from '../lib/title';

/**
 * An org admin's verification page: the status and the platform's reason, the credit code and
 * contact, the business licence; a rejected (or never decided) organisation submits again here.
 */
export default function OrgVerification() {
  const { t } = useTranslation();
  const lang = useLang();
  const { org, refresh } = useAuth();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  usePageTitle(t('verification.title'));
  const res = useRequest(() => api.get<OrgWithReview>(`/api/orgs/${org!.id}/verification`), [org?.id], !!org);
  if (!org) return null;
  if (res.loading && !res.data) return <PageLoading />;
  if (res.error || !res.data) return <ErrorState error={res.error} onRetry={res.reload} />;
  const o = res.data;
  const r = o.review;

  const toPayload = (v: Record<string, unknown>) => {
    const email = String(v.email ?? '').trim();
    return { creditCode: v.creditCode ?? '', contact: { name: v.name ?? '', phone: v.phone ?? '', ...(email ? { email } : {}) } };
  };
  const mapPath = (p: Path): Path => (p[0] === 'contact' ? [p[1]!] : p);
  const rule = (name: Path) => zodRule(VerificationInput, name, toPayload, t);

  const submit = async () => {
    const payload = validateForm(form, VerificationInput, toPayload(form.getFieldsValue(true) as Record<string, unknown>), t, mapPath);
    if (!payload) return;
    setBusy(true);
    try {
      res.setData(await api.put<OrgWithReview>(`/api/orgs/${org.id}/verification`, payload));
      message.success(t('verification.submitted'));
      void refresh();
    } catch (err) {
      if (!applyServerError(form, err, t, { mapPath })) message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const status =
    r.status === 'approved' ? <Tag color="green">{t('admin.verified')}</Tag> : r.status === 'rejected' ? <Tag color="red">{t('admin.rejected')}</Tag> : <Tag color="orange">{t('admin.pending')}</Tag>;

  return (
    <Card>
      <div className="tb-page-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('verification.title')}
        </Typography.Title>
        <span data-testid="verification-status">{status}</span>
      </div>
      <Typography.Paragraph type="secondary">{t('verification.lead', { org: pick(o.name, lang) })}</Typography.Paragraph>
      {r.status === 'rejected' && (
        <Alert type="error" showIcon role="alert" data-testid="rejection-reason" title={t('verification.rejectedTitle')} description={t('verification.rejectedReason', { reason: r.reason ?? '' })} style={{ marginBottom: 16 }} />
      )}
      {r.status === 'pending' && r.submittedAt && (
        <Alert type="info" showIcon title={t('verification.waiting', { date: formatDate(r.submittedAt, lang, true) })} style={{ marginBottom: 16 }} />
      )}
      {r.status === 'approved' && <Alert type="success" showIcon title={t('verification.approved')} style={{ marginBottom: 16 }} />}
      {r.status !== 'approved' && (
        <Form
          form={form}
          layout="vertical"
          name="verification"
          onFinish={() => void submit()}
          initialValues={{ creditCode: r.creditCode ?? '', name: r.contact.name, phone: r.contact.phone, email: r.contact.email }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('org.creditCode')} name="creditCode" required rules={[rule(['creditCode'])]} validateTrigger="onBlur" extra={t('org.creditCodeHint')}>
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('verification.contactName')} name="name" required rules={[rule(['contact', 'name'])]} validateTrigger="onBlur">
                <Input autoComplete="name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('org.contactPhone')} name="phone" required rules={[rule(['contact', 'phone'])]} validateTrigger="onBlur">
                <Input type="tel" autoComplete="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('verification.contactEmail')} name="email" rules={[rule(['contact', 'email'])]} validateTrigger="onBlur">
                <Input type="email" autoComplete="email" />
              </Form.Item>
            </Col>
          </Row>
          <Attachments target="org-licence" id={org.id} canEdit title={t('verification.licence')} />
          <Typography.Paragraph type="secondary">{t('verification.licenceHint')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('verification.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
