import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PublicIndicatorsResponse } from '../api/types';
import { useRequest } from '../lib/hooks';
import { Dashboard, useFilters } from './indicators/Dashboard';

/** Anyone: the technology market's public summary (no per-organisation figures). */
export default function PublicIndicators() {
  const { t } = useTranslation();
  const [filters, setFilters] = useFilters();
  const request = useRequest(
    () => api.get<PublicIndicatorsResponse>('/api/indicators/public', { year: filters.year, province: filters.province, city: filters.city }),
    [filters.year, filters.province, filters.city],
  );
  return <Dashboard title={t('indicators.publicTitle')} lead={t('indicators.publicLead')} filters={filters} onFilters={setFilters} request={request} />;
}
