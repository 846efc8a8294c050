import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OfferInput } from '@techbridge/api/schemas';
import type { DealView, OfferView } from '@techbridge/api/deals/deals.events';
import { applyServerError, validateForm } from '../lib/form';
import { errorText, useLang } from '../lib/hooks';
import { modeName } from '../lib/format';
import { formToTerms, offerFieldPath, termsToForm, type OfferFormValues } from '../lib/offers';

/** Installments (milestones, a payment schedule, equity's cash payments): description, amount in 万元, due date. */
function InstallmentList({ name, label, addLabel }: { name: 'milestones' | 'paymentSchedule' | 'cashPayments'; label: string; addLabel: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} required={name === 'paymentSchedule'}>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} className="tb-installment">
                <Col xs={24} sm={10}>
                  <Form.Item name={[f.name, 'description']} label={t('offer.installmentDesc', { n: i + 1 })} required>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={[f.name, 'amount']} label={t('offer.installmentAmount', { n: i + 1 })} required>
                    <InputNumber min={0} style={{ width: '100%' }} suffix={t('common.wan')} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={[f.name, 'due']} label={t('offer.installmentDue', { n: i + 1 })} required>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={2} className="tb-installment-remove">
                  <Button icon={<DeleteOutlined />} danger type="text" onClick={() => remove(f.name)} aria-label={t('offer.removeInstallment', { n: i + 1 })} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
              {addLabel}
            </Button>
            {/* the list's own errors (the schedule does not add up to the price) */}
            <div data-testid={`${name}-errors`}>
              <Form.ErrorList errors={errors} />
            </div>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/**
 * The offer form for the deal's mode, prefilled from the current offer when countering. Validates
 * with the shared OfferInput schema, then hands the offer to `onSubmit` (the room's `offer:create`
 * socket command); a stale version (someone countered meanwhile) is explained.
 */
export function OfferComposer({
  deal,
  open,
  onClose,
  onSubmit,
  onSent,
}: {
  deal: DealView;
  open: boolean;
  onClose: () => void;
  onSubmit: (body: OfferInput) => Promise<unknown>;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current: OfferView | null = deal.currentOffer;
  const counter = !!current && current.status === 'open';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (current) form.setFieldsValue(termsToForm(current.terms));
    else if (deal.mode === 'license')
      form.setFieldsValue({ exclusivity: 'non-exclusive', territory: t('offer.defaultTerritory'), termYears: 5, royaltyRate: 3, milestones: [] });
    else if (deal.mode === 'transfer') form.setFieldsValue({ paymentSchedule: [{ description: t('offer.defaultPayment') }] });
    else form.setFieldsValue({ vestingTotalMonths: 36, vestingCliffMonths: 12 });
  }, [open, current, deal.mode, form, t]);

  const submit = async () => {
    setError(null);
    const values = form.getFieldsValue(true) as OfferFormValues;
    const body = { replacesVersion: deal.currentOfferVersion, terms: formToTerms(deal.mode, values), ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
    if (!validateForm(form, OfferInput, body, t, offerFieldPath)) return;
    setBusy(true);
    try {
      await onSubmit(body as OfferInput);
      onSent();
      onClose();
    } catch (err) {
      if (!applyServerError(form, err, t, { mapPath: offerFieldPath })) setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={760}
      title={`${counter ? t('offer.counterTitle', { version: deal.currentOfferVersion }) : t('offer.newTitle')} · ${modeName(deal.mode, lang)}`}
      okText={t('offer.send')}
      cancelText={t('common.no')}
      onOk={() => void submit()}
      confirmLoading={busy}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('offer.lead')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} data-testid="offer-error" />}
      <Form form={form} layout="vertical" name="offer">
        {deal.mode === 'license' && (
          <>
            <Form.Item label={t('offer.fields.exclusivity')} name="exclusivity" required>
              <Radio.Group options={(['exclusive', 'sole', 'non-exclusive'] as const).map((e) => ({ value: e, label: t(`terms.exclusivityKinds.${e}`) }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('offer.fields.territory')} name="territory" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('offer.fields.fieldOfUse')} name="fieldOfUse" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('offer.termYearsLabel')} name="termYears" required>
                  <InputNumber min={1} max={50} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('offer.upfrontFeeWan')} name="upfrontFee" required>
                  <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('offer.royaltyRateLabel')} name="royaltyRate" required>
                  <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} suffix="%" />
                </Form.Item>
              </Col>
            </Row>
            <InstallmentList name="milestones" label={t('offer.fields.milestones')} addLabel={t('offer.addMilestone')} />
          </>
        )}
        {deal.mode === 'transfer' && (
          <>
            <Form.Item label={t('offer.priceWan')} name="price" required>
              <InputNumber min={0} step={10} style={{ width: '100%', maxWidth: 320 }} suffix={t('common.wan')} />
            </Form.Item>
            <InstallmentList name="paymentSchedule" label={t('offer.fields.paymentSchedule')} addLabel={t('offer.addPayment')} />
          </>
        )}
        {deal.mode === 'equity' && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('offer.ipValuationWan')} name="ipValuation" required>
                <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('offer.equitySharePctLabel')} name="equitySharePct" required>
                <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} suffix="%" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('offer.companyName')} name="companyName" required>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('offer.registeredCapitalWan')} name="registeredCapital">
                <InputNumber min={0} style={{ width: '100%' }} suffix={t('common.wan')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('offer.vestingTotal')} name="vestingTotalMonths" required>
                <InputNumber min={0} max={240} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('offer.vestingCliff')} name="vestingCliffMonths" required>
                <InputNumber min={0} max={240} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('offer.vestingNote')} name="vestingNote">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <InstallmentList name="cashPayments" label={t('offer.fields.cashPayments')} addLabel={t('offer.addCashPayment')} />
            </Col>
          </Row>
        )}
        <Form.Item label={t('offer.note')} name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
