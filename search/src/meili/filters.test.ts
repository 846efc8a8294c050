import assert from 'node:assert/strict';
import { SearchQueryError } from '../engine';
import { achievementsIndex } from '../indexes';
import { matchesNothing, quote, toMeiliFilter, toMeiliSort } from './filters';
import { meiliSettings, meiliSynonymsSegmented } from './engine';

describe('Meilisearch filter translation', () => {
  it('quotes strings and escapes backslashes and double quotes', () => {
    assert.equal(quote('a"b\\c'), '"a\\"b\\\\c"');
    assert.deepEqual(toMeiliFilter(achievementsIndex, [{ field: 'region', op: 'eq', value: '110000" OR status = "draft' }]), [
      'region = "110000\\" OR status = \\"draft"',
    ]);
  });

  it('translates eq, in, range and exists', () => {
    const out = toMeiliFilter(achievementsIndex, [
      { field: 'trl', op: 'eq', value: 6 },
      { field: 'modes', op: 'in', values: ['license', 'equity'] },
      { field: 'askingPrice', op: 'range', min: 5_000_000, max: 10_000_000 },
      { field: 'askingPrice', op: 'exists', value: false },
      { field: 'orgId', op: 'exists' },
    ]);
    assert.deepEqual(out, [
      'trl = 6',
      'modes IN ["license", "equity"]',
      'askingPrice >= 5000000',
      'askingPrice <= 10000000',
      'askingPrice NOT EXISTS',
      'orgId EXISTS',
    ]);
  });

  it('writes large integers without exponent notation', () => {
    assert.deepEqual(toMeiliFilter(achievementsIndex, [{ field: 'askingPrice', op: 'range', min: 1e21 }]), ['askingPrice >= 1000000000000000000000']);
  });

  it('refuses fields outside the definition and non-finite numbers', () => {
    assert.throws(() => toMeiliFilter(achievementsIndex, [{ field: 'status = "x" OR a', op: 'eq', value: 'y' }]), SearchQueryError);
    assert.throws(() => toMeiliFilter(achievementsIndex, [{ field: 'trl', op: 'eq', value: Number.NaN }]), SearchQueryError);
    assert.throws(() => toMeiliSort(achievementsIndex, [{ field: 'region', dir: 'asc' }]), SearchQueryError);
  });

  it('knows that an empty in matches nothing', () => {
    assert.equal(matchesNothing([{ field: 'region', op: 'in', values: [] }]), true);
    assert.equal(matchesNothing([{ field: 'region', op: 'in', values: ['1'] }]), false);
  });

  it('builds settings with one typo from 5 letters and the shared synonyms', () => {
    const s = meiliSettings(achievementsIndex);
    assert.deepEqual(s.typoTolerance?.minWordSizeForTypos, { oneTypo: 5, twoTypos: 255 });
    assert.equal(s.rankingRules?.[0], 'sort');
    assert.ok(s.filterableAttributes?.includes('modes'));
    assert.ok(s.synonyms?.['锂电池']?.includes('lithium battery'));
    assert.ok(meiliSynonymsSegmented()['锂 电池']?.includes('lithium battery'));
    assert.deepEqual(s.sortableAttributes, ['publishedAt', 'askingPrice', 'trl']);
  });
});
