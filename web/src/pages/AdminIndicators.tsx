import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { IndicatorsResponse } from '../api/types';
import { useRequest } from '../lib/hooks';
import { Dashboard, useFilters } from './indicators/Dashboard';
import { AgencyPerformance } from './indicators/AgencyPerformance';

/** Platform admin: the zone indicators and the agencies' performance, for a year and a region. */
export default function AdminIndicators() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useFilters();
  const tab = params.get('tab') === 'agencies' ? 'agencies' : 'zone';
  const request = useRequest(
    () => api.get<IndicatorsResponse>('/api/indicators', { year: filters.year, province: filters.province, city: filters.city }),
    [filters.year, filters.province, filters.city],
    tab === 'zone',
  );
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => {
        const p = new URLSearchParams(params);
        if (k === 'agencies') p.set('tab', k);
        else p.delete('tab');
        setParams(p, { replace: true });
      }}
      items={[
        {
          key: 'zone',
          label: t('indicators.tabZone'),
          children: <Dashboard title={t('indicators.adminTitle')} lead={t('indicators.adminLead')} filters={filters} onFilters={setFilters} request={request} />,
        },
        { key: 'agencies', label: t('indicators.tabAgencies'), children: <AgencyPerformance year={filters.year} onYear={(year) => setFilters({ year })} /> },
      ]}
    />
  );
}
