import SafetyCertificateFilled from '@ant-design/icons-svg/es/asn/SafetyCertificateFilled';
import EnvironmentOutlined from '@ant-design/icons-svg/es/asn/EnvironmentOutlined';
import CalendarOutlined from '@ant-design/icons-svg/es/asn/CalendarOutlined';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Achievement, Demand } from '../api/types';
import { formatWan } from '@techbridge/api/contract';
import { fieldName, formatDate, ipTypeName, modeName, pick, regionName } from '../lib/format';
import { useLang } from '../lib/hooks';
import { Highlight } from './Highlight';
import { Chip, Icon } from './plain';

// Plain elements (no Ant Design): the home page's results are drawn before antd is loaded.

const hl = (h: Record<string, string> | undefined, base: string, lang: 'zh' | 'en') => h?.[`${base}.${lang}`] || h?.[`${base}.${lang === 'zh' ? 'en' : 'zh'}`];

/** A tag row shared by listings: field, TRL, modes. */
export function ListingTags({ field, trl, modes, extra }: { field: string; trl?: number | null; modes: string[]; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="tb-tags">
      <Chip color="blue">{fieldName(field, lang)}</Chip>
      {trl ? (
        <Chip color="green" title={t('listing.trlHelp')}>
          TRL {trl}
        </Chip>
      ) : null}
      {modes.map((m) => (
        <Chip color="purple" key={m}>
          {modeName(m, lang)}
        </Chip>
      ))}
      {extra}
    </div>
  );
}

/** One achievement in a list: highlighted title and summary, org, tags and the asking price in 万元. */
export function AchievementCard({ doc, highlights }: { doc: Achievement; highlights?: Record<string, string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const title = pick(doc.title, lang);
  return (
    <article className="tb-listing tb-panel" data-testid="listing-card">
      <div className="tb-listing-main">
        <div className="tb-listing-body">
          <h3 className="tb-listing-title">
            <Link to={`/achievements/${doc.id}`}>
              <Highlight html={hl(highlights, 'title', lang)} fallback={title} />
            </Link>
          </h3>
          <div className="tb-listing-meta">
            {doc.org.name ? (
              <span>
                {pick(doc.org.name, lang)} {doc.org.verified && <Icon def={SafetyCertificateFilled} className="tb-verified" label={t('org.verified')} />}
              </span>
            ) : null}
            <span>
              <Icon def={EnvironmentOutlined} /> {regionName(doc.region, lang)}
            </span>
            <span>{ipTypeName(doc.ipType, lang)}</span>
          </div>
          <p className="tb-listing-summary">
            <Highlight html={hl(highlights, 'summary', lang)} fallback={pick(doc.summary, lang)} />
          </p>
          <ListingTags field={doc.field} trl={doc.trl} modes={doc.modes.map((m) => m.mode)} />
        </div>
        <div className="tb-listing-price" aria-label={t('listing.askingPrice')}>
          {doc.askingPrice ? <span className="tb-price">{formatWan(doc.askingPrice, lang)}</span> : <span className="tb-price-neg">{t('listing.negotiable')}</span>}
        </div>
      </div>
    </article>
  );
}

/** A budget range "50–100 万元". */
export function budgetText(min: number | null | undefined, max: number | null | undefined, lang: 'zh' | 'en', negotiable: string): string {
  if (min && max) return lang === 'zh' ? `${formatWan(min, lang).replace(' 万元', '')}–${formatWan(max, lang)}` : `${formatWan(min, lang)}–${formatWan(max, lang)}`;
  if (max) return `≤ ${formatWan(max, lang)}`;
  if (min) return `≥ ${formatWan(min, lang)}`;
  return negotiable;
}

/** One demand in a list: title, (possibly anonymous) enterprise, budget, deadline, wanted modes. */
export function DemandCard({ doc, highlights }: { doc: Demand; highlights?: Record<string, string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="tb-listing tb-panel" data-testid="listing-card">
      <div className="tb-listing-main">
        <div className="tb-listing-body">
          <h3 className="tb-listing-title">
            <Link to={`/demands/${doc.id}`}>
              <Highlight html={hl(highlights, 'title', lang)} fallback={pick(doc.title, lang)} />
            </Link>
          </h3>
          <div className="tb-listing-meta">
            <span>{doc.org?.name ? pick(doc.org.name, lang) : t('demand.anonymousOrg')}</span>
            <span>
              <Icon def={EnvironmentOutlined} /> {regionName(doc.region, lang)}
            </span>
            {doc.deadline ? (
              <span>
                <Icon def={CalendarOutlined} /> {t('demand.deadlineOn', { date: formatDate(doc.deadline, lang) })}
              </span>
            ) : null}
          </div>
          <p className="tb-listing-summary">
            <Highlight html={hl(highlights, 'description', lang)} fallback={pick(doc.description, lang)} />
          </p>
          <ListingTags
            field={doc.field}
            modes={doc.modes}
            extra={doc.minTrl ? <Chip color="green">{t('demand.minTrlTag', { n: doc.minTrl })}</Chip> : null}
          />
        </div>
        <div className="tb-listing-price" aria-label={t('demand.budget')}>
          <span className="tb-price-label">{t('demand.budget')}</span>
          <span className="tb-price">{budgetText(doc.budgetMin, doc.budgetMax, lang, t('listing.negotiable'))}</span>
        </div>
      </div>
    </article>
  );
}
