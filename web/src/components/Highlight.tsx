import { Fragment, type ReactNode } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** Decodes the few entities the search API's escaping produces; anything else stays literal. */
export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m);
}

/**
 * Splits the API's highlighted text (HTML-escaped, matches wrapped in `<mark>…</mark>`) into text
 * and <mark> elements. Nothing is ever set as HTML: every other tag stays visible text.
 */
export function highlightParts(html: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) parts.push({ text: decodeEntities(html.slice(last, m.index)), mark: false });
    parts.push({ text: decodeEntities(m[1] ?? ''), mark: true });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ text: decodeEntities(html.slice(last)), mark: false });
  return parts;
}

/** Renders highlighted search text safely, or `fallback` when there is no highlight. */
export function Highlight({ html, fallback }: { html?: string | null; fallback?: ReactNode }) {
  if (!html) return <>{fallback}</>;
  return (
    <>
      {highlightParts(html).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </>
  );
}
