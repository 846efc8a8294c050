import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Divider, Empty, Form, Input, InputNumber, Row, Select, Space, Steps, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AchievementInput } from '@techbridge/api/schemas';
import { api } from '../api/client';
import type { Achievement } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, PageLoading } from '../components/States';
import { FieldSelect, IpTypeSelect, RegionSelect, TrlSelect } from '../components/TaxonomyFields';
import { applyServerError, issueText, type Path } from '../lib/form';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { modeName } from '../lib/format';
import {
  MODE_ORDER,
  achievementFieldPath,
  achievementFormValues,
  achievementPayload,
  achievementStepOf,
  type AchievementFormValues,
} from '../lib/listingForm';

const STEP_FIELDS = 4;

/** Post or edit an achievement in four steps: basics, IP, deal modes with terms, confidential details. */
export default function AchievementEdit() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { org } = useAuth();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const existing = useRequest(() => api.get<Achievement>(`/api/achievements/${id}`), [id], editing);
  const modeList: string[] = Form.useWatch('modeList', form) ?? [];

  useEffect(() => {
    if (existing.data) form.setFieldsValue(achievementFormValues(existing.data));
  }, [existing.data, form]);

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

  const save = async (publish: boolean) => {
    setError(null);
    const { payload, firstStep } = check();
    if (!payload) {
      if (firstStep < STEP_FIELDS) setStep(firstStep);
      return;
    }
    setBusy(publish ? 'publish' : 'save');
    let saved: Achievement | null = null;
    try {
      saved = editing
        ? await api.patch<Achievement>(`/api/achievements/${id}`, { ...payload, version: existing.data!.version })
        : await api.post<Achievement>('/api/achievements', payload);
      if (publish && saved.status !== 'published') saved = await api.post<Achievement>(`/api/achievements/${saved.id}/publish`, { version: saved.version });
      message.success(publish ? t('editor.published') : t('editor.saved'));
      navigate(`/achievements/${saved.id}`);
    } catch (err) {
      if (saved) {
        // saved, but publishing failed (e.g. the organisation is not verified yet)
        message.warning(t('editor.savedNotPublished', { reason: errorText(t, err) }));
        navigate(`/achievements/${saved.id}`);
        return;
      }
      const placed = applyServerError(form, err, t, { mapPath: achievementFieldPath(form.getFieldsValue(true)) });
      if (placed) {
        const first = form.getFieldsError().find((f) => f.errors.length);
        if (first) setStep(achievementStepOf(first.name));
      } else setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const show = (i: number) => ({ display: step === i ? 'block' : 'none' });

  return (
    <Card>
      <Typography.Title level={2}>{editing ? t('editor.editAchievement') : t('editor.newAchievement')}</Typography.Title>
      {!org?.verified && <Alert type="info" showIcon title={t('editor.unverifiedNote')} style={{ marginBottom: 16 }} />}
      <Steps
        current={step}
        onChange={(s) => setStep(s)}
        className="tb-steps"
        items={[{ title: t('editor.stepBasics') }, { title: t('editor.stepIp') }, { title: t('editor.stepModes') }, { title: t('editor.stepConfidential') }]}
      />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form
        form={form}
        layout="vertical"
        name="achievement"
        initialValues={{ modeList: ['license'], terms: { license: { exclusivity: ['non-exclusive'] } }, patents: [] }}
        onFinish={() => void save(false)}
      >
        <div style={show(0)} role="group" aria-label={t('editor.stepBasics')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('editor.titleZh')} name={['title', 'zh']} required>
                <Input maxLength={200} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('editor.titleEn')} name={['title', 'en']}>
                <Input maxLength={200} lang="en" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('editor.summaryZh')} name={['summary', 'zh']} required extra={t('editor.summaryHint')}>
            <Input.TextArea rows={4} maxLength={3000} showCount />
          </Form.Item>
          <Form.Item label={t('editor.summaryEn')} name={['summary', 'en']}>
            <Input.TextArea rows={3} maxLength={3000} lang="en" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('listing.field')} name="field" required>
                <FieldSelect aria-label={t('listing.field')} />
              </Form.Item>
            </Col>
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
            <Col xs={24} md={12}>
              <Form.Item label={t('org.region')} name="region" required>
                <RegionSelect aria-label={t('org.region')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('listing.keywords')} name="keywords" extra={t('editor.keywordsHint')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} aria-label={t('listing.keywords')} suffixIcon={null} />
          </Form.Item>
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

        <Divider />
        <div className="tb-form-actions">
          <Space wrap>
            {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{t('editor.prev')}</Button>}
            {step < STEP_FIELDS - 1 && (
              <Button type="primary" onClick={next}>
                {t('editor.next')}
              </Button>
            )}
          </Space>
          <Space wrap>
            <Button htmlType="submit" loading={busy === 'save'}>
              {t('editor.saveDraft')}
            </Button>
            {(!editing || existing.data?.status === 'draft') && (
              <Button type="primary" loading={busy === 'publish'} onClick={() => void save(true)} disabled={!org?.verified}>
                {t('editor.saveAndPublish')}
              </Button>
            )}
            {editing && existing.data?.status === 'published' && (
              <Button type="primary" loading={busy === 'publish'} onClick={() => void save(false)}>
                {t('editor.saveChanges')}
              </Button>
            )}
          </Space>
        </div>
      </Form>
    </Card>
  );
}
