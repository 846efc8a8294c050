import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LISTING_STATUS_COLORS, type ListingStatus } from '@techbridge/api/contract';

/** A listing's status as a coloured tag. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_STATUS_COLORS[status as ListingStatus] ?? 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}
