import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PaymentFees } from '../../api/types';
import { useLang } from '../../lib/hooks';
import { bpsText, yuanText } from '../../lib/payments';

/** What the buyer pays and how it splits: the platform's fee, the broker's commission, what the supplier receives. */
export function FeeBreakdown({ fees }: { fees: PaymentFees }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Descriptions size="small" column={1} bordered data-testid="fee-breakdown">
      <Descriptions.Item label={t('payments.fees.amount')}>{yuanText(fees.amount, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('payments.fees.platformFee', { rate: bpsText(fees.platformFeeBps) })}>{yuanText(fees.platformFee, lang)}</Descriptions.Item>
      {fees.brokerCommissionBps > 0 && (
        <Descriptions.Item label={t('payments.fees.brokerCommission', { rate: bpsText(fees.brokerCommissionBps) })}>{yuanText(fees.brokerCommission, lang)}</Descriptions.Item>
      )}
      <Descriptions.Item label={t('payments.fees.supplierNet')}>
        <strong>{yuanText(fees.supplierNet, lang)}</strong>
      </Descriptions.Item>
    </Descriptions>
  );
}
