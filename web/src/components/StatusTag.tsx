import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  draft: 'default',
  published: 'green',
  open: 'green',
  negotiating: 'blue',
  'in-negotiation': 'blue',
  transacted: 'purple',
  closed: 'default',
  withdrawn: 'orange',
};

/** A listing's status as a coloured tag. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status] ?? 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}
