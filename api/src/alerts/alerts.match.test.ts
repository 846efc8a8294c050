import assert from 'node:assert/strict';
import { matchesAlert } from './alerts.match';

describe('matchesAlert', () => {
  const ach = {
    title: { zh: '锂电池正极材料低温烧结工艺', en: 'Low-temperature sintering of lithium battery cathode material' },
    summary: { zh: '一种降低能耗的正极材料制备方法。', en: 'A cathode preparation method.' },
    keywords: ['正极材料'],
    field: 'energy-storage',
    region: '310100',
    ipType: 'invention-patent',
    trl: 6,
    modes: [{ mode: 'license', askingPrice: 50_000_000 }],
  };
  const a = (over: Record<string, unknown>) => ({ target: 'achievements' as const, ...over });

  it('matches Chinese words inside longer words and every English term, case-insensitively', () => {
    assert.ok(matchesAlert(a({ q: '电池' }), ach));
    assert.ok(matchesAlert(a({ q: 'Lithium CATHODE' }), ach));
    assert.equal(matchesAlert(a({ q: 'lithium anode' }), ach), false);
  });

  it('applies the search page’s filters: any value per filter, all filters together, regions by province', () => {
    assert.ok(matchesAlert(a({ field: ['energy-storage', 'biomedicine'] }), ach));
    assert.equal(matchesAlert(a({ field: ['biomedicine'] }), ach), false);
    assert.ok(matchesAlert(a({ region: ['310000'] }), ach), 'a city in the followed province');
    assert.equal(matchesAlert(a({ region: ['440000'] }), ach), false);
    assert.equal(matchesAlert(a({ field: ['energy-storage'], region: ['440000'] }), ach), false);
    assert.ok(matchesAlert(a({ trlMin: 5, trlMax: 7, mode: ['license'], ipType: ['invention-patent'] }), ach));
    assert.equal(matchesAlert(a({ trlMin: 7 }), ach), false);
    assert.equal(matchesAlert(a({ mode: ['equity'] }), ach), false);
    assert.ok(matchesAlert(a({ priceMin: 10_000_000, priceMax: 60_000_000 }), ach));
    assert.equal(matchesAlert(a({ priceMax: 10_000_000 }), ach), false);
  });

  it('matches a demand’s budget range by overlap and its minimum TRL', () => {
    const demand = { title: { zh: '寻求动力电池热管理方案', en: '' }, field: 'new-energy-vehicles', region: '440300', modes: ['license'], minTrl: 5, budgetMin: 100_000_000, budgetMax: 300_000_000 };
    const d = (over: Record<string, unknown>) => ({ target: 'demands' as const, ...over });
    assert.ok(matchesAlert(d({ q: '热管理', region: ['440000'] }), demand));
    assert.ok(matchesAlert(d({ priceMin: 250_000_000 }), demand));
    assert.equal(matchesAlert(d({ priceMin: 400_000_000 }), demand), false);
    assert.equal(matchesAlert(d({ trlMax: 4 }), demand), false);
  });
});
