/**
 * Highlighting helpers shared by both engines: output is always HTML-escaped text whose only markup
 * is `<mark>…</mark>` around matched words, so the web app can render it as HTML safely.
 */
import { tokenizeWithOffsets } from './tokenizer';

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
export function highlightText(text: string, terms: ReadonlySet<string>): string {
  const spans: [number, number][] = [];
  for (const tok of tokenizeWithOffsets(text)) {
    if (!terms.has(tok.term)) continue;
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
