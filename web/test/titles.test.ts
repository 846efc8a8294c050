import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_TITLE_KEYS, routeTitleKey } from '../src/lib/title';

const locale = (lang: 'zh' | 'en') => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'src', 'locales', `${lang}.json`), 'utf8')) as Record<string, unknown>;
const lookup = (tree: Record<string, unknown>, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], tree);

describe('document titles', () => {
  it('names every route in Chinese and English', () => {
    for (const lang of ['zh', 'en'] as const) {
      const tree = locale(lang);
      const missing = ROUTE_TITLE_KEYS.filter((k) => typeof lookup(tree, k) !== 'string' || !(lookup(tree, k) as string));
      assert.deepEqual(missing, [], lang);
    }
  });

  it('tells pages apart by their path', () => {
    assert.equal(routeTitleKey('/'), 'nav.achievements');
    assert.equal(routeTitleKey('/demands'), 'nav.demands');
    assert.equal(routeTitleKey('/demands/new'), 'nav.postDemand');
    assert.equal(routeTitleKey('/demands/0123456789abcdef01234567'), 'titles.demand');
    assert.equal(routeTitleKey('/achievements/0123456789abcdef01234567/edit'), 'titles.editAchievement');
    assert.equal(routeTitleKey('/orgs/'), 'directory.title');
    assert.equal(routeTitleKey('/org/verification'), 'verification.title');
    assert.equal(routeTitleKey('/no/such/page'), 'titles.notFound');
  });
});
