import assert from 'node:assert/strict';
import { decodeEntities, highlightParts } from '../src/components/Highlight';
import { fenToWan, formatWan, wanToFen } from '@techbridge/api/contract';
import { pick } from '../src/lib/format';
import { toQueryString } from '../src/api/client';
import { toPath } from '../src/lib/form';
import { apiQuery } from '../src/lib/searchQuery';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Wire } from '@techbridge/api/contract';
import type { Achievement, Demand, Interest, Match, Org } from '../src/api/types';
import type { presentAchievement } from '@techbridge/api/achievements/achievements.presenter';
import type { presentDemand } from '@techbridge/api/demands/demands.presenter';
import type { presentOrg } from '@techbridge/api/orgs/orgs.presenter';
import type { presentInterest } from '@techbridge/api/matching/matching.presenter';
import type { presentMatches } from '@techbridge/api/matching/matching.service';

describe('highlightParts (search highlights rendered without innerHTML)', () => {
  it('splits escaped text into plain and <mark> parts', () => {
    assert.deepEqual(highlightParts('高性能<mark>锂电池</mark>正极&amp;负极'), [
      { text: '高性能', mark: false },
      { text: '锂电池', mark: true },
      { text: '正极&负极', mark: false },
    ]);
  });

  it('keeps any other markup as visible text, never as an element', () => {
    const parts = highlightParts('&lt;img src=x onerror=alert(1)&gt;<mark>x</mark><script>alert(1)</script>');
    assert.equal(parts[0]!.text, '<img src=x onerror=alert(1)>');
    assert.equal(parts[0]!.mark, false);
    assert.deepEqual(parts[1], { text: 'x', mark: true });
    assert.equal(parts[2]!.text, '<script>alert(1)</script>');
    assert.equal(parts[2]!.mark, false);
  });

  it('decodes only the entities the API produces', () => {
    assert.equal(decodeEntities('&lt;b&gt; &quot;q&quot; &#39;s&#39; &amp;nbsp; &copy;'), '<b> "q" \'s\' &nbsp; &copy;');
  });
});

describe('money and text helpers', () => {
  it('converts 万元 and fen both ways without float drift', () => {
    assert.equal(wanToFen(80), 80_000_000);
    assert.equal(wanToFen(0.01), 10_000);
    assert.equal(wanToFen(12.345), 12_345_000);
    assert.equal(fenToWan(80_000_000), 80);
  });

  it('formats prices in 万元 for Chinese and in CNY for English', () => {
    assert.equal(formatWan(80_000_000, 'zh'), '80 万元');
    assert.equal(formatWan(1_250_000_000, 'zh'), '1,250 万元');
    assert.match(formatWan(80_000_000, 'en'), /CN¥800K/);
    assert.equal(formatWan(null, 'zh'), '');
  });

  it('picks the wanted language and falls back to the other', () => {
    assert.equal(pick({ zh: '锂电池', en: 'Battery' }, 'en'), 'Battery');
    assert.equal(pick({ zh: '锂电池', en: '' }, 'en'), '锂电池');
    assert.equal(pick(null, 'zh'), '');
  });
});

describe('API client helpers', () => {
  it('builds query strings that skip empty values and join lists', () => {
    assert.equal(toQueryString({ q: '电池 正极', field: ['ai', 'ict'], page: 2, region: [], x: undefined, y: '' }), '?q=%E7%94%B5%E6%B1%A0+%E6%AD%A3%E6%9E%81&field=ai%2Cict&page=2');
    assert.equal(toQueryString({}), '');
  });

  it('turns a server field path into a form name path', () => {
    assert.deepEqual(toPath('patents.2.number'), ['patents', 2, 'number']);
    assert.deepEqual(toPath('email'), ['email']);
  });
});

describe('public/prefetch.js (the first search request, started before the app loads)', () => {
  const script = readFileSync(join(import.meta.dirname, '..', 'public', 'prefetch.js'), 'utf8');
  const prefetched = (pathname: string, search: string) => {
    const fetched: string[] = [];
    const window: { __tbPrefetch?: { path: string } } = {};
    const ctx = { location: { pathname, search }, URLSearchParams, window, fetch: (url: string) => (fetched.push(url), Promise.resolve()), isFinite };
    runInNewContext(script, ctx);
    return { path: window.__tbPrefetch?.path ?? null, fetched };
  };
  const cases: [string, string][] = [
    ['/', ''],
    ['/', '?q=锂电池'],
    ['/', '?q=lithium+battery&field=energy-storage,new-materials&mode=license&trlMin=4&trlMax=08&priceMin=50&priceMax=150.5&sort=price_asc&page=3'],
    ['/', '?region=310000&ipType=invention-patent&priceMax=0.01&unknown=x'],
    ['/', '?priceMin=1.0000005&priceMax=1e303'],
    ['/demands', ''],
    ['/demands', '?q=传感器&field=ai&priceMin=20&priceMax=100&sort=budget_desc&page=2&region=320000,310000'],
  ];
  for (const [pathname, search] of cases) {
    it(`builds the same URL as the app for ${pathname}${search}`, () => {
      const kind = pathname === '/' ? 'achievements' : 'demands';
      const expected = `/api/search/${kind}${toQueryString(apiQuery(new URLSearchParams(search), kind))}`;
      const got = prefetched(pathname, search);
      assert.equal(got.path, expected);
      assert.deepEqual(got.fetched, [expected]);
    });
  }

  it('prefetches nothing on other pages', () => {
    assert.deepEqual(prefetched('/achievements/abc', '?q=x'), { path: null, fetched: [] });
  });
});

describe('server errors on form fields', () => {
  before(async () => {
    const { default: i18next } = await import('i18next');
    const { default: zhTexts } = await import('../src/locales/zh.json', { with: { type: 'json' } });
    if (!i18next.isInitialized) await i18next.init({ lng: 'zh', resources: { zh: { translation: zhTexts } }, interpolation: { escapeValue: false } });
    else await i18next.changeLanguage('zh');
  });

  /** A stand-in for antd's FormInstance: records what the form would show. */
  const fakeForm = (fields: string[]) => {
    const shown: { name: (string | number)[]; errors: string[] }[] = [];
    return {
      shown,
      form: {
        setFields: (f: typeof shown) => shown.push(...f),
        getFieldInstance: (name: (string | number)[]) => (fields.includes(name.join('.')) ? {} : undefined),
        scrollToField: () => undefined,
      } as never,
    };
  };

  it('puts each issue of a 400 on the field it names, in Chinese, through the path map', async () => {
    const { default: i18next } = await import('i18next');
    const { ApiError } = await import('../src/api/client');
    const { applyServerError } = await import('../src/lib/form');
    const err = new ApiError(400, 'validation_failed', 'org.name: needs Chinese or English text', 'org.name', [
      { field: 'org.name', message: 'needs Chinese or English text', code: 'custom' },
      { field: 'password', message: 'must be at least 10 characters', code: 'too_small' },
      { field: 'nonexistent', message: 'whatever', code: 'custom' },
    ]);
    const { shown, form } = fakeForm(['org.name.zh', 'password']);
    const placed = applyServerError(form, err, i18next.t, { mapPath: (p) => (p.join('.') === 'org.name' ? ['org', 'name', 'zh'] : p) });
    assert.equal(placed, true);
    assert.deepEqual(shown, [
      { name: ['org', 'name', 'zh'], errors: ['请至少填写中文或英文'] },
      { name: ['password'], errors: ['至少 10 个字符'] },
    ]);
  });

  it('places a field-less conflict by its code, and reports false when nothing fits', async () => {
    const { default: i18next } = await import('i18next');
    const { ApiError } = await import('../src/api/client');
    const { applyServerError } = await import('../src/lib/form');
    const taken = fakeForm(['email']);
    assert.equal(applyServerError(taken.form, new ApiError(409, 'email_taken', 'An account with this email already exists'), i18next.t, { codeFields: { email_taken: 'email' } }), true);
    assert.deepEqual(taken.shown, [{ name: ['email'], errors: ['该邮箱已注册。'] }]);
    const none = fakeForm([]);
    assert.equal(applyServerError(none.form, new ApiError(500, 'internal', 'boom'), i18next.t), false);
    assert.deepEqual(none.shown, []);
  });
});

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('one contract with the API (web/src/api/types.ts)', () => {
  it('declares no response shape of its own: it only re-exports the contract', () => {
    const src = readFileSync(join(import.meta.dirname, '../src/api/types.ts'), 'utf8').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(src, /\b(interface|enum)\s+\w+|\btype\s+\w+\s*(<[^>]*>)?\s*=/, 'a hand-written type in types.ts');
    assert.match(src, /from '@techbridge\/api\/contract'/);
  });

  it("types each answer as the API's presenter builds it (checked by tsc)", () => {
    // A presenter that changes a field changes these; a field web declares by hand fails the check.
    const same: [
      Equal<Achievement, Wire<ReturnType<typeof presentAchievement>>>,
      Equal<Demand, Wire<ReturnType<typeof presentDemand>>>,
      Equal<Org, Wire<ReturnType<typeof presentOrg>>>,
      Equal<Interest, Wire<ReturnType<typeof presentInterest>>>,
      Equal<Match, Wire<Awaited<ReturnType<typeof presentMatches>>[number]>>,
      Equal<Achievement['createdAt'], string | null>,
    ] = [true, true, true, true, true, true];
    assert.ok(same.every(Boolean));
  });
});
