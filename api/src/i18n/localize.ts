/**
 * Puts a refusal into the request's language. Services throw `AppError`s worded in English; this
 * finds the sentence in the catalogue (`messages.ts`) by its English form, fills in the values it
 * carried (translating known words) and renders it in Chinese — or, for a code or status the
 * catalogue only knows as a whole, says what that code means. zod's own wording ("Too small: …")
 * never reaches a client: each issue is worded from its kind and bounds, naming its field.
 */
import { CODE_MESSAGES, FIELD_LABELS, STATUS_MESSAGES, TEXTS, WORDS, ZOD_MESSAGES, type Lang, type Text } from './messages';

/** What `fromZod` keeps of one zod issue, to word it in either language. */
export interface IssueFacts {
  field: string;
  code?: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  origin?: string;
  format?: string;
  divisor?: number;
  values?: readonly unknown[];
  missing?: boolean;
}

interface Compiled {
  text: Text;
  pattern: RegExp;
  names: string[];
}

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** `{name}` placeholders → a pattern that captures each. */
function compile(text: Text): Compiled {
  const names: string[] = [];
  const source = text.en
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]!);
      return '(.+?)';
    })
    .join('');
  return { text, pattern: new RegExp(`^${source}$`, 's'), names };
}

const COMPILED = TEXTS.map(compile);

/** Fills `{name}`s; in Chinese, known words are translated. */
export function render(template: string, values: Record<string, string>, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name] ?? '';
    return lang === 'zh' ? (WORDS[v] ?? v) : v;
  });
}

/** The catalogue's sentence for an English message in `lang`, or null when it has none. */
export function translateText(message: string, lang: Lang): string | null {
  for (const c of COMPILED) {
    const m = c.pattern.exec(message);
    if (!m) continue;
    const values = Object.fromEntries(c.names.map((n, i) => [n, m[i + 1]!]));
    return render(c.text[lang], values, lang);
  }
  return null;
}

/** A field's name as a message states it: its path, in Chinese with the field's name first. */
export function fieldLabel(field: string, lang: Lang): string {
  if (lang === 'en') return field;
  const label = FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.')[0]!];
  return label ? `${label}（${field}）` : field;
}

const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

/** One zod issue's message (without its field) in `lang`. */
export function issueMessage(issue: IssueFacts, lang: Lang): string {
  const own = translateText(issue.message, lang);
  if (own) return own;
  // a rule's own English words that the catalogue lacks: English as written, Chinese by its kind
  if (lang === 'en' && !ZOD_DEFAULT.test(issue.message)) return issue.message;
  const say = (key: string, values: Record<string, string> = {}) => render(ZOD_MESSAGES[key]![lang], values, 'en');
  const n = String(issue.minimum ?? issue.maximum ?? '');
  const many = issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(n) <= 1 ? say('nonEmpty') : say('minChars', { n });
      if (many) return say('minItems', { n });
      return issue.inclusive === false ? say('more', { n }) : say('min', { n });
    case 'too_big':
      if (issue.origin === 'string') return say('maxChars', { n });
      if (many) return say('maxItems', { n });
      return issue.inclusive === false ? say('less', { n }) : say('max', { n });
    case 'invalid_format':
      return issue.format === 'email' ? say('email') : say('format');
    case 'invalid_type':
      return issue.missing ? say('required') : say('type');
    case 'invalid_value':
      if (issue.missing) return say('required');
      return issue.values?.length
        ? say('choice', { values: issue.values.slice(0, 8).map(String).join(', ') + (issue.values.length > 8 ? ', …' : '') })
        : say('invalid');
    case 'unrecognized_keys':
      return say('unknownField');
    case 'not_multiple_of':
      return say('multipleOf', { n: String(issue.divisor ?? '') });
    default:
      return say('invalid');
  }
}

/** `field: message` in `lang`. */
export const withField = (field: string, message: string, lang: Lang) =>
  lang === 'zh' ? `${fieldLabel(field, lang)}：${message}` : `${field}: ${message}`;

/** The message of a refusal with no zod issues behind it, in `lang`. */
export function errorMessage(e: { status: number; code: string; message: string; field?: string }, lang: Lang): string {
  const whole = translateText(e.message, lang);
  if (whole) return whole;
  // "file: must be at most 10 MB" — a field's problem stated by a service
  const prefixed = /^([\w.-]+): (.+)$/s.exec(e.message);
  if (prefixed) {
    const rest = translateText(prefixed[2]!, lang);
    if (rest) return withField(prefixed[1]!, rest, lang);
  }
  if (lang === 'en') return e.message;
  const byCode = CODE_MESSAGES[e.code] ?? STATUS_MESSAGES[e.status];
  if (byCode) return prefixed && e.code === 'validation_failed' ? withField(prefixed[1]!, byCode.zh, lang) : byCode.zh;
  return e.status >= 500 ? CODE_MESSAGES.internal!.zh : CODE_MESSAGES.bad_request!.zh;
}
