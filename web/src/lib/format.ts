import { fieldLabel, ipTypeLabel, modeLabel, regionLabel, type Label } from '@techbridge/search/taxonomy';

export type Lang = 'zh' | 'en';

export interface Localized {
  zh?: string | null;
  en?: string | null;
}

/** The text in the wanted language, falling back to the other one. */
export function pick(text: Localized | null | undefined, lang: Lang): string {
  if (!text) return '';
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (text[lang] || text[other] || '').trim();
}

const label = (l: Label | undefined, code: string, lang: Lang) => (l ? l[lang] : code);
export const fieldName = (code: string, lang: Lang) => label(fieldLabel(code), code, lang);
export const regionName = (code: string, lang: Lang) => label(regionLabel(code), code, lang);
export const modeName = (code: string, lang: Lang) => label(modeLabel(code), code, lang);
export const ipTypeName = (code: string, lang: Lang) => label(ipTypeLabel(code), code, lang);

/** A date (ISO string or epoch ms) in the user's language. */
export function formatDate(value: string | number | Date | null | undefined, lang: Lang, withTime = false): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(d);
}
