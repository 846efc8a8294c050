import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Button, Card, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { OrgWithReview, Paged } from '../api/types';
import { ErrorState } from '../components/States';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick, regionName } from '../lib/format';

type Filter = 'pending' | 'rejected' | 'verified' | 'all';

const QUERY: Record<Filter, Record<string, string | undefined>> = {
  pending: { status: 'pending' },
  rejected: { status: 'rejected' },
  verified: { verified: 'true' },
  all: {},
};

/** What the organisation submitted: credit code, contact, licence, when. */
function Submission({ o }: { o: OrgWithReview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const r = o.review;
  return (
    <dl className="tb-submission" data-testid={`submission-${o.id}`}>
      <dt>{t('org.creditCode')}</dt>
      <dd className="tb-mono">{r.creditCode ?? t('verification.notGiven')}</dd>
      <dt>{t('verification.contact')}</dt>
      <dd>{[r.contact.name, r.contact.phone, r.contact.email].filter(Boolean).join(' · ') || t('verification.notGiven')}</dd>
      <dt>{t('verification.licence')}</dt>
      <dd>
        {r.licence ? (
          <a href={r.licence.url} download={r.licence.name} data-testid="licence-link">
            <PaperClipOutlined /> {r.licence.name}
          </a>
        ) : (
          t('verification.noLicence')
        )}
      </dd>
      {r.submittedAt && (
        <>
          <dt>{t('verification.submittedAt')}</dt>
          <dd>{formatDate(r.submittedAt, lang, true)}</dd>
        </>
      )}
      {r.status === 'rejected' && r.reason && (
        <>
          <dt>{t('verification.reason')}</dt>
          <dd>{r.reason}</dd>
        </>
      )}
    </dl>
  );
}

/** Platform admin: the organisation verification queue — what each submitted, approve or reject with a reason. */
export default function AdminOrgs() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<OrgWithReview | null>(null);
  const [reason, setReason] = useState('');
  const list = useRequest(() => api.get<Paged<OrgWithReview>>('/api/orgs', { ...QUERY[filter], page, pageSize: 20 }), [filter, page]);

  const decide = async (org: OrgWithReview, verified: boolean, why?: string) => {
    setBusy(org.id);
    try {
      const updated = await api.post<OrgWithReview>(`/api/orgs/${org.id}/verify`, verified ? { verified } : { verified, reason: why });
      const name = pick(org.name, lang);
      message.success(verified ? t('admin.verifiedOk', { name }) : t('admin.rejectedOk', { name }));
      setRejecting(null);
      setReason('');
      const stays = filter === 'all';
      list.setData((prev) =>
        prev
          ? {
              ...prev,
              items: stays ? prev.items.map((o) => (o.id === org.id ? updated : o)) : prev.items.filter((o) => o.id !== org.id),
              total: stays ? prev.total : prev.total - 1,
            }
          : prev!,
      );
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const statusTag = (o: OrgWithReview) =>
    o.review.status === 'approved' ? (
      <Tag color="green">{t('admin.verified')}</Tag>
    ) : o.review.status === 'rejected' ? (
      <Tag color="red">{t('admin.rejected')}</Tag>
    ) : (
      <Tag color="orange">{t('admin.pending')}</Tag>
    );

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
              { value: 'pending', label: t('admin.pending') },
              { value: 'rejected', label: t('admin.rejected') },
              { value: 'verified', label: t('admin.verified') },
              { value: 'all', label: t('admin.all') },
            ]}
          />
        </div>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<OrgWithReview>
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
                    <Link className="tb-strong" to={`/orgs/${o.id}`}>
                      {o.name.zh || o.name.en}
                    </Link>
                    {o.name.zh && o.name.en && (
                      <div>
                        <Typography.Text type="secondary">{o.name.en}</Typography.Text>
                      </div>
                    )}
                    <div className="tb-submission-meta">
                      {t(`org.kinds.${o.kind}`)} · {regionName(o.region, lang)}
                    </div>
                    <Submission o={o} />
                  </div>
                ),
              },
              { title: t('admin.status'), key: 'status', render: (_, o) => statusTag(o) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, o) => (
                  <Space wrap>
                    {!o.verified && (
                      <Button
                        type="primary"
                        size="small"
                        loading={busy === o.id}
                        onClick={() => void decide(o, true)}
                        aria-label={t('admin.verifyOrg', { name: pick(o.name, lang) })}
                      >
                        {t('admin.verify')}
                      </Button>
                    )}
                    {o.review.status !== 'rejected' && (
                      <Button
                        size="small"
                        danger
                        onClick={() => setRejecting(o)}
                        aria-label={o.verified ? t('admin.revokeOrg', { name: pick(o.name, lang) }) : t('admin.rejectOrg', { name: pick(o.name, lang) })}
                      >
                        {o.verified ? t('admin.revoke') : t('admin.reject')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={!!rejecting}
        title={rejecting ? t(rejecting.verified ? 'admin.revokeTitle' : 'admin.rejectTitle', { name: pick(rejecting.name, lang) }) : ''}
        okText={rejecting?.verified ? t('admin.revoke') : t('admin.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: !!rejecting && busy === rejecting.id }}
        cancelText={t('common.no')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && void decide(rejecting, false, reason.trim())}
      >
        <Typography.Paragraph type="secondary">{t('admin.reasonHint')}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('admin.reason')}
          placeholder={t('admin.reasonPlaceholder')}
          value={reason}
          maxLength={500}
          rows={3}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
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
