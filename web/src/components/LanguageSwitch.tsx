import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { useLang } from '../lib/hooks';

/** 中文 / EN switch; remembered in localStorage and, when signed in, on the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setLang } = useAuth();
  return (
    <Segmented
      size="small"
      aria-label={t('nav.language')}
      data-testid="lang-switch"
      value={lang}
      onChange={(v) => void setLang(v === 'en' ? 'en' : 'zh')}
      options={[
        { value: 'zh', label: <span lang="zh-CN">中文</span> },
        { value: 'en', label: <span lang="en">EN</span> },
      ]}
    />
  );
}
