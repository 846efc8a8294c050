import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, InputNumber, List, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REGIONS } from '@techbridge/search/taxonomy';
import { AnnualReportInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { ReportJob, ReportJobList } from '../api/types';
import { ErrorState } from '../components/States';
import { applyServerError, validateForm, zodRule } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';
import { onUserPush } from '../lib/realtime';

/** How often the page asks for progress when no socket push arrived (a fallback; pushes are instant). */
const POLL_MS = 2500;

const STATUS_COLOURS: Record<ReportJob['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

/** Platform admin: request the annual report of a year and region, follow its progress live, download the PDF and CSV. */
// report jobs on one page of the list
const REPORT_PAGE = 10;

export default function AdminReports() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  // the page shown, for the socket's pushes (subscribed once)
  const pageRef = useRef(page);
  pageRef.current = page;
  const list = useRequest(() => api.get<ReportJobList>('/api/reports', { page, pageSize: REPORT_PAGE }), [page]);
  const jobs = list.data?.items ?? [];
  const thisYear = new Date().getFullYear();
  const regions = useMemo(() => REGIONS.map((r) => ({ value: r.code, label: r[lang] })), [lang]);

  const upsert = (job: ReportJob) =>
    list.setData((prev) => {
      const items = prev?.items ?? [];
      const known = items.some((j) => j.id === job.id);
      // a new job goes on top of the first page; elsewhere only the jobs shown change
      if (!known && pageRef.current !== 1) return prev!;
      const next = known ? items.map((j) => (j.id === job.id ? job : j)) : [job, ...items].slice(0, REPORT_PAGE);
      return { items: next, total: (prev?.total ?? 0) + (known ? 0 : 1), page: pageRef.current, pageSize: REPORT_PAGE };
    });

  // Live progress: the server pushes each stored step to the requester's sockets.
  useEffect(() => onUserPush<ReportJob>('report:progress', upsert), []);

  // The fallback: while a job is unfinished, ask for it now and then (a socket may be down or another admin asked).
  const pending = jobs.filter((j) => j.status === 'queued' || j.status === 'running').map((j) => j.id);
  const pendingKey = pending.join(',');
  useEffect(() => {
    if (!pendingKey) return;
    const timer = setInterval(() => {
      for (const id of pendingKey.split(',')) {
        api
          .get<ReportJob>(`/api/reports/${id}`)
          .then(upsert)
          .catch(() => undefined);
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pendingKey]);

  const toPayload = (v: Record<string, unknown>) => ({
    year: v.year,
    ...(v.province ? { province: v.province } : {}),
    ...(typeof v.city === 'string' && v.city.trim() ? { city: v.city.trim() } : {}),
  });

  const submit = async () => {
    setError(null);
    const payload = validateForm(form, AnnualReportInput, toPayload(form.getFieldsValue(true)), t);
    if (!payload) return;
    setBusy(true);
    try {
      upsert(await api.post<ReportJob>('/api/reports/annual', payload));
    } catch (err) {
      if (!applyServerError(form, err, t)) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={9}>
        <Card title={<h2 className="tb-card-h">{t('reports.title')}</h2>}>
          <Typography.Paragraph type="secondary">{t('reports.lead')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" name="annual-report" initialValues={{ year: thisYear }} onFinish={() => void submit()}>
            <Form.Item label={t('reports.year')} name="year" rules={[zodRule(AnnualReportInput, ['year'], toPayload, t)]}>
              <InputNumber aria-label={t('reports.year')} min={2020} max={thisYear} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={t('reports.province')} name="province" extra={t('reports.provinceHint')}>
              <Select aria-label={t('reports.province')} allowClear showSearch optionFilterProp="label" options={regions} placeholder={t('reports.allRegions')} />
            </Form.Item>
            <Form.Item label={t('reports.city')} name="city" extra={t('reports.cityHint')} rules={[zodRule(AnnualReportInput, ['city'], toPayload, t)]}>
              <Input aria-label={t('reports.city')} autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="report-request">
              {t('reports.request')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card title={<h2 className="tb-card-h">{t('reports.jobs')}</h2>}>
          {list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : jobs.length === 0 ? (
            <Empty description={list.loading ? t('common.loading') : t('reports.none')} />
          ) : (
            <List
              dataSource={jobs}
              pagination={(list.data?.total ?? 0) > REPORT_PAGE ? { current: page, pageSize: REPORT_PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false } : false}
              renderItem={(job) => (
                <List.Item key={job.id} data-testid={`report-${job.id}`}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{t('reports.jobTitle', { year: job.year, region: pick(job.region, lang) })}</Typography.Text>
                      <Tag color={STATUS_COLOURS[job.status]} data-testid="report-status">
                        {t(`reports.status.${job.status}`)}
                      </Tag>
                      {job.scheduled && <Tag>{t('reports.scheduled')}</Tag>}
                      <Typography.Text type="secondary">{formatDate(job.createdAt, lang, true)}</Typography.Text>
                    </Space>
                    {job.status !== 'done' && job.status !== 'failed' && (
                      <Progress percent={job.progress} size="small" format={(p) => `${p}% · ${t(`reports.stage.${job.stage}`)}`} aria-label={t('reports.progress')} />
                    )}
                    {job.status === 'failed' && <Alert type="error" showIcon title={t('reports.failed')} />}
                    {job.status === 'done' && job.files && (
                      <Space wrap>
                        <Button href={`/api/reports/${job.id}/report.pdf?lang=zh`} download data-testid="report-pdf">
                          {t('reports.pdfZh')}
                        </Button>
                        <Button href={`/api/reports/${job.id}/report.pdf?lang=en`} download>
                          {t('reports.pdfEn')}
                        </Button>
                        <Button href={`/api/reports/${job.id}/report.csv`} download data-testid="report-csv">
                          {t('reports.csv')}
                        </Button>
                      </Space>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
