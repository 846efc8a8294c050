import assert from 'node:assert/strict';
import {
  MATCH_WEIGHTS,
  budgetFit,
  buildAchievementQuery,
  buildDemandQuery,
  conceptPhrases,
  constraintBreaks,
  explain,
  formatBudget,
  formatFenEn,
  formatFenZh,
  ENGINE_TEXT_SHARE,
  findTerms,
  matchedTerms,
  prepareTerms,
  scoreMatch,
  trlFit,
  type MatchAchievement,
  type MatchDemand,
} from './matcher';
import { BUDGET_CEILING, PRICE_FLOOR, TRL_FLOOR } from './indexes';
import type { DealMode } from './taxonomy';

const WAN = 1_000_000; // fen per 万元

const demand: MatchDemand = {
  field: 'new-energy',
  region: '320000',
  modes: ['license', 'transfer'],
  budgetMin: 50 * WAN,
  budgetMax: 100 * WAN,
  minTrl: 5,
  keywords: ['锂电池', '正极材料'],
};
const achievement: MatchAchievement = {
  field: 'new-energy',
  region: '320500',
  modes: ['license'],
  trl: 6,
  askingPrice: 80 * WAN,
  title: { en: 'Lithium battery cathode material' },
};

describe('matcher scoring', () => {
  it('gives a perfect candidate the full score and explains it in both languages', () => {
    const m = scoreMatch({ ...demand, modes: ['license'] }, achievement, { score: 1, terms: [{ zh: '锂电池', en: 'lithium battery' }, { zh: '正极材料', en: 'cathode' }] });
    assert.equal(m.score, 1);
    assert.deepEqual(m.reasons.map((r) => r.kind), ['keywords', 'field', 'mode', 'budget', 'trl', 'region']);
    assert.equal(
      m.explanation.zh,
      '关键词命中：锂电池、正极材料；领域一致：新能源；交易方式：许可；报价 80 万元在预算 50–100 万元内；TRL 6 ≥ 需求 5；同省',
    );
    assert.equal(
      m.explanation.en,
      'Keywords: lithium battery, cathode; same field: New energy; deal mode: license; asking ¥800k within budget ¥500k–1M; TRL 6 ≥ required 5; same province',
    );
  });

  it('weights add up to one and reason weights add up to the score', () => {
    assert.equal(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0).toFixed(6), '1.000000');
    const m = scoreMatch(demand, { ...achievement, field: 'ai', region: '110000', askingPrice: 120 * WAN }, { score: 0.6 });
    const sum = m.reasons.reduce((s, r) => s + r.weight, 0);
    assert.ok(Math.abs(sum - m.score) < 0.001, `${sum} vs ${m.score}`);
    assert.ok(m.score > 0 && m.score < 1);
    assert.ok(!m.reasons.some((r) => r.kind === 'field' || r.kind === 'region'), 'no credit, no reason');
  });

  it('ranks a better fit higher on every component', () => {
    const base = scoreMatch(demand, achievement, { score: 0.5 }).score;
    assert.ok(scoreMatch(demand, { ...achievement, field: 'ai' }, { score: 0.5 }).score < base);
    assert.ok(scoreMatch(demand, { ...achievement, modes: ['equity'] }, { score: 0.5 }).score < base);
    assert.ok(scoreMatch(demand, { ...achievement, trl: 3 }, { score: 0.5 }).score < base);
    assert.ok(scoreMatch(demand, { ...achievement, askingPrice: 300 * WAN }, { score: 0.5 }).score < base);
    assert.ok(scoreMatch(demand, { ...achievement, region: '440000' }, { score: 0.5 }).score < base);
    assert.ok(scoreMatch(demand, achievement, { score: 0.2 }).score < base);
  });

  it('gives full budget credit inside the range, partial near it, none far above', () => {
    assert.equal(budgetFit(50 * WAN, 50 * WAN, 100 * WAN).credit, 1);
    assert.equal(budgetFit(100 * WAN, 50 * WAN, 100 * WAN).credit, 1);
    const near = budgetFit(110 * WAN, 50 * WAN, 100 * WAN);
    assert.equal(near.fit, 'above');
    assert.ok(near.credit > 0.7 && near.credit < 1, String(near.credit));
    assert.equal(budgetFit(150 * WAN, 50 * WAN, 100 * WAN).credit, 0);
    assert.equal(budgetFit(400 * WAN, 50 * WAN, 100 * WAN).credit, 0);
    const below = budgetFit(25 * WAN, 50 * WAN, 100 * WAN);
    assert.equal(below.fit, 'below');
    assert.equal(below.credit, 0.75);
    assert.deepEqual(budgetFit(undefined, 50 * WAN, 100 * WAN), { credit: 0.5, fit: 'unknown' });
  });

  it('gives TRL credit when the achievement is mature enough, less per missing level', () => {
    assert.equal(trlFit(6, 5), 1);
    assert.equal(trlFit(5, 5), 1);
    assert.ok(Math.abs(trlFit(4, 5) - 2 / 3) < 1e-9);
    assert.equal(trlFit(2, 5), 0);
    assert.equal(trlFit(1, undefined), 1);
  });

  it('explains an over-budget price and a TRL gap', () => {
    const m = scoreMatch(demand, { ...achievement, askingPrice: 120 * WAN, trl: 4 }, { score: 0 });
    assert.match(m.explanation.zh, /报价 120 万元略高于预算 50–100 万元/);
    assert.match(m.explanation.en, /asking ¥1\.2M slightly above budget ¥500k–1M/);
    assert.match(m.explanation.zh, /TRL 4 略低于需求 5/);
    assert.ok(!m.reasons.some((r) => r.kind === 'keywords'));
  });

  it('re-explains stored reasons identically', () => {
    const m = scoreMatch(demand, achievement, { score: 0.8, terms: ['graphene'] });
    assert.deepEqual(explain(JSON.parse(JSON.stringify(m.reasons))), m.explanation);
  });
});

describe('money formatting', () => {
  it('formats fen as 万元 in Chinese and k/M in English', () => {
    assert.equal(formatFenZh(80 * WAN), '80 万元');
    assert.equal(formatFenZh(12.5 * WAN), '12.5 万元');
    assert.equal(formatFenZh(500_000), '5000 元');
    assert.equal(formatFenZh(12_000 * WAN), '1.2 亿元');
    assert.equal(formatFenEn(80 * WAN), '¥800k');
    assert.equal(formatFenEn(150 * WAN), '¥1.5M');
    assert.deepEqual(formatBudget(50 * WAN, 100 * WAN), { zh: '50–100 万元', en: '¥500k–1M' });
    assert.deepEqual(formatBudget(undefined, 100 * WAN), { zh: '不超过 100 万元', en: '≤ ¥1M' });
  });
});

describe('matchedTerms', () => {
  it('finds demand keywords in the candidate across languages and labels both sides', () => {
    const terms = matchedTerms(['锂电池', '正极材料', '石墨烯'], 'High-energy lithium battery cathode material');
    assert.deepEqual(terms, [
      { zh: '锂电池', en: 'lithium battery' },
      { zh: '正极材料', en: 'cathode material' },
    ]);
  });

  it('keeps unknown keywords as written', () => {
    assert.deepEqual(matchedTerms(['widget'], 'a widget factory'), [{ zh: 'widget', en: 'widget' }]);
    assert.deepEqual(matchedTerms(['widget'], 'a gadget factory'), []);
  });
});

describe('conceptPhrases', () => {
  it('names the vocabulary concepts a text mentions, as it writes them, and nothing else', () => {
    const found = conceptPhrases('我们的储能电站运行两年后，电池管理系统估不准，希望改进。Our lithium batteries age fast.');
    assert.ok(found.includes('储能电站'), found.join(','));
    assert.ok(found.includes('lithium battery'), found.join(','));
    assert.ok(!found.some((p) => ['我们', '运行', '希望', 'age', 'fast'].includes(p)), found.join(','));
  });
});

describe('findTerms', () => {
  it('looks for a Chinese keyword the segmenter splits as one run, not as characters anywhere', () => {
    const wanted = prepareTerms(['压实密度', '储能电芯']);
    assert.equal(wanted.size, 2);
    assert.deepEqual(findTerms(wanted, '高压实密度磷酸铁锂正极材料'), [{ zh: '压实密度', en: '压实密度' }]);
    assert.deepEqual(findTerms(wanted, '压缩实验测得密度，储能电站的电池芯'), []);
  });

  it('matches Latin keywords as whole words, next to Chinese too', () => {
    const wanted = prepareTerms(['AI', 'Micro-LED']);
    assert.deepEqual(findTerms(wanted, 'a supply chain for micro LED displays'), [{ zh: 'Micro-LED', en: 'Micro-LED' }]);
    assert.deepEqual(findTerms(wanted, 'AI辅助诊断'), [{ zh: '人工智能', en: 'AI' }]);
    assert.deepEqual(findTerms(wanted, 'a chain of trust'), []);
  });
});

describe('keyword coverage in the score', () => {
  it('blends the engine relevance with the share of keywords found', () => {
    const base = { ...demand, modes: ['license'] as MatchDemand['modes'] };
    const none = scoreMatch(base, achievement, { score: 0.5, coverage: 0 });
    const all = scoreMatch(base, achievement, { score: 0.5, coverage: 1 });
    assert.ok(Math.abs(none.components.keywords - ENGINE_TEXT_SHARE * 0.5) < 1e-9);
    assert.ok(Math.abs(all.components.keywords - (ENGINE_TEXT_SHARE * 0.5 + (1 - ENGINE_TEXT_SHARE))) < 1e-9);
    assert.equal(scoreMatch(base, achievement, { score: 0.5 }).components.keywords, 0.5);
  });

  it("lets the share of a keyword-less demand's concepts raise the text credit, never lower it", () => {
    const base = { ...demand, keywords: [], modes: ['license'] as MatchDemand['modes'] };
    const plain = scoreMatch(base, achievement, { score: 0.5 }).components.keywords;
    const all = scoreMatch(base, achievement, { score: 0.5, conceptCoverage: 1 }).components.keywords;
    const none = scoreMatch(base, achievement, { score: 0.5, conceptCoverage: 0 }).components.keywords;
    assert.ok(Math.abs(all - (ENGINE_TEXT_SHARE * 0.5 + (1 - ENGINE_TEXT_SHARE))) < 1e-9, String(all));
    assert.equal(none, plain);
    // the best engine hit sharing none of the concepts keeps its full credit
    assert.equal(scoreMatch(base, achievement, { score: 1, conceptCoverage: 0 }).components.keywords, 1);
  });

  it('ranks a candidate on the subject above one that only fits field, price, TRL and region', () => {
    const onSubject = scoreMatch(demand, { ...achievement, field: 'ai', region: '110000', askingPrice: 140 * WAN }, { score: 0.8, coverage: 1 });
    const offSubject = scoreMatch(demand, achievement, { score: 0.06, coverage: 0 });
    assert.ok(onSubject.score > offSubject.score, `${onSubject.score} vs ${offSubject.score}`);
  });
});

describe('match queries', () => {
  it('turns a demand into an any-word query over published achievements with mode overlap', () => {
    const q = buildDemandQuery({ title: { zh: '寻求锂电池正极材料技术' }, keywords: ['锂电池', 'cathode'], modes: ['license', 'equity'] });
    assert.equal(q.matching, 'any');
    assert.ok(q.text?.startsWith('锂 电池 cathode'));
    assert.deepEqual(q.filters, [
      { field: 'status', op: 'eq', value: 'published' },
      { field: 'modes', op: 'in', values: ['license', 'equity'] },
    ]);
  });

  it("filters a demand's candidates by its minimum TRL and its maximum budget (on the lowest price, negotiable counting as 0)", () => {
    const q = buildDemandQuery({ title: { en: 'x' }, keywords: [], modes: ['transfer'], minTrl: 6, budgetMax: 300 * WAN });
    assert.deepEqual(q.filters, [
      { field: 'status', op: 'eq', value: 'published' },
      { field: 'modes', op: 'in', values: ['transfer'] },
      { field: 'trl', op: 'range', min: 6 },
      { field: PRICE_FLOOR, op: 'range', max: 300 * WAN },
    ]);
    const loose = buildDemandQuery({ title: { en: 'x' }, keywords: [], modes: ['transfer'], minTrl: 6, budgetMax: 300 * WAN }, { unconstrained: true });
    assert.deepEqual(loose.filters, [{ field: 'status', op: 'eq', value: 'published' }]);
  });

  it('turns an achievement into a query over open demands it can satisfy', () => {
    const q = buildAchievementQuery({ title: { en: 'Graphene film' }, keywords: [], modes: [], trl: 5 });
    assert.equal(q.text, 'graphene film');
    assert.deepEqual(q.filters, [
      { field: 'status', op: 'eq', value: 'open' },
      { field: TRL_FLOOR, op: 'range', max: 5 },
    ]);
    const priced = buildAchievementQuery({ title: { en: 'Graphene film' }, keywords: [], modes: ['license'], trl: 5, askingPrice: 80 * WAN });
    assert.deepEqual(priced.filters?.slice(1), [
      { field: 'modes', op: 'in', values: ['license'] },
      { field: TRL_FLOOR, op: 'range', max: 5 },
      { field: BUDGET_CEILING, op: 'range', min: 80 * WAN },
    ]);
  });
});

describe('hard constraints', () => {
  const demand = { modes: ['license', 'transfer'] as DealMode[], minTrl: 6, budgetMax: 300 * WAN };
  it('names each constraint an achievement breaks, and none for one within them', () => {
    assert.deepEqual(constraintBreaks(demand, { modes: ['transfer'], trl: 6, askingPrice: 300 * WAN }), []);
    assert.deepEqual(constraintBreaks(demand, { modes: ['transfer'], trl: 5, askingPrice: 300 * WAN }), ['trl']);
    assert.deepEqual(constraintBreaks(demand, { modes: ['equity'], trl: 9 }), ['mode']);
    assert.deepEqual(constraintBreaks(demand, { modes: ['license'], trl: 7, askingPrice: 300 * WAN + 1 }), ['budget']);
    assert.deepEqual(constraintBreaks(demand, { modes: ['equity'], trl: 1, askingPrice: 900 * WAN }), ['trl', 'mode', 'budget']);
  });
  it('lets a negotiable price, and a demand without minimum, budget or modes, constrain nothing', () => {
    assert.deepEqual(constraintBreaks(demand, { modes: ['license'], trl: 8 }), []);
    assert.deepEqual(constraintBreaks({ modes: [] }, { modes: ['equity'], trl: 1, askingPrice: 10 ** 12 }), []);
  });
});
