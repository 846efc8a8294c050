import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { WalletOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DealView } from '@techbridge/api/contract';
import type { DealPayments, PaymentItem, PaymentStart } from '../api/types';
import { api } from '../api/client';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';
import { canPayNow, canRefund, STATUS_COLORS, yuanText } from '../lib/payments';
import { ErrorState, PageLoading } from './States';
import { FeeBreakdown } from './payments/FeeBreakdown';
import { RoyaltyReports } from './payments/RoyaltyReports';

const PAYMENT_STATUSES = ['contracted', 'paying', 'completed'];

/**
 * The deal's payments in the room, once the contract is signed: each item with its amount, due
 * date and status, the fee split shown before paying, Pay (the test checkout, or Stripe's hosted
 * Checkout with a real key) for the buyer, Refund for the supplier's admin, and a licence's royalty
 * reports. `activity` changes whenever the room hears something, and the payments are read again.
 */
export function PaymentsPanel({ deal, activity }: { deal: DealView; activity: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const shown = PAYMENT_STATUSES.includes(deal.status);
  const req = useRequest(() => api.get<DealPayments>(`/api/deals/${deal.id}/payments`), [deal.id, deal.status, activity], shown);
  const [payments, setPayments] = useState<DealPayments | undefined>(undefined);
  const [paying, setPaying] = useState<PaymentItem | null>(null);
  const [refunding, setRefunding] = useState<PaymentItem | null>(null);
  const [refundYuan, setRefundYuan] = useState<number | null>(null);
  const [refundReason, setRefundReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (req.data) setPayments(req.data);
  }, [req.data]);

  if (!shown) return null;
  if (req.error && !payments) return <ErrorState compact error={req.error} onRetry={req.reload} />;
  if (!payments) return <PageLoading label={t('payments.loading')} />;

  const pay = async (item: PaymentItem) => {
    if (payments.testMode) return void navigate(`/pay/${deal.id}/${item.id}`);
    setBusy(true);
    try {
      const start = await api.post<PaymentStart>(`/api/deals/${deal.id}/payments/${item.id}/intent`);
      if (start.checkoutUrl) window.location.assign(start.checkoutUrl);
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const refund = async () => {
    if (!refunding) return;
    setBusy(true);
    try {
      const body = { ...(refundYuan ? { amount: Math.round(refundYuan * 100) } : {}), ...(refundReason.trim() ? { reason: refundReason.trim() } : {}) };
      await api.post<PaymentItem>(`/api/deals/${deal.id}/payments/${refunding.id}/refund`, body);
      message.success(t('payments.refundedToast'));
      setRefunding(null);
      req.reload();
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const { totals } = payments;
  return (
    <Card
      className="tb-side-card"
      data-testid="payments-panel"
      title={
        <h2 className="tb-card-h">
          <WalletOutlined /> {t('payments.title')}
        </h2>
      }
      extra={payments.testMode ? <Tag color="orange">{t('payments.testModeTag')}</Tag> : null}
    >
      <Typography.Paragraph type="secondary" data-testid="payments-totals">
        {t('payments.totals', { total: yuanText(totals.amount, lang), paid: yuanText(totals.paid, lang), outstanding: yuanText(totals.outstanding, lang) })}
      </Typography.Paragraph>
      <List
        dataSource={payments.items}
        locale={{ emptyText: t('payments.none') }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            data-testid={`payment-${item.key}`}
            actions={[
              canPayNow(payments, item) && (
                <Button key="pay" type="primary" size="small" onClick={() => setPaying(item)} data-testid={`pay-${item.key}`}>
                  {item.status === 'failed' ? t('payments.retry') : t('payments.pay')}
                </Button>
              ),
              canRefund(payments, item) && (
                <Button key="refund" size="small" danger onClick={() => (setRefunding(item), setRefundYuan(null), setRefundReason(''))} data-testid={`refund-${item.key}`}>
                  {t('payments.refund')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap size={[8, 0]}>
                  <span>{pick(item.label, lang)}</span>
                  <Tag color={STATUS_COLORS[item.status]} data-testid={`payment-status-${item.key}`} data-status={item.status}>
                    {t(`payments.statuses.${item.status}`)}
                  </Tag>
                </Space>
              }
              description={
                <>
                  <div>
                    {yuanText(item.amount, lang)} · {item.due ? t('payments.due', { date: item.due }) : t('payments.dueOnSigning')}
                    {item.paidAt ? ` · ${t('payments.paidAt', { date: formatDate(item.paidAt, lang, true) })}` : ''}
                    {item.method ? ` · ${t(`payments.methods.${item.method}`, { defaultValue: item.method })}` : ''}
                  </div>
                  {item.status === 'failed' && item.failureReason && <Typography.Text type="danger">{t('payments.failedWith', { reason: item.failureReason })}</Typography.Text>}
                  {item.review && <Typography.Text type="warning">{t('payments.underReview')}</Typography.Text>}
                  {item.refundedAmount > 0 && <div>{t('payments.refundedAmount', { amount: yuanText(item.refundedAmount, lang) })}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      {payments.royaltyRate !== null && <RoyaltyReports payments={payments} onFiled={req.reload} />}
      <Modal
        open={!!paying}
        title={paying ? t('payments.confirmTitle', { item: pick(paying.label, lang) }) : ''}
        onCancel={() => setPaying(null)}
        okText={t('payments.continue')}
        cancelText={t('common.no')}
        okButtonProps={{ loading: busy, 'data-testid': 'confirm-pay' }}
        onOk={() => paying && void pay(paying)}
      >
        {paying && <FeeBreakdown fees={paying.fees} />}
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={payments.testMode ? t('payments.testModeLead') : t('payments.checkoutLead')} />
      </Modal>
      <Modal
        open={!!refunding}
        title={refunding ? t('payments.refundTitle', { item: pick(refunding.label, lang) }) : ''}
        onCancel={() => setRefunding(null)}
        okText={t('payments.refund')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.no')}
        onOk={() => void refund()}
      >
        <Typography.Paragraph>{refunding && t('payments.refundLead', { left: yuanText(refunding.amount - refunding.refundedAmount, lang) })}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <InputNumber min={0.01} step={100} style={{ width: '100%' }} value={refundYuan} onChange={(v) => setRefundYuan(v)} placeholder={t('payments.refundAmountPlaceholder')} aria-label={t('payments.refundAmount')} />
          <Input.TextArea rows={2} maxLength={500} value={refundReason} onChange={(e) => setRefundReason(e.target.value)} aria-label={t('payments.refundReason')} placeholder={t('payments.refundReason')} />
        </Space>
      </Modal>
    </Card>
  );
}
