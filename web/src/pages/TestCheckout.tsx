import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Radio, Space, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DealPayments, TestCheckoutResult } from '../api/types';
import { api } from '../api/client';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { pick } from '../lib/format';
import { canPayNow, yuanText } from '../lib/payments';
import { ErrorState, PageLoading } from '../components/States';
import { FeeBreakdown } from '../components/payments/FeeBreakdown';

type Method = 'card' | 'alipay' | 'wechat_pay';
const METHODS: Method[] = ['card', 'alipay', 'wechat_pay'];

/**
 * The test-mode checkout (no real Stripe key; stripe-mock behind the API): the buyer picks a method
 * and pays or simulates a failure; the server confirms the PaymentIntent on stripe-mock and delivers
 * Stripe's signed event to its own webhook route. Then back to the deal room.
 */
export default function TestCheckout() {
  const { dealId = '', itemId = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const req = useRequest(() => api.get<DealPayments>(`/api/deals/${dealId}/payments`), [dealId]);
  const [method, setMethod] = useState<Method>('card');
  const [busy, setBusy] = useState<'succeed' | 'fail' | null>(null);

  if (req.error) return <ErrorState error={req.error} onRetry={req.reload} />;
  if (!req.data) return <PageLoading />;
  const payments = req.data;
  const item = payments.items.find((i) => i.id === itemId);
  const back = () => navigate(`/deals/${dealId}`);

  const submit = async (outcome: 'succeed' | 'fail') => {
    setBusy(outcome);
    try {
      const res = await api.post<TestCheckoutResult>(`/api/deals/${dealId}/payments/${itemId}/test-checkout`, { method, outcome });
      if (res.item.status === 'paid') message.success(t('payments.checkout.paidToast'));
      else message.warning(t('payments.checkout.failedToast'));
      back();
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }} data-testid="test-checkout">
      <Alert
        type="warning"
        showIcon
        icon={<ExperimentOutlined />}
        className="tb-test-banner"
        title={<span style={{ fontSize: 20, fontWeight: 700 }}>{t('payments.checkout.banner')}</span>}
        description={t('payments.checkout.bannerLead')}
      />
      <Card style={{ marginTop: 16 }} title={<h1 className="tb-card-h">{t('payments.checkout.title')}</h1>}>
        {!payments.testMode && <Alert type="error" showIcon title={t('payments.checkout.notTestMode')} />}
        {!item && <Alert type="error" showIcon title={t('payments.checkout.noItem')} />}
        {item && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <div>
              <Typography.Title level={2} className="tb-card-h">
                {pick(item.label, lang)}
              </Typography.Title>
              <Typography.Text style={{ fontSize: 24 }} strong data-testid="test-checkout-amount">
                {yuanText(item.amount, lang)}
              </Typography.Text>
            </div>
            <FeeBreakdown fees={item.fees} />
            {canPayNow(payments, item) ? (
              <>
                <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as Method)} optionType="button" buttonStyle="solid" aria-label={t('payments.checkout.method')}>
                  {METHODS.map((m) => (
                    <Radio.Button key={m} value={m} data-testid={`test-checkout-method-${m}`}>
                      {t(`payments.methods.${m}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
                <Space wrap>
                  <Button type="primary" size="large" loading={busy === 'succeed'} disabled={!!busy} onClick={() => void submit('succeed')} data-testid="test-checkout-pay">
                    {t('payments.checkout.pay', { amount: yuanText(item.amount, lang) })}
                  </Button>
                  <Button danger size="large" loading={busy === 'fail'} disabled={!!busy} onClick={() => void submit('fail')} data-testid="test-checkout-fail">
                    {t('payments.checkout.fail')}
                  </Button>
                  <Button size="large" onClick={back}>
                    {t('payments.checkout.back')}
                  </Button>
                </Space>
              </>
            ) : (
              <Alert type="info" showIcon title={t(`payments.statuses.${item.status}`)} action={<Button onClick={back}>{t('payments.checkout.back')}</Button>} />
            )}
          </Space>
        )}
      </Card>
    </div>
  );
}
