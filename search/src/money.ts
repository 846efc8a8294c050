// Money is an integer number of fen everywhere on the platform: 1 元 = 100 fen, 1 万元 = 10,000 元
// = 1,000,000 fen. This module is the one conversion between fen and what people type and read
// (元, 万元). It lives in @techbridge/search because the matcher writes amounts into match reasons
// and search may not import the api; the api's contract re-exports it for web/ and seed/. Pure: no
// imports, so Vite bundles it as it is.

export const FEN_PER_YUAN = 100;
export const YUAN_PER_WAN = 10_000;
export const FEN_PER_WAN = FEN_PER_YUAN * YUAN_PER_WAN;
/** The largest amount accepted anywhere (a listing's price, a budget, a search bound): 10^13 fen = 1000 亿元. */
export const MAX_FEN = 10_000_000_000_000;

export type MoneyLang = 'zh' | 'en';

/**
 * `amount` × 10^digits as an integer, rounded half away from zero. The shift is done on the decimal
 * text, so 1.005 元 is 101 fen rather than the 100 that `Math.round(1.005 * 100)` gives. Exact
 * while the result is a safe integer (up to 9×10^15 fen); beyond that it is the nearest double,
 * which every validator's maximum (MAX_FEN, 10^13) rejects with a message for the field.
 */
function shiftToFen(amount: number, digits: number, unit: string): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new RangeError(`Not an amount of ${unit}: ${String(amount)}`);
  const [mantissa, exponent = '0'] = String(Math.abs(amount)).split('e');
  const fen = Math.sign(amount) * Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  if (!Number.isFinite(fen)) throw new RangeError(`Too large an amount of ${unit}: ${amount}`);
  return fen === 0 ? 0 : fen; // never -0
}

function fenAmount(fen: number): number {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) throw new RangeError(`Not an amount of fen: ${String(fen)}`);
  return fen;
}

/** 元 → integer fen, rounded half away from zero; RangeError for anything but a finite number. */
export const yuanToFen = (yuan: number): number => shiftToFen(yuan, 2, '元');

/** 万元 → integer fen: wanToFen(80) = 80,000,000; rounded and checked as yuanToFen. */
export const wanToFen = (wan: number): number => shiftToFen(wan, 6, '万元');

/** Fen → 元 (12,345 → 123.45); RangeError for anything but a finite number. */
export const fenToYuan = (fen: number): number => fenAmount(fen) / FEN_PER_YUAN;

/** Fen → 万元 (80,000,000 → 80); RangeError for anything but a finite number. */
export const fenToWan = (fen: number): number => fenAmount(fen) / FEN_PER_WAN;

/**
 * An amount typed as text in 元 — thousands separators, an optional `万` and a trailing `元`
 * allowed ("500000", "500,000.50", "50万", "50万元") — as integer fen; undefined when it is not an
 * amount, negative, finer than a fen or too large.
 */
export function parseYuan(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?(万)?$/.exec(text.replace(/[,，\s]/g, '').replace(/元$/, ''));
  if (!m) return undefined;
  const digits = m[3] ? 6 : 2;
  const fraction = m[2] ?? '';
  if (/[^0]/.test(fraction.slice(digits))) return undefined; // finer than a fen
  // decimal text to fen without floating point: the whole part and the fraction padded to the unit
  const fen = Number(`${m[1]}${fraction.slice(0, digits).padEnd(digits, '0')}`);
  return Number.isSafeInteger(fen) ? fen : undefined;
}

// ---------------------------------------------------------------------------------------------
// Display. Two styles: the UI's (locale-formatted, grouped: "1,250 万元" / "CN¥12.5M") and the
// plain text stored in match reasons ("1250 万元", "1.2 亿元" / "¥12.5M").

/** An amount in fen for the UI: "80 万元" in Chinese, "CN¥800K" in English; '' for null/undefined/NaN. */
export function formatWan(fen: number | null | undefined, lang: MoneyLang): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  if (lang === 'zh') return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fen / FEN_PER_WAN)} 万元`;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(
    fen / FEN_PER_YUAN,
  );
}

const trim = (n: number, digits = 2) => Number(n.toFixed(digits)).toString();

/** Fen as a number of 万元 ("80", "12.5"), without the unit. */
export function fenToWanText(fen: number): string {
  return trim(fen / FEN_PER_WAN);
}

/** Fen as Chinese money text: "80 万元", "1.2 亿元", "5000 元". */
export function formatFenZh(fen: number): string {
  const yuan = fen / FEN_PER_YUAN;
  if (yuan >= 1e8) return `${trim(yuan / 1e8)} 亿元`;
  if (yuan >= YUAN_PER_WAN) return `${fenToWanText(fen)} 万元`;
  return `${trim(yuan)} 元`;
}

function shortYuan(fen: number): string {
  const yuan = fen / FEN_PER_YUAN;
  if (yuan >= 1e9) return `${trim(yuan / 1e9)}B`;
  if (yuan >= 1e6) return `${trim(yuan / 1e6)}M`;
  if (yuan >= 1e3) return `${trim(yuan / 1e3)}k`;
  return trim(yuan);
}

/** Fen as short English money text: "¥800k", "¥1.5M". */
export function formatFenEn(fen: number): string {
  return `¥${shortYuan(fen)}`;
}

/** A budget range in both languages: "50–100 万元" / "¥500k–1M", or an open-ended bound. */
export function formatBudget(min: number | undefined, max: number | undefined): { zh: string; en: string } {
  if (min !== undefined && max !== undefined) {
    const zh = max >= 1e10 || min >= 1e10 ? `${formatFenZh(min)}–${formatFenZh(max)}` : `${fenToWanText(min)}–${fenToWanText(max)} 万元`;
    return { zh, en: `¥${shortYuan(min)}–${shortYuan(max)}` };
  }
  if (min !== undefined) return { zh: `不低于 ${formatFenZh(min)}`, en: `≥ ${formatFenEn(min)}` };
  if (max !== undefined) return { zh: `不超过 ${formatFenZh(max)}`, en: `≤ ${formatFenEn(max)}` };
  return { zh: '不限', en: 'open' };
}
