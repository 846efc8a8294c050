import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Empty, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS } from '@techbridge/api/schemas';
import { REGIONS } from '@techbridge/search/taxonomy';
import { api } from '../api/client';
import type { OrgCard, Paged } from '../api/types';
import { ErrorState } from '../components/States';
import { pick, regionName } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';

const PAGE_SIZE = 20;

/** The public directory of organisations: search by name, filter by kind and region, paged (state in the URL). */
export default function OrgDirectory() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? undefined;
  const region = params.get('region') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const list = useRequest(
    () => api.get<Paged<OrgCard>>('/api/directory', { q: q || undefined, kind, region, page, pageSize: PAGE_SIZE }),
    [q, kind, region, page],
  );
  const regions = useMemo(() => REGIONS.map((r) => ({ value: r.code, label: r[lang] })), [lang]);

  return (
    <Card>
      <div className="tb-page-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('directory.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('directory.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('directory.searchPlaceholder')}
          aria-label={t('directory.search')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          aria-label={t('org.kind')}
          placeholder={t('directory.anyKind')}
          value={kind}
          onChange={(v?: string) => set({ kind: v })}
          options={ORG_KINDS.map((k) => ({ value: k, label: t(`org.kinds.${k}`) }))}
          style={{ minWidth: 150 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('org.region')}
          placeholder={t('directory.anyRegion')}
          value={region}
          onChange={(v?: string) => set({ region: v })}
          options={regions}
          style={{ minWidth: 150 }}
        />
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <Typography.Paragraph className="tb-count" data-testid="directory-total">
            {list.loading && !list.data ? '\u00a0' : t('directory.total', { count: list.data?.total ?? 0 })}
          </Typography.Paragraph>
          <List
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('directory.empty')} /> }}
            renderItem={(o) => (
              <List.Item data-testid="directory-item">
                <List.Item.Meta
                  title={
                    <Link to={`/orgs/${o.id}`}>
                      {pick(o.name, lang)} {o.verified && <SafetyCertificateFilled className="tb-verified" aria-label={t('org.verified')} />}
                    </Link>
                  }
                  description={
                    <>
                      <Tag>{t(`org.kinds.${o.kind}`)}</Tag>
                      <span className="tb-secondary">{regionName(o.region, lang)}</span>
                      {pick(o.description, lang) && <div className="tb-secondary tb-clamp">{pick(o.description, lang)}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {(list.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 16 }}
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data?.total ?? 0}
              showSizeChanger={false}
              onChange={(p) => set({ page: String(p) })}
            />
          )}
        </>
      )}
    </Card>
  );
}
