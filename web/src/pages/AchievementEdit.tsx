import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Divider, Empty, Form, Input, InputNumber, Row, Select, Space, Steps, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AchievementInput } from '@techbridge/api/schemas';
import { ErrorState, PageLoading } from '../components/States';
import { EditorActions, EditorHead } from '../components/ListingEditor';
import { KeywordsField, ListingTextFields, TaxonomyCol } from '../components/ListingFormFields';
import { IpTypeSelect, TrlSelect } from '../components/TaxonomyFields';
import { applyServerError, issueText, type Path } from '../lib/form';
import { useLang } from '../lib/hooks';
import { modeName } from '../lib/format';
import {
  MODE_ORDER,
  achievementFieldPath,
  achievementFormValues,
  achievementPayload,
  achievementStepOf,
  type AchievementFormValues,
} from '../lib/listingForm';
import { useListingEditor } from '../lib/useListingEditor';

const STEP_FIELDS = 4;

/** Post or edit an achievement in four steps: basics, IP, deal modes with terms, confidential details. */
export default function AchievementEdit() {
  const { t } = useTranslation();
  const lang = useLang();
  const editor = useListingEditor('achievement', achievementFormValues);
  const { form, editing, existing, busy } = editor;
  const [step, setStep] = useState(0);
  const modeList: string[] = Form.useWatch('modeList', form) ?? [];

  if (editing && existing.loading) return <PageLoading />;
  if (editing && (existing.error || !existing.data)) return <ErrorState error={existing.error} onRetry={existing.reload} />;

  /** Validates with the shared schema; marks the fields of `onlyStep` (or all) and returns the payload when valid. */
  const check = (onlyStep?: number) => {
    const values = form.getFieldsValue(true) as AchievementFormValues;
    const payload = achievementPayload(values);
    const r = AchievementInput.safeParse(payload);
    const mapPath = achievementFieldPath(values);
    // clear earlier errors of the step(s) being checked
    const names = (form.getFieldsError() ?? []).filter((f) => f.errors.length && (onlyStep === undefined || achievementStepOf(f.name) === onlyStep));
    form.setFields(names.map((f) => ({ name: f.name, errors: [] })));
    if (r.success) return { payload, firstStep: -1 };
    const fields = new Map<string, { name: Path; errors: string[] }>();
    let firstStep = STEP_FIELDS;
    for (const issue of r.error.issues) {
      const name = mapPath(issue.path.map((p) => (typeof p === 'number' ? p : String(p))));
      if (!name) continue;
      const s = achievementStepOf(name);
      if (onlyStep !== undefined && s !== onlyStep) continue;
      firstStep = Math.min(firstStep, s);
      const key = name.join('.');
      if (!fields.has(key)) fields.set(key, { name, errors: [issueText(t, issue as never)] });
    }
    form.setFields([...fields.values()]);
    return { payload: fields.size ? null : onlyStep !== undefined ? payload : null, firstStep };
  };

  const next = () => {
    const { firstStep } = check(step);
    if (firstStep === step) return;
    setStep((s) => Math.min(STEP_FIELDS - 1, s + 1));
  };

  const save = (publish: boolean) =>
    editor.save(
      publish,
      () => {
        const { payload, firstStep } = check();
        if (!payload && firstStep < STEP_FIELDS) setStep(firstStep);
        return payload;
      },
      (err) => {
        const placed = applyServerError(form, err, t, { mapPath: achievementFieldPath(form.getFieldsValue(true)) });
        const first = placed && form.getFieldsError().find((f) => f.errors.length);
        if (first) setStep(achievementStepOf(first.name));
        return placed;
      },
    );

  const show = (i: number) => ({ display: step === i ? 'block' : 'none' });

  return (
    <Card>
      <EditorHead title={editing ? t('editor.editAchievement') : t('editor.newAchievement')} error={editor.error}>
        <Steps
          current={step}
          onChange={(s) => setStep(s)}
          className="tb-steps"
          items={[{ title: t('editor.stepBasics') }, { title: t('editor.stepIp') }, { title: t('editor.stepModes') }, { title: t('editor.stepConfidential') }]}
        />
      </EditorHead>
      <Form
        form={form}
        layout="vertical"
        name="achievement"
        initialValues={{ modeList: ['license'], terms: { license: { exclusivity: ['non-exclusive'] } }, patents: [] }}
        onFinish={() => void save(false)}
      >
        <div style={show(0)} role="group" aria-label={t('editor.stepBasics')}>
          <ListingTextFields longText="summary" />
          <Row gutter={16}>
            <TaxonomyCol name="field" />
            <Col xs={24} md={12}>
              <Form.Item label={t('listing.trl')} name="trl" required>
                <TrlSelect aria-label={t('listing.trl')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('listing.ipType')} name="ipType" required>
                <IpTypeSelect aria-label={t('listing.ipType')} />
              </Form.Item>
            </Col>
            <TaxonomyCol name="region" />
          </Row>
          <KeywordsField />
        </div>

        <div style={show(1)} role="group" aria-label={t('editor.stepIp')}>
          <Typography.Paragraph type="secondary">{t('editor.patentsHint')}</Typography.Paragraph>
          <Form.List name="patents">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('listing.noPatents')} />}
                {fields.map((f, i) => (
                  <fieldset key={f.key} className="tb-fieldset">
                    <legend>{t('editor.patentN', { n: i + 1 })}</legend>
                    <Row gutter={12}>
                      <Col xs={24} md={8}>
                        <Form.Item label={t('patent.number')} name={[f.name, 'number']} required>
                          <Input placeholder="CN202310123456.7 / ZL202310123456.7" autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={16}>
                        <Form.Item label={t('patent.title')} name={[f.name, 'title']}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item label={t('patent.status')} name={[f.name, 'status']} required initialValue="pending">
                          <Select
                            aria-label={t('patent.status')}
                            options={(['pending', 'granted', 'expired'] as const).map((s) => ({ value: s, label: t(`patent.statuses.${s}`) }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item label={t('patent.expiry')} name={[f.name, 'expiry']}>
                          <DatePicker style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8} className="tb-fieldset-actions">
                        <Button icon={<DeleteOutlined />} danger onClick={() => remove(f.name)} aria-label={t('editor.removePatentN', { n: i + 1 })}>
                          {t('editor.remove')}
                        </Button>
                      </Col>
                    </Row>
                  </fieldset>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ status: 'pending' })} block>
                  {t('editor.addPatent')}
                </Button>
              </>
            )}
          </Form.List>
        </div>

        <div style={show(2)} role="group" aria-label={t('editor.stepModes')}>
          <Form.Item label={t('listing.modes')} name="modeList" required extra={t('editor.modesHint')}>
            <Checkbox.Group options={MODE_ORDER.map((m) => ({ value: m, label: modeName(m, lang) }))} />
          </Form.Item>
          {modeList.includes('license') && (
            <fieldset className="tb-fieldset">
              <legend>{modeName('license', lang)}</legend>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item label={t('terms.upfrontFeeWan')} name={['terms', 'license', 'askingPrice']} extra={t('editor.emptyNegotiable')}>
                    <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('terms.minRoyaltyRate')} name={['terms', 'license', 'minRoyaltyRate']}>
                    <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} suffix="%" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('terms.exclusivity')} name={['terms', 'license', 'exclusivity']}>
                    <Checkbox.Group options={(['exclusive', 'sole', 'non-exclusive'] as const).map((e) => ({ value: e, label: t(`terms.exclusivityKinds.${e}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
            </fieldset>
          )}
          {modeList.includes('transfer') && (
            <fieldset className="tb-fieldset">
              <legend>{modeName('transfer', lang)}</legend>
              <Form.Item label={t('terms.transferPriceWan')} name={['terms', 'transfer', 'askingPrice']} extra={t('editor.emptyNegotiable')}>
                <InputNumber min={0} step={10} style={{ width: '100%', maxWidth: 320 }} suffix={t('common.wan')} />
              </Form.Item>
            </fieldset>
          )}
          {modeList.includes('equity') && (
            <fieldset className="tb-fieldset">
              <legend>{modeName('equity', lang)}</legend>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item label={t('terms.valuationWan')} name={['terms', 'equity', 'valuation']}>
                    <InputNumber min={0} step={10} style={{ width: '100%' }} suffix={t('common.wan')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('terms.maxSharePct')} name={['terms', 'equity', 'maxSharePct']}>
                    <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} suffix="%" />
                  </Form.Item>
                </Col>
              </Row>
            </fieldset>
          )}
        </div>

        <div style={show(3)} role="group" aria-label={t('editor.stepConfidential')}>
          <Alert type="warning" showIcon title={t('editor.confidentialNote')} style={{ marginBottom: 16 }} />
          <Form.Item label={t('editor.detailsZh')} name={['details', 'zh']}>
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('editor.detailsEn')} name={['details', 'en']}>
            <Input.TextArea rows={4} maxLength={20000} lang="en" />
          </Form.Item>
          <Divider />
          <Form.Item label={t('editor.ndaTermsZh')} name={['ndaTerms', 'zh']} extra={t('editor.ndaTermsHint')}>
            <Input.TextArea rows={3} maxLength={10000} />
          </Form.Item>
          <Form.Item label={t('editor.ndaTermsEn')} name={['ndaTerms', 'en']}>
            <Input.TextArea rows={3} maxLength={10000} lang="en" />
          </Form.Item>
        </div>

        <EditorActions
          nav={
            <Space wrap>
              {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{t('editor.prev')}</Button>}
              {step < STEP_FIELDS - 1 && (
                <Button type="primary" onClick={next}>
                  {t('editor.next')}
                </Button>
              )}
            </Space>
          }
          submitLabel={t('editor.saveDraft')}
          status={existing.data?.status}
          busy={busy}
          onPublish={() => void save(true)}
        >
          {editing && existing.data?.status === 'published' && (
            <Button type="primary" loading={busy === 'publish'} onClick={() => void save(false)}>
              {t('editor.saveChanges')}
            </Button>
          )}
        </EditorActions>
      </Form>
    </Card>
  );
}
