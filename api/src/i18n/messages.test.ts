import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CODE_MESSAGES, FIELD_LABELS, STATUS_MESSAGES, TEXTS, WORDS, ZOD_MESSAGES, type Text } from './messages';
import { errorMessage, translateText } from './localize';
import { fromAcceptLanguage } from './lang';

const SRC = join(__dirname, '..');
const CJK = /[\u3400-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Reads the string literal starting at `i` ('…', "…" or `…` with `${…}` read as "x"); null if none. */
function literalAt(src: string, i: number): string | null {
  while (/\s/.test(src[i] ?? '')) i++;
  const q = src[i];
  if (q !== "'" && q !== '"' && q !== '`') return null;
  let out = '';
  for (i++; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += src[++i];
      continue;
    }
    if (c === q) return out;
    if (q === '`' && c === '$' && src[i + 1] === '{') {
      let depth = 0;
      for (i++; i < src.length; i++) {
        if (src[i] === '{') depth++;
        else if (src[i] === '}' && --depth === 0) break;
      }
      out += 'x';
      continue;
    }
    out += c;
  }
  return null;
}

interface Site {
  where: string;
  code?: string;
  message?: string;
  what?: string;
}

/** Every refusal thrown with literal words in api/src: its code and message. */
function throwSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sourceFiles(SRC)) {
    const src = readFileSync(file, 'utf8');
    const where = (i: number) => `${relative(SRC, file)}:${src.slice(0, i).split('\n').length}`;
    for (const m of src.matchAll(/\b(badRequest|conflict|gone|forbidden|notFound|unauthorized|new AppError)\(/g)) {
      const at = m.index! + m[0].length;
      const kind = m[1]!;
      if (kind === 'notFound') {
        const what = literalAt(src, at);
        if (what) sites.push({ where: where(m.index!), what });
        continue;
      }
      if (kind === 'forbidden' || kind === 'unauthorized') {
        const message = literalAt(src, at);
        const code = /^\s*(?:'[^']*'|"[^"]*"|`[^`]*`)\s*,\s*'(\w+)'/.exec(src.slice(at, at + 400))?.[1];
        if (message) sites.push({ where: where(m.index!), message, code: code ?? (kind === 'forbidden' ? 'forbidden' : 'unauthenticated') });
        continue;
      }
      const head = kind === 'new AppError' ? /^\s*\d+\s*,\s*'(\w+)'\s*,/.exec(src.slice(at)) : /^\s*'(\w+)'\s*,/.exec(src.slice(at));
      if (!head) continue;
      const message = literalAt(src, at + head[0].length);
      sites.push({ where: where(m.index!), code: head[1], ...(message ? { message } : {}) });
    }
  }
  return sites;
}

/** The field messages the zod schemas state themselves. */
function schemaMessages(): Site[] {
  const sites: Site[] = [];
  for (const file of sourceFiles(SRC).filter((f) => /schemas\.ts$|credit-code\.ts$|patent-number\.ts$/.test(f))) {
    const src = readFileSync(file, 'utf8');
    const patterns = [/\bmessage:\s*/g, /\.(?:min|max|regex|refine|length|int|positive|nonnegative|email|gte|lte|gt|lt)\((?:[^(),]|\([^()]*\))*,\s*/g];
    for (const re of patterns)
      for (const m of src.matchAll(re)) {
        const message = literalAt(src, m.index! + m[0].length);
        if (message) sites.push({ where: `${relative(SRC, file)}:${src.slice(0, m.index).split('\n').length}`, message });
      }
  }
  return sites;
}

// codes whose sentence depends on the case: their messages need an entry of their own
const GENERIC_CODES = new Set(['validation_failed', 'forbidden', 'unauthenticated', 'illegal_transition', 'bad_request', 'not_deletable']);

describe('the error catalogue (zh and en)', () => {
  const all: [string, Text][] = [
    ...Object.entries(CODE_MESSAGES).map(([k, t]): [string, Text] => [`code ${k}`, t]),
    ...Object.entries(STATUS_MESSAGES).map(([k, t]): [string, Text] => [`status ${k}`, t]),
    ...Object.entries(ZOD_MESSAGES).map(([k, t]): [string, Text] => [`zod ${k}`, t]),
    ...TEXTS.map((t): [string, Text] => [`text "${t.en}"`, t]),
  ];

  it('has every entry in Chinese and English, with the same placeholders', () => {
    for (const [key, t] of all) {
      assert.ok(t.en.trim(), `${key}: English`);
      assert.ok(CJK.test(t.zh), `${key}: Chinese`);
      assert.deepEqual(placeholders(t.zh).filter((p, i, a) => a.indexOf(p) === i), placeholders(t.en).filter((p, i, a) => a.indexOf(p) === i).filter((p) => placeholders(t.zh).includes(p)), key);
      for (const p of placeholders(t.zh)) assert.ok(placeholders(t.en).includes(p), `${key}: {${p}} only in Chinese`);
    }
    for (const [w, zh] of [...Object.entries(WORDS), ...Object.entries(FIELD_LABELS)]) assert.ok(CJK.test(zh), `word ${w}`);
  });

  it('finds each English sentence once (no two entries match the same words)', () => {
    for (const t of TEXTS) {
      const sample = t.en.replace(/\{\w+\}/g, 'x');
      assert.equal(translateText(sample, 'en'), sample, `"${t.en}" reads back as itself`);
    }
  });

  const sites = throwSites();
  it('walks the source: there are refusals to check', () => {
    assert.ok(sites.length > 150, `found ${sites.length}`);
  });

  it('has a sentence for every code the API throws', () => {
    const missing = sites.filter((s) => s.code && !CODE_MESSAGES[s.code]).map((s) => `${s.where} ${s.code}`);
    assert.deepEqual(missing, []);
  });

  it('words every literal message the API throws in Chinese (its own entry where its code says little)', () => {
    const missing = sites
      // a message passed through from elsewhere (`${field}: ${issue.message}`) is worded where it is made
      .filter((s) => s.message !== undefined && s.message.replace(/^[\w.-]+: /, '') !== 'x')
      .filter((s) => {
        const own = errorMessage({ status: 400, code: s.code ?? 'x', message: s.message! }, 'zh');
        const specific = translateText(s.message!, 'zh') ?? translateText(s.message!.replace(/^[\w.-]+: /, ''), 'zh');
        return !CJK.test(own) || (GENERIC_CODES.has(s.code ?? '') && !specific);
      })
      .map((s) => `${s.where} [${s.code}] ${s.message}`);
    assert.deepEqual(missing, []);
  });

  it('names in Chinese everything the API says was not found', () => {
    const missing = sites.filter((s) => s.what && !WORDS[s.what]).map((s) => `${s.where} ${s.what}`);
    assert.deepEqual(missing, []);
    assert.equal(translateText('Achievement not found', 'zh'), '成果不存在或已被删除');
  });

  it('has an entry for every field message the zod schemas state', () => {
    const found = schemaMessages();
    assert.ok(found.length > 40, `found ${found.length}`);
    const missing = found.filter((s) => !translateText(s.message!, 'zh')).map((s) => `${s.where} ${s.message}`);
    assert.deepEqual(missing, []);
  });
});

describe('the request language', () => {
  it('reads zh or en from Accept-Language by quality', () => {
    assert.equal(fromAcceptLanguage('en-US,en;q=0.9'), 'en');
    assert.equal(fromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
    assert.equal(fromAcceptLanguage('fr, en;q=0.5, zh;q=0.7'), 'zh');
    assert.equal(fromAcceptLanguage('fr'), null);
    assert.equal(fromAcceptLanguage(undefined), null);
    assert.equal(fromAcceptLanguage('zh;q=0, en'), 'en');
  });
});
