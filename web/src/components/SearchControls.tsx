// The search page's filters, sort and pager: loaded right after the page itself, so the first
// results do not wait for the heavier form controls.
import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Checkbox, Drawer, Empty, InputNumber, Pagination, Select, Slider, Space, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEAL_MODES, FIELDS, IP_TYPES, REGIONS } from '@techbridge/search/taxonomy';
import { useLang } from '../lib/hooks';
import { LIST_KEYS, PAGE_SIZE, list, num, type ListKey, type SearchKind } from '../lib/searchQuery';

export type Update = (changes: Record<string, string | number | string[] | undefined | null>, keepPage?: boolean) => void;

interface Props {
  kind: SearchKind;
  sp: URLSearchParams;
  facets: Record<string, Record<string, number>>;
  update: Update;
}

const FACET_OF: Record<ListKey, string> = { field: 'field', region: 'region', mode: 'modes', ipType: 'ipType' };

/** How many filters are set. */
export const activeFilters = (sp: URLSearchParams) =>
  LIST_KEYS.reduce((n, k) => n + list(sp, k).length, 0) + (sp.get('trlMin') || sp.get('trlMax') ? 1 : 0) + (sp.get('priceMin') || sp.get('priceMax') ? 1 : 0);

/** Facets with counts, TRL and price ranges, region. */
export function Filters({ kind, sp, facets, update }: Props) {
  const { t } = useTranslation();
  const lang = useLang();

  // `all`: every code is offered, those with no hit now after the others (the taxonomy's fields:
  // a field chosen narrows the counts, and the others must stay choosable)
  const checkboxFacet = (k: ListKey, items: readonly { code: string; zh: string; en: string }[], limit = 30, all = false) => {
    const counts = facets[FACET_OF[k]] ?? {};
    const chosen = list(sp, k);
    const rows = items
      .map((it) => ({ ...it, count: counts[it.code] ?? 0 }))
      .filter((it) => all || it.count > 0 || chosen.includes(it.code))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
    if (!rows.length) return <Typography.Text type="secondary">{t('search.noFacet')}</Typography.Text>;
    return (
      <Checkbox.Group value={chosen} onChange={(v) => update({ [k]: v as string[] })} className="tb-facet-list">
        {rows.map((it) => (
          <Checkbox key={it.code} value={it.code}>
            <span className="tb-facet-label">{it[lang]}</span>
            <span className="tb-facet-count">{it.count}</span>
          </Checkbox>
        ))}
      </Checkbox.Group>
    );
  };

  const regionOptions = useMemo(() => {
    const counts = facets.region ?? {};
    return REGIONS.map((r) => ({ value: r.code, label: `${r[lang]}${counts[r.code] ? ` (${counts[r.code]})` : ''}` }));
  }, [facets.region, lang]);

  return (
    <div className="tb-filters" aria-label={t('search.filters')} role="region" data-testid="filters">
      <section>
        <h3 id="f-field">{t('listing.field')}</h3>
        <div aria-labelledby="f-field">{checkboxFacet('field', FIELDS, FIELDS.length, true)}</div>
      </section>
      <section>
        <h3 id="f-mode">{kind === 'achievements' ? t('listing.modes') : t('demand.modes')}</h3>
        <div aria-labelledby="f-mode">{checkboxFacet('mode', DEAL_MODES)}</div>
      </section>
      {kind === 'achievements' && (
        <>
          <section>
            <h3 id="f-ip">{t('listing.ipType')}</h3>
            <div aria-labelledby="f-ip">{checkboxFacet('ipType', IP_TYPES)}</div>
          </section>
          <section>
            <h3 id="f-trl">{t('listing.trl')}</h3>
            <TrlRange sp={sp} update={update} />
          </section>
        </>
      )}
      <section>
        <h3 id="f-price">{kind === 'achievements' ? t('search.priceRange') : t('search.budgetRange')}</h3>
        <Space.Compact block>
          <InputNumber
            min={0}
            placeholder={t('search.min')}
            aria-label={t('search.priceMin')}
            value={num(sp, 'priceMin')}
            onChange={(v) => update({ priceMin: v ?? undefined })}
            style={{ width: '50%' }}
          />
          <InputNumber
            min={0}
            placeholder={t('search.max')}
            aria-label={t('search.priceMax')}
            value={num(sp, 'priceMax')}
            onChange={(v) => update({ priceMax: v ?? undefined })}
            style={{ width: '50%' }}
          />
        </Space.Compact>
        <Typography.Text type="secondary" className="tb-hint">
          {t('search.unitWan')}
        </Typography.Text>
      </section>
      <section>
        <h3 id="f-region">{t('org.region')}</h3>
        <Select
          mode="multiple"
          allowClear
          aria-labelledby="f-region"
          style={{ width: '100%' }}
          placeholder={t('search.anyRegion')}
          value={list(sp, 'region')}
          onChange={(v) => update({ region: v })}
          options={regionOptions}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </section>
      {activeFilters(sp) > 0 && (
        <Button block onClick={() => update(Object.fromEntries([...LIST_KEYS, 'trlMin', 'trlMax', 'priceMin', 'priceMax'].map((k) => [k, undefined])))}>
          {t('search.clearFilters')}
        </Button>
      )}
    </div>
  );
}

/**
 * The TRL range: the handles follow the mouse and the arrow keys at once (local state), and the URL
 * (and so the search) changes once the drag or key press is over.
 */
function TrlRange({ sp, update }: { sp: URLSearchParams; update: Update }) {
  const { t } = useTranslation();
  const min = num(sp, 'trlMin') ?? 1;
  const max = num(sp, 'trlMax') ?? 9;
  const [value, setValue] = useState<number[]>([min, max]);
  useEffect(() => setValue([min, max]), [min, max]);
  return (
    <Slider
      range
      min={1}
      max={9}
      marks={{ 1: '1', 5: '5', 9: '9' }}
      value={value}
      onChange={(v) => setValue(v as number[])}
      onChangeComplete={(v) => {
        const [a, b] = v as number[];
        if (a === min && b === max) return;
        update({ trlMin: a === 1 ? undefined : a, trlMax: b === 9 ? undefined : b });
      }}
      aria-label={t('listing.trl')}
      ariaLabelForHandle={[t('search.trlMin'), t('search.trlMax')]}
    />
  );
}

/** The filters in a drawer (phones). */
export function FilterDrawer(props: Props & { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={props.open} onClose={props.onClose} title={t('search.filters')} placement="left">
      <Filters {...props} />
    </Drawer>
  );
}

/** Sort order. */
export function SortSelect({ kind, sp, update }: Omit<Props, 'facets'>) {
  const { t } = useTranslation();
  const options =
    kind === 'achievements'
      ? [
          { value: '', label: t('search.sort.relevance') },
          { value: 'newest', label: t('search.sort.newest') },
          { value: 'price_asc', label: t('search.sort.priceAsc') },
          { value: 'price_desc', label: t('search.sort.priceDesc') },
          { value: 'trl_desc', label: t('search.sort.trlDesc') },
        ]
      : [
          { value: '', label: t('search.sort.relevance') },
          { value: 'newest', label: t('search.sort.newest') },
          { value: 'budget_desc', label: t('search.sort.budgetDesc') },
          { value: 'deadline_asc', label: t('search.sort.deadlineAsc') },
        ];
  return <Select aria-label={t('search.sortLabel')} value={sp.get('sort') ?? ''} onChange={(v) => update({ sort: v || undefined })} options={options} style={{ minWidth: 140 }} />;
}

/** Result pages (the API allows 10,000 hits deep; 100 pages are plenty to show). */
export function Pager({ sp, total, update }: { sp: URLSearchParams; total: number; update: Update }) {
  if (total <= PAGE_SIZE) return null;
  return (
    <Pagination
      className="tb-pager"
      current={num(sp, 'page') ?? 1}
      pageSize={PAGE_SIZE}
      total={Math.min(total, PAGE_SIZE * 100)}
      showSizeChanger={false}
      onChange={(p) => {
        update({ page: p === 1 ? undefined : p }, true);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }}
    />
  );
}

/** The filters' button on narrow screens, with how many list filters are set. */
export function FilterButton({ sp, onClick }: { sp: URLSearchParams; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Badge count={LIST_KEYS.reduce((n, k) => n + list(sp, k).length, 0)} size="small">
      <Button icon={<FilterOutlined />} onClick={onClick}>
        {t('search.filters')}
      </Button>
    </Badge>
  );
}

/** A search with no result. */
export function NoResults() {
  const { t } = useTranslation();
  return <Empty description={t('search.empty')} />;
}
