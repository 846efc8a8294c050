import { Col, Form, Input, Row, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FieldSelect, RegionSelect } from './TaxonomyFields';

// Chinese and Latin commas and semicolons, and the enumeration comma, all end a keyword.
const KEYWORD_SEPARATORS = [',', '，', '、', ';', '；'];

type LongText = 'summary' | 'description';

/** The labels, rows (of the Chinese text) and longest length (as in the API's schema) of each listing's long text. */
function longTextSpec(t: TFunction, name: LongText) {
  return name === 'summary'
    ? { zh: t('editor.summaryZh'), en: t('editor.summaryEn'), hint: t('editor.summaryHint'), rows: 4, maxLength: 3000 }
    : { zh: t('editor.descriptionZh'), en: t('editor.descriptionEn'), hint: t('editor.descriptionHint'), rows: 5, maxLength: 5000 };
}

/**
 * A listing's words: its title, then its long text (an achievement's summary, a demand's
 * description); each in Chinese (required) and English.
 */
export function ListingTextFields({ longText }: { longText: LongText }) {
  const { t } = useTranslation();
  const text = longTextSpec(t, longText);
  return (
    <>
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
      <Form.Item label={text.zh} name={[longText, 'zh']} required extra={text.hint}>
        <Input.TextArea rows={text.rows} maxLength={text.maxLength} showCount />
      </Form.Item>
      <Form.Item label={text.en} name={[longText, 'en']}>
        <Input.TextArea rows={3} maxLength={text.maxLength} lang="en" />
      </Form.Item>
    </>
  );
}

/** The listing's technology field or province, a required select half a row wide (inside a `Row`). */
export function TaxonomyCol({ name }: { name: 'field' | 'region' }) {
  const { t } = useTranslation();
  const label = name === 'field' ? t('listing.field') : t('org.region');
  const Choice = name === 'field' ? FieldSelect : RegionSelect;
  return (
    <Col xs={24} md={12}>
      <Form.Item label={label} name={name} required>
        <Choice aria-label={label} />
      </Form.Item>
    </Col>
  );
}

/** Free keywords typed as tags. */
export function KeywordsField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('listing.keywords')} name="keywords" extra={t('editor.keywordsHint')}>
      <Select mode="tags" tokenSeparators={KEYWORD_SEPARATORS} open={false} aria-label={t('listing.keywords')} suffixIcon={null} />
    </Form.Item>
  );
}
