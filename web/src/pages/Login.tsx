import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoginInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { MeResponse } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { applyServerError, validateForm, zodRule } from '../lib/form';
import { errorText } from '../lib/hooks';

/** Sign in with email and password; returns to `?next=` afterwards. */
export default function Login() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toPayload = (v: Record<string, unknown>) => ({ email: v.email ?? '', password: v.password ?? '' });

  const submit = async () => {
    setError(null);
    const payload = validateForm(form, LoginInput, toPayload(form.getFieldsValue(true)), t);
    if (!payload) return;
    setBusy(true);
    try {
      signedIn(await api.post<MeResponse>('/api/auth/login', payload));
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tb-auth">
      <Card className="tb-auth-card">
        <Typography.Title level={2}>{t('auth.loginTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.loginLead')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form form={form} layout="vertical" onFinish={() => void submit()} name="login">
          <Form.Item label={t('auth.email')} name="email" rules={[zodRule(LoginInput, ['email'], toPayload, t)]} validateTrigger="onBlur">
            <Input type="email" autoComplete="email" size="large" />
          </Form.Item>
          <Form.Item label={t('auth.password')} name="password" rules={[zodRule(LoginInput, ['password'], toPayload, t)]} validateTrigger="onBlur">
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('auth.login')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
          {t('auth.noAccount')} <Link to="/signup">{t('auth.signupLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
