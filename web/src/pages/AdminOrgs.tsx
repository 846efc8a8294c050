import { useState } from 'react';
import { App as AntApp, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Org, Paged } from '../api/types';
import { ErrorState } from '../components/States';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { pick, regionName } from '../lib/format';

type Filter = 'false' | 'true' | 'all';

/** Platform admin: the organisation verification queue. */
export default function AdminOrgs() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<Filter>('false');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useRequest(
    () => api.get<Paged<Org>>('/api/orgs', { verified: filter === 'all' ? undefined : filter, page, pageSize: 20 }),
    [filter, page],
  );

  const setVerified = async (org: Org, verified: boolean) => {
    setBusy(org.id);
    try {
      const updated = await api.post<Org>(`/api/orgs/${org.id}/verify`, { verified });
      message.success(verified ? t('admin.verifiedOk', { name: pick(org.name, lang) }) : t('admin.revokedOk', { name: pick(org.name, lang) }));
      list.setData((prev) =>
        prev
          ? {
              ...prev,
              items: filter === 'all' ? prev.items.map((o) => (o.id === org.id ? updated : o)) : prev.items.filter((o) => o.id !== org.id),
              total: filter === 'all' ? prev.total : prev.total - 1,
            }
          : prev!,
      );
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <div className="tb-page-head">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('admin.title')}
          </Typography.Title>
          <Segmented<Filter>
            aria-label={t('admin.filter')}
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            options={[
              { value: 'false', label: t('admin.pending') },
              { value: 'true', label: t('admin.verified') },
              { value: 'all', label: t('admin.all') },
            ]}
          />
        </div>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Org>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('admin.empty') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              {
                title: t('org.name'),
                key: 'name',
                render: (_, o) => (
                  <div>
                    <div className="tb-strong">{o.name.zh || o.name.en}</div>
                    {o.name.zh && o.name.en && <Typography.Text type="secondary">{o.name.en}</Typography.Text>}
                  </div>
                ),
              },
              { title: t('org.kind'), key: 'kind', responsive: ['sm'], render: (_, o) => <Tag>{t(`org.kinds.${o.kind}`)}</Tag> },
              { title: t('org.region'), key: 'region', responsive: ['md'], render: (_, o) => regionName(o.region, lang) },
              {
                title: t('admin.status'),
                key: 'status',
                render: (_, o) => (o.verified ? <Tag color="green">{t('admin.verified')}</Tag> : <Tag color="orange">{t('admin.pending')}</Tag>),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, o) => (
                  <Space wrap>
                    {!o.verified ? (
                      <Button
                        type="primary"
                        size="small"
                        loading={busy === o.id}
                        onClick={() => void setVerified(o, true)}
                        aria-label={t('admin.verifyOrg', { name: pick(o.name, lang) })}
                      >
                        {t('admin.verify')}
                      </Button>
                    ) : (
                      <Popconfirm title={t('admin.revokeConfirm')} onConfirm={() => void setVerified(o, false)} okText={t('common.yes')} cancelText={t('common.no')}>
                        <Button size="small" danger loading={busy === o.id} aria-label={t('admin.revokeOrg', { name: pick(o.name, lang) })}>
                          {t('admin.revoke')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <RegistrationExport />
    </Space>
  );
}

/** Platform admin: the signed contracts' registration data (技术合同登记), by signing date, as CSV or JSON. */
function RegistrationExport() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const href = (format: 'csv' | 'json') => {
    const q = new URLSearchParams({ format });
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    return `/api/contracts/registrations?${q}`;
  };
  return (
    <Card title={t('admin.registrations.title')} data-testid="registration-export">
      <Typography.Paragraph type="secondary">{t('admin.registrations.hint')}</Typography.Paragraph>
      <Space wrap>
        <label>
          {t('admin.registrations.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('admin.registrations.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <Button href={href('csv')} download data-testid="registration-csv">
          {t('admin.registrations.csv')}
        </Button>
        <Button href={href('json')} download>
          {t('admin.registrations.json')}
        </Button>
      </Space>
    </Card>
  );
}
