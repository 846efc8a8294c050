import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import type { z } from 'zod';
import { formatWan } from '@techbridge/api/contract';
import { ApiError, type ErrorIssue } from '../api/client';

export type Path = (string | number)[];

interface IssueLike {
  code?: string;
  message: string;
  path?: readonly PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  input?: unknown;
}

const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

/** A server or schema message in the UI language (the schemas' own texts are English). */
export function translateMessage(t: TFunction, message: string): string | null {
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  // messages carrying amounts read in 万元 in both languages
  const sum = /^payments add up to (\d+) fen but the price is (\d+) fen$/.exec(message);
  if (sum) return t('validation.scheduleSum', { sum: formatWan(Number(sum[1]), lang), price: formatWan(Number(sum[2]), lang) });
  if (lang === 'en') return ZOD_DEFAULT.test(message) ? null : message;
  const known = i18n.getResource('zh', 'translation', 'serverMessages') as Record<string, string> | undefined;
  if (known?.[message]) return known[message];
  const chars = /^must be at (least|most) (\d+) characters$/.exec(message);
  if (chars) return t(chars[1] === 'least' ? 'validation.minChars' : 'validation.maxChars', { n: Number(chars[2]) });
  const num = /^must be (at least|at most|≥|≤) (-?[\d.]+)$/.exec(message);
  if (num) return t(num[1] === 'at least' || num[1] === '≥' ? 'validation.min' : 'validation.max', { n: Number(num[2]) });
  const check = /^check digit is (\w) but the number gives (\w)$/.exec(message);
  if (check) return t('validation.patentCheck', { got: check[1], want: check[2] });
  const year = /^filing year (\d+) is not plausible$/.exec(message);
  if (year) return t('validation.patentYear', { year: year[1] });
  const digit = /^type digit (\d) is not 1/.exec(message);
  if (digit) return t('validation.patentType', { digit: digit[1] });
  const zl = /^a (granted|expired) patent is written with ZL \((ZL[\d.X]+)\)$/.exec(message);
  if (zl) return t('validation.patentZl', { number: zl[2] });
  const typeMismatch = /^type digit (\d) is a ([\w-]+) number, but the listing's ipType is ([\w-]+)$/.exec(message);
  if (typeMismatch) return t('validation.patentTypeMismatch', { digit: typeMismatch[1] });
  if (/listing carries no patents/.test(message)) return t('validation.noPatentsForType');
  return null;
}

/** The text to show for one zod issue, in the UI language. */
export function issueText(t: TFunction, issue: IssueLike): string {
  const own = translateMessage(t, issue.message);
  if (own) return own;
  const n = Number(issue.minimum ?? issue.maximum);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return n <= 1 ? t('validation.required') : t('validation.minChars', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.minItems', { n });
      return t('validation.min', { n });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxChars', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.maxItems', { n });
      return t('validation.max', { n });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || /received undefined/.test(issue.message)
        ? t('validation.required')
        : t('validation.type');
    case 'invalid_value':
      return t('validation.choice');
    case 'unrecognized_keys':
      return t('validation.unknownField');
    case 'custom':
      // a rule written for this schema: its own words are more useful than a generic text
      return issue.message;
    default:
      return t('validation.invalid');
  }
}

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) =>
  a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

/** `a.b.0` → ['a', 'b', 0] */
export function toPath(field: string): Path {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Parses the payload built from the form with the shared zod schema; on failure marks the fields
 * and returns null. `mapPath` turns a schema path into the form's name path when they differ.
 */
export function validateForm<S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  payload: unknown,
  t: TFunction,
  mapPath: (p: Path) => Path | null = (p) => p,
): z.infer<S> | null {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const byField = new Map<string, { name: Path; errors: string[] }>();
  for (const issue of r.error.issues) {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...(issue.keys ?? []).slice(0, 1)] : issue.path;
    const name = mapPath(path.map((p) => (typeof p === 'number' ? p : String(p))));
    if (!name) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issueText(t, issue as unknown as IssueLike));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.errors.slice(0, 1) })));
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return null;
}

/** An antd rule that checks one field with the shared schema (the whole form is parsed, this field's issues shown). */
export function zodRule<S extends z.ZodType>(
  schema: S,
  name: Path,
  toPayload: (values: Record<string, unknown>) => unknown,
  t: TFunction,
): Rule {
  return (form) => ({
    validator: async () => {
      const r = schema.safeParse(toPayload(form.getFieldsValue(true) as Record<string, unknown>));
      if (r.success) return;
      const issue = r.error.issues.find((i) => samePath(i.path, name));
      if (issue) throw new Error(issueText(t, issue as unknown as IssueLike));
    },
  });
}

/**
 * Puts a server error on the form fields it names (`error.field`, or every issue in `details`).
 * `codeFields` places field-less errors by code (e.g. `email_taken` → email). Returns true when
 * something was placed on a field; otherwise the caller shows the error above the form.
 */
export function applyServerError(
  form: FormInstance,
  err: unknown,
  t: TFunction,
  opts: { mapPath?: (p: Path) => Path | null; codeFields?: Record<string, string>; fields?: string[] } = {},
): boolean {
  if (!(err instanceof ApiError)) return false;
  const mapPath = opts.mapPath ?? ((p: Path) => p);
  let issues: ErrorIssue[] = err.issues;
  const byCode = opts.codeFields?.[err.code];
  if (!issues.length && byCode) issues = [{ field: byCode, message: err.message, code: err.code }];
  const placed: { name: Path; errors: string[] }[] = [];
  for (const issue of issues) {
    const name = mapPath(toPath(issue.field));
    if (!name) continue;
    const known = opts.fields ? opts.fields.includes(name.join('.')) : form.getFieldInstance(name) !== undefined;
    if (!known) continue;
    const codeKey = `errors.${issue.code ?? ''}`;
    // the server words each issue in the page's language (the client sends it as Accept-Language)
    const own = issue.message.replace(/^[\w.-]+: |^[^：]*[（(][\w.-]+[）)]：|^[\w.-]+：/, '');
    const text =
      (issue.code && i18n.exists(codeKey) ? t(codeKey) : null) ??
      translateMessage(t, own) ??
      (own || issueText(t, { code: issue.code, message: issue.message }));
    placed.push({ name, errors: [text] });
  }
  if (!placed.length) return false;
  form.setFields(placed);
  form.scrollToField(placed[0]!.name, { block: 'center' });
  return true;
}
