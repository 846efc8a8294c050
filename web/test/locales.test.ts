import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import zh from '../src/locales/zh.json' with { type: 'json' };
import en from '../src/locales/en.json' with { type: 'json' };
// texts that travel with their pages (merged into the same namespace when the page loads)
import indicatorsZh from '../src/locales/indicators.zh.json' with { type: 'json' };
import indicatorsEn from '../src/locales/indicators.en.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [k2, v2] of flatten(v, key)) out.set(k2, v2);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const SRC = join(import.meta.dirname, '..', 'src');
const PAGE_BUNDLES = { zh: [indicatorsZh], en: [indicatorsEn] };
const zhKeys = new Map([...flatten(zh as Tree), ...PAGE_BUNDLES.zh.flatMap((b) => [...flatten(b as Tree)])]);
const enKeys = new Map([...flatten(en as Tree), ...PAGE_BUNDLES.en.flatMap((b) => [...flatten(b as Tree)])]);
// i18next plural forms: `results` resolves through `results_one` / `results_other`.
const has = (keys: Map<string, string>, key: string) => keys.has(key) || keys.has(`${key}_other`);

describe('locales', () => {
  it('zh and en have exactly the same keys', () => {
    const onlyZh = [...zhKeys.keys()].filter((k) => !enKeys.has(k));
    const onlyEn = [...enKeys.keys()].filter((k) => !zhKeys.has(k));
    assert.deepEqual({ onlyZh, onlyEn }, { onlyZh: [], onlyEn: [] });
  });

  it("a page's bundle adds keys and never replaces one of the app's", () => {
    for (const [main, bundles] of [
      [zh, PAGE_BUNDLES.zh],
      [en, PAGE_BUNDLES.en],
    ] as const) {
      const mainKeys = flatten(main as Tree);
      const clash = bundles.flatMap((b) => [...flatten(b as Tree).keys()].filter((k) => mainKeys.has(k)));
      assert.deepEqual(clash, []);
    }
  });

  it('has no empty translation', () => {
    const empty = [...zhKeys, ...enKeys].filter(([, v]) => v.trim() === '').map(([k]) => k);
    assert.deepEqual(empty, []);
  });

  it('keeps the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differ = [...zhKeys.keys()].filter((k) => JSON.stringify(vars(zhKeys.get(k)!)) !== JSON.stringify(vars(enKeys.get(k) ?? '')));
    assert.deepEqual(differ, []);
  });

  it('defines every literal key the code passes to t()', () => {
    const missing = new Set<string>();
    let seen = 0;
    for (const file of sources(SRC)) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) {
        seen += 1;
        const key = m[1]!;
        if (!has(zhKeys, key) || !has(enKeys, key)) missing.add(`${key} (${file.slice(SRC.length + 1)})`);
      }
    }
    assert.ok(seen > 100, `expected to find many t() calls, found ${seen}`);
    assert.deepEqual([...missing], []);
  });

  it('defines the groups that dynamic keys (t(`prefix.${x}`)) resolve in', () => {
    const missing = new Set<string>();
    for (const file of sources(SRC)) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*`([a-zA-Z][\w.-]*)\.\$\{/g)) {
        const prefix = m[1]!;
        const inZh = [...zhKeys.keys()].some((k) => k.startsWith(prefix + '.'));
        const inEn = [...enKeys.keys()].some((k) => k.startsWith(prefix + '.'));
        if (!inZh || !inEn) missing.add(prefix);
      }
    }
    assert.deepEqual([...missing], []);
  });

  it('translates every organisation kind, role, deal mode label group used in the UI', () => {
    for (const kind of ['university', 'institute', 'enterprise', 'agency']) {
      assert.ok(zhKeys.get(`org.kinds.${kind}`) && enKeys.get(`org.kinds.${kind}`), kind);
    }
    for (const role of ['member', 'org-admin', 'broker', 'platform-admin']) {
      assert.ok(zhKeys.get(`roles.${role}`) && enKeys.get(`roles.${role}`), role);
    }
  });

  it('Chinese texts are Chinese (no untranslated English sentences left in zh.json)', () => {
    const suspicious = [...zhKeys]
      .filter(([k]) => !k.startsWith('app.') && !k.startsWith('serverMessages.'))
      .filter(([, v]) => /[A-Za-z]{4,} [A-Za-z]{3,} [A-Za-z]{3,}/.test(v) && !/[\u4e00-\u9fff]/.test(v))
      .map(([k]) => k);
    assert.deepEqual(suspicious, []);
  });
});
