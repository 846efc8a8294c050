import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ImportReport, ImportRow } from '../api/types';
import { translateMessage } from '../lib/form';
import { errorText } from '../lib/hooks';

/** Batch import of achievements from CSV, with the server's per-row report. */
export default function ImportAchievements() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const form = new FormData();
      form.append('file', file);
      setReport(await api.upload<ImportReport>(`/api/achievements/import${allOrNothing ? '?allOrNothing=true' : ''}`, form));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const column = (field: string) => t(`import.columns.${field}`, { defaultValue: field });
  /** The server says "patent 2 number: …" for a cell holding several patents. */
  const reason = (message: string) => {
    const m = /^patent (\d+)(?: (\w+))?: (.*)$/.exec(message);
    const inner = m ? m[3]! : message;
    const text = translateMessage(t, inner) ?? inner;
    return m ? `${t('editor.patentN', { n: Number(m[1]) })}${m[2] ? ` · ${t(`patent.${m[2]}`, { defaultValue: m[2] })}` : ''}：${text}` : text;
  };

  return (
    <Card>
      <Typography.Title level={2}>{t('import.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href="/api/achievements/import/template" download>
          {t('import.template')}
        </Button>
        <Typography.Text type="secondary">{t('import.templateHint')}</Typography.Text>
      </Space>
      <Upload.Dragger
        accept=".csv,text/csv"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setReport(null);
          setError(null);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={file ? [{ uid: 'csv', name: file.name, status: 'done' }] : []}
        aria-label={t('import.chooseFile')}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.limits')}</p>
      </Upload.Dragger>
      <Space wrap style={{ marginTop: 16 }}>
        <Checkbox checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)}>
          {t('import.allOrNothing')}
        </Checkbox>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void submit()}>
          {t('import.submit')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 16 }} data-testid="import-error" />}
      {report && (
        <section style={{ marginTop: 24 }} data-testid="import-report" aria-label={t('import.report')}>
          <Space size={48} wrap>
            <Statistic title={t('import.created')} value={report.created} styles={{ content: { color: '#237804' } }} />
            <Statistic title={t('import.invalid')} value={report.invalid} styles={{ content: { color: report.invalid ? '#cf1322' : undefined } }} />
            <Statistic title={t('import.rows')} value={report.rows.length} />
          </Space>
          {report.created > 0 && <Alert type="success" showIcon style={{ margin: '16px 0' }} title={t('import.createdNote', { n: report.created })} action={<Link to="/my?tab=achievements">{t('nav.myListings')}</Link>} />}
          {report.rows.some((r) => r.status === 'skipped') && <Alert type="warning" showIcon style={{ margin: '16px 0' }} title={t('import.skippedNote')} />}
          <Table<ImportRow>
            rowKey="row"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={report.rows}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 80 },
              {
                title: t('my.colStatus'),
                key: 'status',
                width: 120,
                render: (_, r) => <Tag color={r.status === 'created' ? 'green' : r.status === 'invalid' ? 'red' : 'default'}>{t(`import.statuses.${r.status}`)}</Tag>,
              },
              {
                title: t('import.details'),
                key: 'details',
                render: (_, r) =>
                  r.status === 'created' && r.id ? (
                    <Link to={`/achievements/${r.id}/edit`}>{t('import.openDraft')}</Link>
                  ) : r.errors?.length ? (
                    <ul className="tb-row-errors">
                      {r.errors.map((e, i) => (
                        <li key={i}>
                          <span className="tb-strong">{column(e.field)}</span>：{reason(e.message)}
                        </li>
                      ))}
                    </ul>
                  ) : null,
              },
            ]}
          />
        </section>
      )}
    </Card>
  );
}
