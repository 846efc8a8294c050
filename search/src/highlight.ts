/**
 * Highlighting helpers shared by both engines: output is always HTML-escaped text whose only markup
 * is `<mark>…</mark>` around matched words, so the web app can render it as HTML safely.
 */
import { expandSynonyms } from './synonyms';
import { isLatinWord, normalize, tokenize, tokenizeWithOffsets, typoBudget } from './tokenizer';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Longest text returned whole; longer texts are cropped around the first match. */
export const CROP_THRESHOLD = 240;
const CROP_BEFORE = 40;
const CROP_LENGTH = 200;

/**
 * Wraps every token of `text` whose normalised term is in `terms` in `<mark>`, merging adjacent
 * matches (锂|电池 → <mark>锂电池</mark>), and crops long text around the first match.
 */
export function highlightText(text: string, terms: ReadonlySet<string> | ((term: string) => boolean)): string {
  const matches = typeof terms === 'function' ? terms : (t: string) => terms.has(t);
  const spans: [number, number][] = [];
  // Segmenting is the expensive part; skip it when no term occurs in the text at all.
  const lower = typeof terms === 'function' ? '' : normalize(text);
  const worthIt = typeof terms === 'function' || [...terms].some((t) => lower.includes(t));
  for (const tok of worthIt ? tokenizeWithOffsets(text) : []) {
    if (!matches(tok.term)) continue;
    const last = spans[spans.length - 1];
    if (last && last[1] === tok.start) last[1] = tok.end;
    else spans.push([tok.start, tok.end]);
  }
  let from = 0;
  let to = text.length;
  if (text.length > CROP_THRESHOLD) {
    const first = spans[0]?.[0] ?? 0;
    from = Math.max(0, first - CROP_BEFORE);
    to = Math.min(text.length, from + CROP_LENGTH);
  }
  let out = from > 0 ? '…' : '';
  let pos = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    out += escapeHtml(text.slice(pos, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    pos = end;
  }
  out += escapeHtml(text.slice(pos, to));
  if (to < text.length) out += '…';
  return out;
}

/** Whether `a` and `b` are at most one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Which document words a query matches, for engines that do not report it in our tokenisation:
 * the query's words and their synonyms, one typo for Latin words of 5+ letters, and the last
 * Latin word (3+ letters) as a prefix.
 */
export function queryMatcher(text: string): (term: string) => boolean {
  const terms = tokenize(text);
  const exact = new Set<string>();
  for (const g of expandSynonyms(terms)) for (const alt of g.alternatives) for (const t of alt) exact.add(t);
  const fuzzy = [...exact].filter((t) => typoBudget(t) === 1);
  const last = terms[terms.length - 1];
  const prefix = last && isLatinWord(last) && last.length >= 3 ? last : undefined;
  return (term) =>
    exact.has(term) ||
    (prefix !== undefined && term.startsWith(prefix)) ||
    (typoBudget(term) === 1 && fuzzy.some((q) => withinOneEdit(q, term)));
}
