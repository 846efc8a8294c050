import type { IncomingHttpHeaders } from 'node:http';
import type { Lang } from './messages';

export type { Lang } from './messages';

/**
 * The language a request is answered in: the first of zh/en its `Accept-Language` prefers (web/
 * sends the page's language), else the signed-in user's `locale`, else Chinese — the platform's
 * first language.
 */
export function requestLang(req: { headers: IncomingHttpHeaders; user?: unknown }): Lang {
  return fromAcceptLanguage(req.headers['accept-language']) ?? localeOf(req.user) ?? 'zh';
}

/** zh or en from an `Accept-Language` value, by quality then order; null when it names neither. */
export function fromAcceptLanguage(header: string | string[] | undefined): Lang | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return null;
  const ranked = value
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return null;
}

const localeOf = (user: unknown): Lang | null => {
  const l = (user as { locale?: unknown } | undefined)?.locale;
  return l === 'en' || l === 'zh' ? l : null;
};

/**
 * A socket's language: what the page said at connect (`auth.lang`, web/ sends its language), else
 * the handshake's `Accept-Language`, else the user's locale, else Chinese.
 */
export function socketLang(socket: { handshake: { auth?: unknown; headers: IncomingHttpHeaders }; data?: { user?: unknown } }): Lang {
  const asked = (socket.handshake.auth as { lang?: unknown } | undefined)?.lang;
  if (asked === 'zh' || asked === 'en') return asked;
  return requestLang({ headers: socket.handshake.headers, user: socket.data?.user });
}
