import { useMemo } from 'react';
import { Select, type SelectProps } from 'antd';
import { FIELDS, IP_TYPES, REGIONS } from '@techbridge/search/taxonomy';
import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/hooks';

type Props = Omit<SelectProps<string>, 'options'>;

/** Select of the shared technology fields. */
export function FieldSelect(props: Props) {
  const lang = useLang();
  const { t } = useTranslation();
  const options = useMemo(() => FIELDS.map((f) => ({ value: f.code, label: f[lang] })), [lang]);
  return <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.choose')} {...props} options={options} />;
}

/** Select of provinces. */
export function RegionSelect(props: Props) {
  const lang = useLang();
  const { t } = useTranslation();
  const options = useMemo(() => REGIONS.map((r) => ({ value: r.code, label: r[lang] })), [lang]);
  return <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.choose')} {...props} options={options} />;
}

/** Select of IP types. */
export function IpTypeSelect(props: Props) {
  const lang = useLang();
  const { t } = useTranslation();
  const options = useMemo(() => IP_TYPES.map((r) => ({ value: r.code, label: r[lang] })), [lang]);
  return <Select placeholder={t('common.choose')} {...props} options={options} />;
}

/** Select of technology readiness levels 1–9 with what each means. */
export function TrlSelect(props: Omit<SelectProps<number>, 'options'>) {
  const { t } = useTranslation();
  const options = useMemo(() => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n} · ${t(`trl.${n}`)}` })), [t]);
  return <Select placeholder={t('common.choose')} {...props} options={options} />;
}
