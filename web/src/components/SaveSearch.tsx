import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { apiQuery, type SearchKind } from '../lib/searchQuery';
import { errorText } from '../lib/hooks';

/** The search page's "save this search": the URL's query and filters become an alert (new matching listings notify). */
export function SaveSearch({ kind, sp }: { kind: SearchKind; sp: URLSearchParams }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ key: string; text: string; ok: boolean } | null>(null);
  const key = `${kind}?${sp.toString()}`;
  const save = async () => {
    const q = apiQuery(sp, kind) as Record<string, unknown>;
    const achievements = kind === 'achievements';
    const body = {
      kind: 'search',
      target: kind,
      name: (q.q as string | undefined) ?? '',
      q: (q.q as string | undefined) ?? '',
      field: q.field,
      region: q.region,
      mode: q.mode,
      ...(achievements ? { ipType: q.ipType, trlMin: q.trlMin ?? null, trlMax: q.trlMax ?? null } : {}),
      priceMin: (achievements ? q.priceMin : q.budgetMin) ?? null,
      priceMax: (achievements ? q.priceMax : q.budgetMax) ?? null,
    };
    try {
      await api.post('/api/alerts', body);
      setState({ key, text: t('alerts.saved'), ok: true });
    } catch (err) {
      setState({ key, text: errorText(t, err), ok: false });
    }
  };
  const shown = state?.key === key ? state : null;
  return (
    <span className="tb-save-search">
      <Button onClick={() => void save()} disabled={!!shown?.ok}>
        {t('alerts.saveSearch')}
      </Button>
      {shown && (
        <span role="status" style={{ marginInlineStart: 8 }}>
          {shown.text} {shown.ok && <Link to="/alerts">{t('alerts.manage')}</Link>}
        </span>
      )}
    </span>
  );
}
