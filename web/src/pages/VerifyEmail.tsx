import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { MeResponse } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { errorText } from '../lib/hooks';

/**
 * The page an emailed verification link opens. It verifies on a click, not on load: mail scanners
 * that open links must not use up the single-use token.
 */
export default function VerifyEmail() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const { signedIn } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setError(null);
    setBusy(true);
    try {
      signedIn(await api.post<MeResponse>('/api/auth/verify', { token }));
      navigate('/welcome', { replace: true });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tb-auth">
      <Card className="tb-auth-card">
        <Typography.Title level={2}>{t('verify.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('verify.lead')}</Typography.Paragraph>
        {(error || !token) && (
          <Alert type="error" showIcon title={error ?? t('errors.verification_invalid')} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />
        )}
        <Button type="primary" size="large" block loading={busy} disabled={!token} onClick={() => void confirm()}>
          {t('verify.confirm')}
        </Button>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/signup">{t('verify.again')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
