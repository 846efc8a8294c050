import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zh from './locales/zh.json';
import type { Lang } from './lib/format';

export const LANG_KEY = 'tb.lang';

/** The language chosen before (localStorage), Chinese by default. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh } },
  lng: storedLang(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

let enLoaded: Promise<void> | null = null;

/** English texts are a separate chunk: Chinese readers never download them. */
export function loadLang(lang: Lang): Promise<void> {
  if (lang === 'zh') return Promise.resolve();
  enLoaded ??= import('./locales/en.json').then((m) => {
    i18n.addResourceBundle('en', 'translation', m.default, true, true);
  });
  return enLoaded;
}

/** Switches the UI language once its texts are there. */
export async function changeLang(lang: Lang): Promise<void> {
  await loadLang(lang);
  await i18n.changeLanguage(lang);
}

/** Keeps <html lang> true for screen readers and fonts. */
const syncHtmlLang = (lng: string) => document.documentElement.setAttribute('lang', lng === 'en' ? 'en' : 'zh-CN');
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

export default i18n;
