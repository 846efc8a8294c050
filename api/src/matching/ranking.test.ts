import assert from 'node:assert/strict';
import { createSearchEngine, englishGloss, INDEXES, ACHIEVEMENTS_INDEX, type SearchEngine } from '@techbridge/search';
import { buildAchievementDoc, buildDemandDoc } from '@techbridge/search/test-factories';
import { GLOSS_DISCOUNT, MIN_SCORE, MIN_TEXT_WEIGHT, achievementCandidates, bestOfLanguages, rank, rankAchievements, relativeTo, textWeight, worthShowing } from './ranking';
import type { Scored } from './scorer';

/** A score with the given total and keywords weight, and two more reasons (field, mode). */
const scored = (score: number, keywords: number): Scored => ({
  score,
  reasons: [
    ...(keywords > 0 ? [{ kind: 'keywords', weight: keywords, detail: {}, text: { zh: '', en: '' } }] : []),
    { kind: 'field', weight: 0.1, detail: {}, text: { zh: '', en: '' } },
    { kind: 'mode', weight: 0.1, detail: {}, text: { zh: '', en: '' } },
  ],
  summary: { zh: '', en: '' },
});

describe('matcher ranking', () => {
  it('drops a candidate whose text is far behind the best one, however well the rest fits', () => {
    const items = [
      { id: 'on-subject', s: scored(0.7, 0.5) },
      { id: 'near', s: scored(0.5, 0.2) },
      // field, mode, budget, TRL and region all fit, but it shares almost no words with the demand
      { id: 'off-subject', s: scored(0.42, 0.06) },
      { id: 'no-text', s: scored(0.4, 0) },
    ];
    const kept = rank(items, (x) => x.s).map((x) => x.item.id);
    assert.deepEqual(kept, ['on-subject', 'near']);
  });

  it('keeps a weak best candidate when nothing beats it, but not one below the absolute text bar', () => {
    assert.deepEqual(rank([{ s: scored(0.55, 0.06) }], (x) => x.s).length, 1);
    assert.deepEqual(rank([{ s: scored(0.45, MIN_TEXT_WEIGHT / 2) }], (x) => x.s).length, 0);
  });

  it('keeps nothing under the score floor (MIN_SCORE 0.5: suppliers were told of 34–46 % matches)', () => {
    assert.equal(MIN_SCORE, 0.5);
    assert.deepEqual(rank([{ s: scored(0.46, 0.3) }], (x) => x.s).length, 0);
    assert.deepEqual(rank([{ s: scored(0.5, 0.3) }], (x) => x.s).length, 1);
  });

  it('shows a stored match only at the floor and with more than 「文本相关」; a broker\'s own always', () => {
    const kw = (terms: unknown[]) => ({ kind: 'keywords', detail: { terms } });
    const field = { kind: 'field', detail: { field: 'ai' } };
    assert.equal(worthShowing({ score: 0.8, reasons: [kw([])] }), false, 'only related text');
    assert.equal(worthShowing({ score: 0.8, reasons: [kw([{ zh: '电池', en: 'battery' }])] }), true);
    assert.equal(worthShowing({ score: 0.8, reasons: [kw([]), field] }), true);
    assert.equal(worthShowing({ score: 0.4, reasons: [kw([{ zh: '电池', en: 'battery' }]), field] }), false, 'under the floor');
    assert.equal(worthShowing({ score: 0.2, source: 'broker', reasons: [] }), true);
  });

  it('reads the text weight from the keywords reason', () => {
    assert.equal(textWeight(scored(0.5, 0.3)), 0.3);
    assert.equal(textWeight(scored(0.5, 0)), 0);
  });

  it('makes engine scores relative to the best hit', () => {
    const rel = relativeTo([{ score: 0.2 }, { score: 0.4 }, { score: 0.1 }]);
    assert.equal(rel(0.4), 1);
    assert.equal(rel(0.1), 0.25);
    assert.equal(relativeTo([])(0.3), 0);
  });

  it("merges a Chinese-only demand's two queries by each listing's best relative score, the gloss's discounted", () => {
    const hit = (id: string, score: number) => ({ id, score, doc: {}, highlights: {} });
    const merged = bestOfLanguages([[hit('bilingual', 8), hit('zh', 4)], [hit('en-only', 2), hit('bilingual', 1)]], [1, 0.9]);
    assert.deepEqual(merged.map((h) => [h.id, h.score]), [['bilingual', 1], ['en-only', 0.9], ['zh', 0.5]]);
  });

  describe('on the embedded engine', () => {
    let engine: SearchEngine;
    beforeEach(async () => {
      engine = createSearchEngine();
      for (const def of INDEXES) await engine.ensureIndex(def);
    });
    afterEach(() => engine.close());

    it('ranks the listing on the subject of a long plain-language demand above better-priced ones off it', async () => {
      const onSubject = buildAchievementDoc({
        title: { zh: '高效主动均衡电池管理系统' },
        summary: { zh: '储能电站电池一致性差、可用容量下降，主动均衡电流5 A，均衡效率92%。' },
        field: 'energy-storage', modes: ['license'], trl: 6, askingPrice: 40e6,
      });
      // same field, every deal mode, price inside the budget, higher TRL — a different subject
      const offSubject = buildAchievementDoc({
        title: { zh: '钠离子电池层状氧化物正极材料' },
        summary: { zh: '钠离子电池正极材料，可用于储能电站，运行两年后容量保持率高，循环寿命4000次。' },
        field: 'energy-storage', modes: ['license', 'transfer'], trl: 8, askingPrice: 200e6, region: '620000',
      });
      await engine.upsert(ACHIEVEMENTS_INDEX, [onSubject, offSubject]);
      const demand = buildDemandDoc({
        title: { zh: '储能电站电芯越用越不一致' },
        description: { zh: '储能电站运行两年后电芯一致性越来越差，可用容量下降，希望改进电池均衡。' },
        field: 'energy-storage', modes: ['license', 'transfer'], minTrl: 6, budgetMin: 100e6, budgetMax: 500e6, region: '620000',
      });
      const ranked = rankAchievements(demand, await achievementCandidates(engine, demand));
      assert.equal(ranked[0]?.item.id, onSubject.id, JSON.stringify(ranked.map((r) => [r.item.id, r.scored.score])));
      // no keywords given, yet the reason names what both texts are about, in both languages
      assert.match(ranked[0]!.scored.summary.zh, /关键词命中：[^；]*储能电站/);
      assert.match(ranked[0]!.scored.summary.en, /Keywords: [^;]*energy storage station/);
    });

    it('finds a listing written only in Chinese for a demand written only in English, above a bilingual one sharing surface words (issue 18)', async () => {
      const zhOnly = { title: { zh: '无色透明聚酰亚胺薄膜' }, summary: { zh: '用于折叠屏手机盖板，厚度50微米，透光率90%，可弯折20万次不断裂。' }, keywords: [] };
      const cpi = buildAchievementDoc({ ...zhOnly, gloss: englishGloss({ title: zhOnly.title, body: zhOnly.summary, keywords: [] }), field: 'new-materials', modes: ['license'], trl: 6 });
      const glass = buildAchievementDoc({
        title: { zh: '超薄柔性玻璃', en: 'Ultra-thin flexible glass for cover plates' },
        summary: { zh: '30微米超薄玻璃，化学强化，用于手机盖板。', en: '30 micron chemically strengthened glass for phone cover plates and display windows.' },
        field: 'new-materials', modes: ['license'], trl: 7,
      });
      await engine.upsert(ACHIEVEMENTS_INDEX, [cpi, glass]);
      const demand = buildDemandDoc({
        title: { en: 'Transparent film for a foldable phone cover' },
        description: { en: 'We need a colorless transparent polyimide film, under 50 micron thick, that survives 200,000 folds, for the cover window of a foldable phone display.' },
        field: 'new-materials', modes: ['license'],
      });
      const ranked = rankAchievements(demand, await achievementCandidates(engine, demand));
      assert.equal(ranked[0]?.item.id, cpi.id, JSON.stringify(ranked.map((r) => [r.item.id, r.scored.score])));
    });

    it("judges an English-only demand's Chinese-only candidates among themselves too, as the gloss query does the other way (issue 18)", async () => {
      const zhOnly = { title: { zh: '光伏组件隐裂夜间电致发光检测' }, summary: { zh: '夜间向组串注入电流，相机拍摄组件，识别隐裂。' }, keywords: [] };
      const el = buildAchievementDoc({ ...zhOnly, gloss: englishGloss({ title: zhOnly.title, body: zhOnly.summary, keywords: [] }), field: 'new-energy', modes: ['license'], trl: 6 });
      const english = buildAchievementDoc({
        title: { en: 'Solar plant drone inspection of module hot spots' },
        summary: { en: 'A drone flies over the solar plant and finds hot spots in every module; cracked cells show late.' },
        field: 'new-energy', modes: ['license'], trl: 7,
      });
      await engine.upsert(ACHIEVEMENTS_INDEX, [el, english]);
      const demand = buildDemandDoc({
        title: { en: 'Finding cracked cells in our solar plant' },
        description: { en: 'After a hailstorm we need to image every module of the solar plant for cracks.' },
        field: 'new-energy', modes: ['license'],
      });
      const hits = await achievementCandidates(engine, demand);
      const score = new Map(hits.map((h) => [h.id, h.score]));
      assert.equal(score.get(english.id), 1, JSON.stringify(hits.map((h) => [h.id, h.score])));
      assert.equal(score.get(el.id), GLOSS_DISCOUNT, JSON.stringify(hits.map((h) => [h.id, h.score])));
    });

    it("judges a Chinese-only demand's English-only candidates among themselves in its gloss query (issue 18)", async () => {
      const enOnly = buildAchievementDoc({
        title: { en: 'Handwriting recognition of doctors in scanned medical records' },
        summary: { en: 'Reads handwritten inpatient records and extracts diagnoses; deployed on hospital servers.' },
        field: 'ai', modes: ['license'], trl: 6,
      });
      const bilingual = buildAchievementDoc({
        title: { zh: '医院病历档案数字化', en: 'Hospital medical record archive digitisation' },
        summary: { zh: '纸质病历扫描归档。', en: 'Scanning paper medical records and hospital archive files.' },
        field: 'ai', modes: ['license'], trl: 7,
      });
      await engine.upsert(ACHIEVEMENTS_INDEX, [enOnly, bilingual]);
      const zh = { title: { zh: '医院老病历都是手写的' }, description: { zh: '档案室有纸质病历，医生手写，要电子化。' }, keywords: [] };
      const demand = buildDemandDoc({ ...zh, gloss: englishGloss({ title: zh.title, body: zh.description, keywords: [] }), field: 'ai', modes: ['license'] });
      const hits = await achievementCandidates(engine, demand);
      assert.equal(hits.find((h) => h.id === enOnly.id)?.score, GLOSS_DISCOUNT, JSON.stringify(hits.map((h) => [h.id, h.score])));
    });

    it('checks the hard constraints on the best text hits, and asks the engine with its filters when too few pass', async () => {
      // 110 listings on the subject below the demand's minimum TRL, one within it that says less
      const immature = Array.from({ length: 110 }, (_, i) =>
        buildAchievementDoc({ title: { en: `Sodium-ion battery hard carbon anode ${i}` }, summary: { en: 'Hard carbon anode for sodium-ion batteries.' }, field: 'energy-storage', modes: ['license'], trl: 3 }),
      );
      const mature = buildAchievementDoc({ title: { en: 'Anode material line' }, summary: { en: 'Hard carbon for sodium-ion cells at tonne scale.' }, field: 'energy-storage', modes: ['license'], trl: 7 });
      await engine.upsert(ACHIEVEMENTS_INDEX, [...immature, mature]);
      const demand = buildDemandDoc({ title: { en: 'Sodium-ion battery hard carbon anode' }, keywords: [], field: 'energy-storage', modes: ['license'], minTrl: 6 });
      const hits = await achievementCandidates(engine, demand);
      assert.deepEqual(hits.map((h) => h.id), [mature.id]);
      // without a minimum, the best text hits are the candidates as they are
      const loose = await achievementCandidates(engine, { ...demand, minTrl: undefined });
      assert.equal(loose.length, 50);
    });

    it('names a shared concept once when the keyword and the demand text spell it differently (AGV / AGVs)', async () => {
      const amr = buildAchievementDoc({
        title: { en: 'Large-scale AMR fleet scheduling system' },
        summary: { en: 'Schedules hundreds of robots in e-commerce warehouses without deadlock.' },
        keywords: ['AGV', 'AMR'],
        field: 'robotics', modes: ['license'], trl: 8,
      });
      await engine.upsert(ACHIEVEMENTS_INDEX, [amr]);
      const demand = buildDemandDoc({
        title: { en: 'Robots to move goods in our warehouse' },
        description: { en: 'We want hundreds of AGVs moving shelves in one busy warehouse.' },
        field: 'robotics', modes: ['license'],
      });
      const [top] = rankAchievements(demand, await achievementCandidates(engine, demand));
      const terms = (top!.scored.reasons.find((r) => r.kind === 'keywords')!.detail.terms as { zh: string; en: string }[]).map((t) => t.en.toLowerCase());
      assert.ok(terms.includes('agv'), terms.join(', '));
      assert.equal(terms.length, new Set(terms).size, terms.join(', '));
    });
  });
});
