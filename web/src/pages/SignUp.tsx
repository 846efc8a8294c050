import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Divider, Form, Input, Radio, Result, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, RegisterInput } from '@techbridge/api/schemas';
import { REGIONS } from '@techbridge/search/taxonomy';
import { api } from '../api/client';
import type { RegisterResponse } from '../api/types';
import { applyServerError, validateForm, zodRule, type Path } from '../lib/form';
import { errorText, useLang } from '../lib/hooks';

// The bilingual refinement reports on `org.name`; the form shows it under the Chinese name.
const mapPath = (p: Path): Path => (p.join('.') === 'org.name' ? ['org', 'name', 'zh'] : p);

/**
 * Registration: a new organisation (its first user becomes org admin) or joining through
 * /invite/:token. The answer is always "check your email" (it says nothing about whether the address
 * already has an account); the emailed link opens /verify-email, which signs the user in.
 */
export default function SignUp() {
  const { t } = useTranslation();
  const lang = useLang();
  const { token } = useParams();
  const invited = !!token;
  const [form] = Form.useForm();
  const [sent, setSent] = useState<{ email: string; devOutbox?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toPayload = (v: Record<string, unknown>) => {
    const org = (v.org ?? {}) as { kind?: string; name?: { zh?: string; en?: string }; region?: string; creditCode?: string; contactPhone?: string };
    return {
      email: v.email ?? '',
      password: v.password ?? '',
      name: v.name ?? '',
      locale: lang,
      ...(invited
        ? { invitationToken: token }
        : {
            org: {
              kind: org.kind,
              name: { zh: org.name?.zh ?? '', en: org.name?.en ?? '' },
              region: org.region,
              creditCode: org.creditCode ?? '',
              ...(org.contactPhone?.trim() ? { contactPhone: org.contactPhone } : {}),
            },
          }),
    };
  };
  const rule = (name: Path) => zodRule(RegisterInput, name, toPayload, t);
  const regions = useMemo(() => REGIONS.map((r) => ({ value: r.code, label: r[lang] })), [lang]);

  const submit = async () => {
    setError(null);
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    if (values.password !== values.confirm) {
      form.setFields([{ name: 'confirm', errors: [t('auth.passwordMismatch')] }]);
      return;
    }
    const payload = validateForm(form, RegisterInput, toPayload(values), t, mapPath);
    if (!payload) return;
    setBusy(true);
    try {
      const res = await api.post<RegisterResponse>('/api/auth/register', payload);
      setSent({ email: payload.email, devOutbox: res.devOutbox });
    } catch (err) {
      const placed = applyServerError(form, err, t, { mapPath, codeFields: { email_taken: 'email', invitation_email_mismatch: 'email' } });
      if (!placed) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (sent)
    return (
      <div className="tb-auth">
        <Card className="tb-auth-card tb-auth-wide">
          <Result
            status="success"
            title={t('auth.checkEmailTitle')}
            subTitle={t('auth.checkEmailLead', { email: sent.email })}
            data-testid="check-email"
            extra={
              sent.devOutbox ? (
                <Link to={`${sent.devOutbox}?to=${encodeURIComponent(sent.email)}`} data-testid="dev-outbox-link">
                  {t('auth.openDevOutbox')}
                </Link>
              ) : undefined
            }
          />
        </Card>
      </div>
    );

  return (
    <div className="tb-auth">
      <Card className="tb-auth-card tb-auth-wide">
        <Typography.Title level={2}>{invited ? t('auth.inviteTitle') : t('auth.signupTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{invited ? t('auth.inviteLead') : t('auth.signupLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form
          form={form}
          layout="vertical"
          name="signup"
                    onFinish={() => void submit()}
          initialValues={{ org: { kind: 'university' } }}
        >
          {!invited && (
            <>
              <Divider titlePlacement="start" plain>
                {t('auth.orgSection')}
              </Divider>
              <Form.Item label={t('org.kind')} name={['org', 'kind']} required rules={[rule(['org', 'kind'])]}>
                <Radio.Group optionType="button" buttonStyle="solid" className="tb-kind-radios">
                  {ORG_KINDS.map((k) => (
                    <Radio.Button key={k} value={k}>
                      {t(`org.kinds.${k}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item label={t('org.nameZh')} name={['org', 'name', 'zh']} required dependencies={[['org', 'name', 'en']]} rules={[rule(['org', 'name'])]} validateTrigger="onBlur">
                    <Input autoComplete="organization" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('org.nameEn')} name={['org', 'name', 'en']} extra={t('org.nameHint')}>
                    <Input lang="en" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('org.region')} name={['org', 'region']} required rules={[rule(['org', 'region'])]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={regions} placeholder={t('common.choose')} aria-label={t('org.region')} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label={t('org.creditCode')}
                    name={['org', 'creditCode']}
                    required
                    rules={[rule(['org', 'creditCode'])]}
                    validateTrigger="onBlur"
                    extra={t('org.creditCodeHint')}
                  >
                    <Input maxLength={18} style={{ textTransform: 'uppercase' }} autoComplete="off" spellCheck={false} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('org.contactPhone')} name={['org', 'contactPhone']} rules={[rule(['org', 'contactPhone'])]} validateTrigger="onBlur" extra={t('org.contactPhoneHint')}>
                    <Input type="tel" autoComplete="tel" />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
          <Divider titlePlacement="start" plain>
            {t('auth.accountSection')}
          </Divider>
          <Form.Item label={t('auth.name')} name="name" required rules={[rule(['name'])]} validateTrigger="onBlur">
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item label={t('auth.email')} name="email" required rules={[rule(['email'])]} validateTrigger="onBlur">
            <Input type="email" autoComplete="email" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('auth.password')} name="password" required rules={[rule(['password'])]} validateTrigger="onBlur" extra={t('auth.passwordHint')}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('auth.confirmPassword')} name="confirm" required>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {invited ? t('auth.joinOrg') : t('auth.signup')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
          {t('auth.haveAccount')} <Link to="/login">{t('auth.loginLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
