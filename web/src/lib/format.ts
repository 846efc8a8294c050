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

/** Fen (integer) → 万元 as a number (1 万元 = 10,000 元 = 1,000,000 fen). */
export const fenToWan = (fen: number) => fen / 1_000_000;
/** 万元 → integer fen. */
export const wanToFen = (wan: number) => Math.round(wan * 1_000_000);
/** Fen (integer) → 元. */
export const fenToYuan = (fen: number) => fen / 100;
/** 元 → integer fen. */
export const yuanToFen = (yuan: number) => Math.round(yuan * 100);

/** A money amount: "80 万元" in Chinese, "CN¥800K" in English. */
export function formatWan(fen: number | null | undefined, lang: Lang): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  if (lang === 'zh') {
    return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fenToWan(fen))} 万元`;
  }
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(
    fenToYuan(fen),
  );
}

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
