import { useState } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ParticularsInput } from '@techbridge/api/schemas';
import type { Contract } from '../../api/types';
import { api } from '../../api/client';
import { errorText, toApiError } from '../../lib/hooks';

/** The particulars an org admin may still change before signing (a new revision: signatures are cleared). */
export function ParticularsForm({ contract, onSaved }: { contract: Contract; onSaved: (c: Contract) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ParticularsInput>();
  const [busy, setBusy] = useState(false);
  const save = async (values: ParticularsInput) => {
    setBusy(true);
    try {
      const c = await api.put<Contract>(`/api/deals/${contract.dealId}/contract/particulars`, values);
      onSaved(c);
      message.success(t('contract.particularsSaved'));
    } catch (err) {
      const e = toApiError(err);
      const field = e.field?.split('.') ?? null;
      if (field && e.status === 400) form.setFields([{ name: field as never, errors: [errorText(t, e)] }]);
      else message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={contract.particulars} onFinish={(v) => void save(v)} data-testid="contract-particulars">
      <Space wrap align="start">
        <Form.Item name={['dispute', 'method']} label={t('contract.disputeMethod')}>
          <Select
            style={{ width: 140 }}
            options={(['arbitration', 'court'] as const).map((m) => ({ value: m, label: t(`contract.disputeMethods.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name={['dispute', 'venue']} label={t('contract.venue')} rules={[{ required: true, message: t('contract.venueRequired') }]}>
          <Input style={{ width: 260 }} maxLength={200} />
        </Form.Item>
        <Form.Item name="confidentialityYears" label={t('contract.confidentialityYears')}>
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
      </Space>
      <Button htmlType="submit" loading={busy}>
        {t('contract.saveParticulars')}
      </Button>
    </Form>
  );
}
