import { useState } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RoyaltyReportInput } from '@techbridge/api/schemas';
import type { DealPayments, RoyaltyReportFiled } from '../../api/types';
import { api } from '../../api/client';
import { errorText, toApiError, useLang } from '../../lib/hooks';
import { yuanText, bpsText } from '../../lib/payments';

interface ReportForm {
  period?: string;
  sales?: number | null;
  note?: string;
}

/** A licence's royalty reports, and the licensee's form to file the next one. */
export function RoyaltyReports({ payments, onFiled }: { payments: DealPayments; onFiled: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReportForm>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: ReportForm) => {
    const body = { period: (v.period ?? '').trim(), sales: typeof v.sales === 'number' ? Math.round(v.sales * 100) : undefined, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
    const parsed = RoyaltyReportInput.safeParse(body);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof ReportForm, errors: [i.message] })));
      return;
    }
    setBusy(true);
    try {
      await api.post<RoyaltyReportFiled>(`/api/deals/${payments.dealId}/royalty-reports`, parsed.data);
      message.success(t('payments.royalty.filed'));
      form.resetFields();
      onFiled();
    } catch (err) {
      const e = toApiError(err);
      if (e.field) form.setFields([{ name: e.field as keyof ReportForm, errors: [errorText(t, e)] }]);
      else message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tb-royalties" data-testid="royalty-reports">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('payments.royalty.title', { rate: payments.royaltyRate ?? '' })}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={payments.reports}
        locale={{ emptyText: t('payments.royalty.none') }}
        columns={[
          { title: t('payments.royalty.period'), dataIndex: 'period' },
          { title: t('payments.royalty.sales'), dataIndex: 'sales', render: (v: number) => yuanText(v, lang) },
          { title: t('payments.royalty.rate'), dataIndex: 'rateBps', render: (v: number) => bpsText(v) },
          { title: t('payments.royalty.amount'), dataIndex: 'amount', render: (v: number) => yuanText(v, lang) },
        ]}
      />
      {payments.can.report && (
        <Form form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ marginTop: 12, rowGap: 8 }} data-testid="royalty-form">
          <Form.Item name="period" label={t('payments.royalty.period')}>
            <Input placeholder="2027-Q1" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="sales" label={t('payments.royalty.salesYuan')}>
            <InputNumber min={0} step={1000} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="note" label={t('payments.royalty.note')}>
            <Input maxLength={1000} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={busy}>
            {t('payments.royalty.file')}
          </Button>
        </Form>
      )}
    </div>
  );
}
