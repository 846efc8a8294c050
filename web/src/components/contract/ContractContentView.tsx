import { Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatWan } from '@techbridge/api/contract';
import type { OfferTerms } from '@techbridge/api/contract';
import type { ContractContent } from '../../api/types';
import { pick, type Lang } from '../../lib/format';
import { termLines } from '../../lib/offers';

/** The contract's canonical content, readable in the interface language: parties, subject, terms, payments, clauses. */
export function ContractContentView({ content: c, lang }: { content: ContractContent; lang: Lang }) {
  const { t } = useTranslation();
  const parties = [c.parties.supplier, c.parties.buyer, ...(c.parties.broker ? [c.parties.broker] : [])];
  return (
    <div className="tb-contract-content">
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="contract-title">
        {c.category[lang]}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered styles={{ label: { minWidth: 96 } }}>
        {parties.map((p) => (
          <Descriptions.Item key={p.orgId} label={p.role[lang]}>
            {pick(p.name, lang)} · {p.region[lang]} · {t('contract.creditCode')}：{p.creditCode ?? t('contract.noCreditCode')}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('contract.subject')}>
          {pick(c.achievement.title, lang)} · {c.achievement.field[lang]} · {c.achievement.ipType[lang]}
          {c.achievement.patents.length > 0 && ` · ${c.achievement.patents.map((p) => p.number).join('、')}`}
        </Descriptions.Item>
        {termLines(t, c.terms as OfferTerms, lang).map((l) => (
          <Descriptions.Item key={l.path} label={l.label}>
            {l.value}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('contract.amount')}>{formatWan(c.amount, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('contract.confidentiality')}>{t('contract.years', { n: c.confidentiality.years })}</Descriptions.Item>
        <Descriptions.Item label={t('contract.dispute')}>
          {t(`contract.disputeMethods.${c.dispute.method}`)}：{c.dispute.venue}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('contract.schedule')}</Typography.Title>
      {c.paymentSchedule.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={c.paymentSchedule}
          columns={[
            { title: t('contract.item'), render: (_, p) => p.label[lang] },
            { title: t('contract.amount'), render: (_, p) => formatWan(p.amount, lang) },
            { title: t('contract.due'), render: (_, p) => p.due ?? t('contract.onSigning') },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('contract.noCash')}</Typography.Text>
      )}
    </div>
  );
}
