import { useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Achievement, Demand, SearchResponse } from '../api/types';
import { pick } from '../lib/format';
import { useLang } from '../lib/hooks';

type Kind = 'achievements' | 'demands' | 'orgs';

/**
 * Finds listings (or the organisations behind them) through the search API as the user types:
 * brokers pick demands, achievements and client organisations this way.
 */
export function ListingPicker({
  kind,
  value,
  onChange,
  multiple,
  ariaLabel,
  placeholder,
}: {
  kind: Kind;
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  ariaLabel: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const index = kind === 'demands' ? 'demands' : 'achievements';
        const res = await api.get<SearchResponse<Achievement | Demand>>(`/api/search/${index}`, { q: q || undefined, pageSize: 20 });
        let next: { value: string; label: string }[];
        if (kind === 'orgs') {
          const seen = new Map<string, string>();
          const more = q ? await api.get<SearchResponse<Demand>>('/api/search/demands', { q, pageSize: 20 }).catch(() => null) : null;
          for (const h of [...res.hits, ...(more?.hits ?? [])]) {
            const org = (h.listing as Achievement).org ?? (h.listing as Demand).org;
            if (org?.id && org.name && !seen.has(org.id)) seen.set(org.id, `${pick(org.name, lang)}${org.kind ? ` · ${t(`org.kinds.${org.kind}`)}` : ''}`);
          }
          next = [...seen].map(([v, l]) => ({ value: v, label: l }));
        } else next = res.hits.map((h) => ({ value: h.id, label: pick(h.listing.title, lang) }));
        if (mine === seq.current) setOptions(next);
      } catch {
        if (mine === seq.current) setOptions([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };

  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(o) => o && !options.length && search('')}
      value={value}
      onChange={onChange}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : t('common.nothingFound')}
      placeholder={placeholder ?? t('common.typeToSearch')}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      allowClear
    />
  );
}
