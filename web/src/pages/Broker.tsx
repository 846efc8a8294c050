import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Form, Input, InputNumber, List, Pagination, Popconfirm, Radio, Row, Segmented, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PushpinFilled, PushpinOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DockingInput, ManualMatchInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { DockingRun, Match, Paged, Portfolio, PortfolioLeft } from '../api/types';
import { ErrorState } from '../components/States';
import { MatchCard } from '../components/MatchCard';
import { ListingPicker } from '../components/ListingPicker';
import { FieldSelect, RegionSelect } from '../components/TaxonomyFields';
import { applyServerError, validateForm } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick, regionName } from '../lib/format';

// organisations (and, apart, pending invitations) on one page of the broker's portfolio
const PORTFOLIO_PAGE = 20;

function PortfolioTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const [invitePage, setInvitePage] = useState(1);
  const res = useRequest(() => api.get<Portfolio>('/api/brokers/portfolio', { status: 'active', page, pageSize: PORTFOLIO_PAGE }), [page]);
  const invites = useRequest(() => api.get<Portfolio>('/api/brokers/portfolio', { status: 'pending', page: invitePage, pageSize: PORTFOLIO_PAGE }), [invitePage]);
  const [adding, setAdding] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (!adding) return;
    setBusy(true);
    try {
      // An invitation: the organisation joins the portfolio when its administrator accepts.
      await api.post('/api/brokers/portfolio', { orgId: adding });
      message.success(t('broker.invited'));
      invites.reload();
      setAdding(undefined);
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await api.del<PortfolioLeft>(`/api/brokers/portfolio/${id}`);
      res.reload();
      invites.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  if (res.error || invites.error)
    return (
      <ErrorState
        error={res.error ?? invites.error}
        onRetry={() => {
          res.reload();
          invites.reload();
        }}
      />
    );
  const pager = (total: number, current: number, onChange: (p: number) => void) =>
    total > PORTFOLIO_PAGE ? { current, pageSize: PORTFOLIO_PAGE, total, onChange, showSizeChanger: false, size: 'small' as const } : false;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('broker.portfolioLead')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 560, marginBottom: 16 }}>
        <ListingPicker kind="orgs" value={adding} onChange={(v) => setAdding(v as string)} ariaLabel={t('broker.findOrg')} placeholder={t('broker.findOrg')} />
        <Button type="primary" onClick={() => void add()} loading={busy} disabled={!adding}>
          {t('broker.addOrg')}
        </Button>
      </Space.Compact>
      {res.loading && !res.data ? (
        <Skeleton active />
      ) : (
        <List
          bordered
          data-testid="portfolio-orgs"
          dataSource={(res.data?.items ?? []).map((l) => l.org)}
          locale={{ emptyText: <Empty description={t('broker.portfolioEmpty')} /> }}
          pagination={pager(res.data?.total ?? 0, page, setPage)}
          renderItem={(o) => (
            <List.Item
              actions={[
                <Popconfirm key="r" title={t('broker.removeConfirm')} onConfirm={() => void remove(o.id)} okText={t('common.yes')} cancelText={t('common.no')}>
                  <Button type="link" danger>
                    {t('editor.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta title={pick(o.name, lang)} description={`${t(`org.kinds.${o.kind}`)} · ${regionName(o.region ?? '', lang)}${o.verified ? ` · ${t('org.verified')}` : ''}`} />
            </List.Item>
          )}
        />
      )}
      {!!invites.data?.total && (
        <>
          <Typography.Title level={3} className="tb-card-h" style={{ marginTop: 16 }}>
            {t('broker.invitationsTitle')}
          </Typography.Title>
          <List
            bordered
            data-testid="portfolio-invitations"
            dataSource={invites.data.items}
            pagination={pager(invites.data.total, invitePage, setInvitePage)}
            renderItem={(i) => (
              <List.Item
                actions={[
                  <Button key="w" type="link" danger onClick={() => void remove(i.org.id)}>
                    {t('editor.remove')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={pick(i.org.name, lang)} description={<Tag color="gold">{t('broker.pendingConsent')}</Tag>} />
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}

// matches on one page of the broker's list
const MATCH_PAGE = 10;

function MatchesTab() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [pinned, setPinned] = useState<'all' | 'pinned'>('all');
  const [page, setPage] = useState(1);
  const list = useRequest(() => api.get<Paged<Match>>('/api/brokers/matches', { pinned: pinned === 'pinned' ? 'true' : undefined, page, pageSize: MATCH_PAGE }), [pinned, page]);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const replace = (m: Match) => list.setData((prev) => (prev ? { ...prev, items: prev.items.map((i) => (i.id === m.id ? { ...i, ...m } : i)) } : prev!));
  const mark = async (m: Match, action: 'pin' | 'unpin' | 'dismiss') => {
    try {
      replace(await api.post<Match>(`/api/brokers/matches/${m.id}/${action}`));
    } catch (err) {
      message.error(errorText(t, err));
    }
  };
  const manual = async () => {
    setFormError(null);
    const body = form.getFieldsValue(true) as { demandId?: string; achievementId?: string; note?: string };
    const payload = { demandId: body.demandId, achievementId: body.achievementId, note: (body.note ?? '').trim() };
    if (!validateForm(form, ManualMatchInput, payload, t)) return;
    setBusy(true);
    try {
      await api.post<Match>('/api/brokers/matches', payload);
      form.resetFields();
      message.success(t('broker.manualDone'));
      list.reload();
    } catch (err) {
      if (!applyServerError(form, err, t, { fields: ['demandId', 'achievementId', 'note'] })) setFormError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={15}>
        <Segmented<'all' | 'pinned'>
          aria-label={t('broker.matchFilter')}
          value={pinned}
          onChange={(v) => {
            setPinned(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('broker.allMatches') },
            { value: 'pinned', label: t('broker.pinned') },
          ]}
          style={{ marginBottom: 12 }}
        />
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.loading && !list.data ? (
          <Skeleton active />
        ) : !list.data?.items.length ? (
          <Empty description={t('broker.noMatches')} />
        ) : (
          list.data.items.map((m) => (
            <div key={m.id} className="tb-broker-match">
              <MatchCard match={m} onChange={replace} />
              <Space className="tb-broker-actions">
                <Button size="small" icon={m.pinned ? <PushpinFilled /> : <PushpinOutlined />} onClick={() => void mark(m, m.pinned ? 'unpin' : 'pin')}>
                  {m.pinned ? t('broker.unpin') : t('broker.pin')}
                </Button>
                <Button size="small" type="text" danger onClick={() => void mark(m, 'dismiss')}>
                  {t('broker.dismiss')}
                </Button>
              </Space>
            </div>
          ))
        )}
        {(list.data?.total ?? 0) > MATCH_PAGE && (
          <Pagination
            className="tb-pager"
            current={page}
            pageSize={MATCH_PAGE}
            total={list.data?.total ?? 0}
            onChange={setPage}
            showSizeChanger={false}
            showTotal={(total) => t('broker.matchTotal', { total })}
          />
        )}
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={<h3 className="tb-card-h">{t('broker.manualTitle')}</h3>}>
          <Typography.Paragraph type="secondary">{t('broker.manualLead')}</Typography.Paragraph>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} role="alert" />}
          <Form form={form} layout="vertical" name="manual-match" onFinish={() => void manual()}>
            <Form.Item label={t('broker.demand')} name="demandId" required>
              <ListingPicker kind="demands" ariaLabel={t('broker.demand')} />
            </Form.Item>
            <Form.Item label={t('broker.achievement')} name="achievementId" required>
              <ListingPicker kind="achievements" ariaLabel={t('broker.achievement')} />
            </Form.Item>
            <Form.Item label={t('broker.note')} name="note" required>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('broker.createManual')}
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

// docking runs on one page of their list
const RUN_PAGE = 10;

function DockingTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm();
  const [by, setBy] = useState<'region' | 'field' | 'list'>('field');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<DockingRun | null>(null);
  const [runPage, setRunPage] = useState(1);
  const runs = useRequest(() => api.get<Paged<DockingRun>>('/api/brokers/docking', { page: runPage, pageSize: RUN_PAGE }), [runPage]);

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true) as { region?: string; field?: string; demandIds?: string[]; limitPerDemand?: number };
    const body = {
      ...(by === 'region' && v.region ? { region: v.region } : {}),
      ...(by === 'field' && v.field ? { field: v.field } : {}),
      ...(by === 'list' && v.demandIds?.length ? { demandIds: v.demandIds } : {}),
      limitPerDemand: v.limitPerDemand ?? 5,
    };
    if (!validateForm(form, DockingInput, body, t, (p) => (p[0] === 'demandIds' ? [by === 'list' ? 'demandIds' : by] : p))) return;
    setBusy(true);
    try {
      const created = await api.post<DockingRun>('/api/brokers/docking', body);
      setRun(await api.get<DockingRun>(`/api/brokers/docking/${created.id}`));
      runs.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const open = async (id: string) => {
    try {
      setRun(await api.get<DockingRun>(`/api/brokers/docking/${id}`));
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={9}>
        <Card size="small" title={<h3 className="tb-card-h">{t('broker.dockingTitle')}</h3>}>
          <Typography.Paragraph type="secondary">{t('broker.dockingLead')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
          <Form form={form} layout="vertical" name="docking" initialValues={{ limitPerDemand: 5 }} onFinish={() => void submit()}>
            <Form.Item label={t('broker.chooseBy')}>
              <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button">
                <Radio.Button value="field">{t('broker.byField')}</Radio.Button>
                <Radio.Button value="region">{t('broker.byRegion')}</Radio.Button>
                <Radio.Button value="list">{t('broker.byList')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            {by === 'field' && (
              <Form.Item label={t('listing.field')} name="field" required>
                <FieldSelect aria-label={t('listing.field')} />
              </Form.Item>
            )}
            {by === 'region' && (
              <Form.Item label={t('org.region')} name="region" required>
                <RegionSelect aria-label={t('org.region')} />
              </Form.Item>
            )}
            {by === 'list' && (
              <Form.Item label={t('broker.demands')} name="demandIds" required>
                <ListingPicker kind="demands" multiple ariaLabel={t('broker.demands')} />
              </Form.Item>
            )}
            <Form.Item label={t('broker.limitPerDemand')} name="limitPerDemand">
              <InputNumber min={1} max={20} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('broker.runDocking')}
            </Button>
          </Form>
        </Card>
        <Card size="small" title={<h3 className="tb-card-h">{t('broker.pastRuns')}</h3>} style={{ marginTop: 16 }}>
          {runs.error ? (
            <ErrorState compact error={runs.error} onRetry={runs.reload} />
          ) : (
            <List
              size="small"
              dataSource={runs.data?.items ?? []}
              locale={{ emptyText: t('broker.noRuns') }}
              pagination={(runs.data?.total ?? 0) > RUN_PAGE ? { current: runPage, pageSize: RUN_PAGE, total: runs.data?.total ?? 0, onChange: setRunPage, showSizeChanger: false, size: 'small' } : false}
              renderItem={(r) => (
                <List.Item actions={[<Button key="o" type="link" size="small" onClick={() => void open(r.id)}>{t('broker.openRun')}</Button>]}>
                  {formatDate(r.createdAt, lang, true)} · {t('broker.runSummary', { demands: r.demandCount, matches: r.matchCount })}
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {!run ? (
          <Empty description={t('broker.noRunYet')} />
        ) : (
          <Card size="small" title={<h3 className="tb-card-h">{t('broker.report')}</h3>} extra={<Button icon={<DownloadOutlined />} href={`/api/brokers/docking/${run.id}/report.csv`} download data-testid="docking-report">{t('broker.downloadCsv')}</Button>} data-testid="docking-run">
            <Space size={40} wrap style={{ marginBottom: 12 }}>
              <Statistic title={t('broker.demandsDocked')} value={run.demandCount} />
              <Statistic title={t('broker.matchesFound')} value={run.matchCount} />
              <Statistic title={t('broker.duration')} value={(run.durationMs / 1000).toFixed(1)} suffix="s" />
            </Space>
            <div className="tb-table-scroll">
              <Table
                size="small"
                rowKey={(r) => `${r.demandId}-${r.achievementId ?? 'none'}`}
                dataSource={run.rows ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: t('broker.demand'), dataIndex: 'demandTitle' },
                  { title: t('broker.achievement'), dataIndex: 'achievementTitle', render: (v: string) => v || <Tag>{t('broker.noMatch')}</Tag> },
                  { title: t('broker.supplier'), dataIndex: 'supplierName', responsive: ['md'] },
                  { title: t('broker.score'), dataIndex: 'score', render: (s: number) => (s ? `${Math.round(s * 100)}%` : '—') },
                  { title: t('matches.reasons'), key: 'why', render: (_, r) => pick(r.reasons, lang) },
                ]}
              />
            </div>
          </Card>
        )}
      </Col>
    </Row>
  );
}

/** The broker workspace: client portfolio, matches to curate, batch docking with a report. */
export default function Broker() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={2}>{t('broker.title')}</Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'matches', label: t('broker.tabMatches'), children: <MatchesTab /> },
          { key: 'portfolio', label: t('broker.tabPortfolio'), children: <PortfolioTab /> },
          { key: 'docking', label: t('broker.tabDocking'), children: <DockingTab /> },
        ]}
      />
    </Card>
  );
}
