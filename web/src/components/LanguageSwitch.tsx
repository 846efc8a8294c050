import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useLang } from '../lib/hooks';

const OPTIONS = [
  { value: 'zh', label: '中文', lang: 'zh-CN' },
  { value: 'en', label: 'EN', lang: 'en' },
] as const;

/**
 * 中文 / EN switch (drawn like Ant Design's small Segmented, two radio buttons); remembered in
 * localStorage and, when signed in, on the account.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setLang } = useAuth();
  return (
    <div className="tb-seg" role="radiogroup" aria-label={t('nav.language')} data-testid="lang-switch">
      {OPTIONS.map((o) => (
        <label key={o.value} className={lang === o.value ? 'tb-seg-on' : undefined}>
          <input type="radio" name="tb-lang" value={o.value} checked={lang === o.value} onChange={() => void setLang(o.value)} />
          <span lang={o.lang}>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
