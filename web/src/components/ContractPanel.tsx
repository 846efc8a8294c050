import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Collapse, List, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DealView } from '@techbridge/api/contract';
import type { Contract } from '../api/types';
import { api } from '../api/client';
import { errorText, toApiError, useLang, useRequest } from '../lib/hooks';
import { formatDate } from '../lib/format';
import { ErrorState, PageLoading } from './States';
import { ContractContentView } from './contract/ContractContentView';
import { ParticularsForm } from './contract/ParticularsForm';

const CONTRACT_STATUSES = ['agreed', 'contracted', 'paying', 'completed'];

/**
 * The deal's contract in the room, from `agreed` on: its content in the interface language, the
 * hash, the PDFs, the particulars form and the Sign button for the parties' org admins, the
 * signatures. `activity` changes whenever the room hears something (a signature, a revision), and
 * the contract is read again.
 */
export function ContractPanel({ deal, activity }: { deal: DealView; activity: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const shown = CONTRACT_STATUSES.includes(deal.status);
  const req = useRequest(() => api.get<Contract>(`/api/deals/${deal.id}/contract`), [deal.id, deal.status, activity], shown);
  const [contract, setContract] = useState<Contract | undefined>(undefined);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (req.data) setContract(req.data);
  }, [req.data]);

  if (!shown) return null;
  if (req.error && !contract) return <ErrorState compact error={req.error} onRetry={req.reload} />;
  if (!contract) return <PageLoading label={t('contract.loading')} />;

  const sign = async () => {
    setBusy(true);
    try {
      setContract(await api.post<Contract>(`/api/deals/${deal.id}/contract/sign`, { hash: contract.hash }));
      setChanged(false);
      message.success(t('contract.signedToast'));
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'stale_hash') {
        setChanged(true);
        req.reload();
      } else message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const signed = contract.status === 'signed';
  return (
    <Card
      className="tb-side-card"
      data-testid="contract-panel"
      data-status={contract.status}
      title={
        <h2 className="tb-card-h">
          <SafetyCertificateOutlined /> {t('contract.title')}
        </h2>
      }
      extra={<Tag color={signed ? 'green' : 'gold'}>{t(`contract.statuses.${contract.status}`)}</Tag>}
    >
      {changed && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('contract.changedSinceShown')} data-testid="contract-changed" />}
      <ContractContentView content={contract.content} lang={lang} />
      <div className="tb-contract-hash">
        <Typography.Text type="secondary">
          {t('contract.revision', { n: contract.revision })} · SHA-256：
        </Typography.Text>
        <Typography.Text code copyable data-testid="contract-hash">
          {contract.hash}
        </Typography.Text>
      </div>
      <Space wrap style={{ margin: '12px 0' }}>
        <a href={`/api/deals/${deal.id}/contract.pdf?lang=zh`} target="_blank" rel="noreferrer" data-testid="contract-pdf-zh">
          <FilePdfOutlined /> {t('contract.pdfZh')}
        </a>
        <a href={`/api/deals/${deal.id}/contract.pdf?lang=en`} target="_blank" rel="noreferrer" data-testid="contract-pdf-en">
          <FilePdfOutlined /> {t('contract.pdfEn')}
        </a>
      </Space>
      {contract.viewer.canEdit && (
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          items={[{ key: 'p', label: t('contract.particulars'), children: <ParticularsForm contract={contract} onSaved={(c) => { setContract(c); setChanged(false); }} /> }]}
        />
      )}
      {contract.viewer.canSign && (
        <Button type="primary" block loading={busy} onClick={() => void sign()} data-testid="contract-sign">
          {t('contract.sign')}
        </Button>
      )}
      <List
        size="small"
        header={<span className="tb-strong">{t('contract.signatures')}</span>}
        data-testid="contract-signatures"
        locale={{ emptyText: t('contract.noSignatures') }}
        dataSource={contract.signatures}
        renderItem={(s) => (
          <List.Item data-side={s.side}>
            {t('contract.signedBy', { side: t(`deal.sides.${s.side}`), name: s.userName, date: formatDate(s.at, lang, true) })}
          </List.Item>
        )}
      />
    </Card>
  );
}
