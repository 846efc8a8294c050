import { Alert, Card, Checkbox, Col, DatePicker, Form, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { DemandInput } from '@techbridge/api/schemas';
import { ErrorState, PageLoading } from '../components/States';
import { EditorActions, EditorHead } from '../components/ListingEditor';
import { KeywordsField, ListingTextFields, TaxonomyCol } from '../components/ListingFormFields';
import { TrlSelect } from '../components/TaxonomyFields';
import { applyServerError, validateForm } from '../lib/form';
import { useLang } from '../lib/hooks';
import { modeName } from '../lib/format';
import { MODE_ORDER, demandFieldPath, demandFormValues, demandPayload, type DemandFormValues } from '../lib/listingForm';
import { useListingEditor } from '../lib/useListingEditor';

/** Post or edit a technical demand, optionally anonymous. */
export default function DemandEdit() {
  const { t } = useTranslation();
  const lang = useLang();
  const editor = useListingEditor('demand', demandFormValues);
  const { form, editing, existing, busy } = editor;
  const anonymous: boolean = Form.useWatch('anonymous', form) ?? false;

  if (editing && existing.loading) return <PageLoading />;
  if (editing && (existing.error || !existing.data)) return <ErrorState error={existing.error} onRetry={existing.reload} />;

  const save = (publish: boolean) =>
    editor.save(
      publish,
      () => {
        const payload = demandPayload(form.getFieldsValue(true) as DemandFormValues);
        return validateForm(form, DemandInput, payload, t, demandFieldPath) ? payload : null;
      },
      (err) => applyServerError(form, err, t, { mapPath: demandFieldPath }),
    );

  return (
    <Card>
      <EditorHead title={editing ? t('editor.editDemand') : t('editor.newDemand')} error={editor.error} />
      <Form form={form} layout="vertical" name="demand" initialValues={{ modes: ['license', 'transfer'], anonymous: false }} onFinish={() => void save(false)}>
        <ListingTextFields longText="description" />
        <Row gutter={16}>
          <TaxonomyCol name="field" />
          <TaxonomyCol name="region" />
          <Col xs={12} md={6}>
            <Form.Item label={t('editor.budgetMinWan')} name="budgetMin">
              <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('editor.budgetMaxWan')} name="budgetMax">
              <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('editor.deadline')} name="deadline">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('demand.modes')} name="modes">
              <Checkbox.Group options={MODE_ORDER.map((m) => ({ value: m, label: modeName(m, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('editor.minTrl')} name="minTrl">
              <TrlSelect aria-label={t('editor.minTrl')} allowClear />
            </Form.Item>
          </Col>
        </Row>
        <KeywordsField />
        <Form.Item label={t('editor.anonymous')} name="anonymous" valuePropName="checked" extra={t('editor.anonymousHint')}>
          <Switch />
        </Form.Item>
        {anonymous && <Alert type="info" showIcon title={t('editor.anonymousNote')} style={{ marginBottom: 16 }} />}
        <EditorActions
          submitLabel={editing && existing.data?.status === 'open' ? t('editor.saveChanges') : t('editor.saveDraft')}
          status={existing.data?.status}
          busy={busy}
          onPublish={() => void save(true)}
        />
      </Form>
    </Card>
  );
}
