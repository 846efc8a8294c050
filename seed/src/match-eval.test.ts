import assert from 'node:assert/strict';
import { constraintBreaks, type AchievementDoc, type SearchEngine } from '@techbridge/search';
import { buildDemoData } from './demo';
import { EVAL_SET } from './eval';
import { demoAchievementDocs, engineWith, evalDemandDoc, evaluate, isPlainCase, judge, rankCase, summarise } from './match-eval';

// A quality floor for the production ranking (api/src/matching/ranking.ts) on the labelled set, so
// a change that makes the matcher worse fails here before anyone runs `npm run bench:match`.
// The floors sit below the measured figures (search/README.md, "Matcher evaluation") with room
// for small, deliberate trade-offs, not for a regression.
describe('matcher quality on the labelled evaluation set', function () {
  this.timeout(60_000);
  let engine: SearchEngine;
  let keyOf: Map<string, string>;
  let docs: AchievementDoc[];
  before(async () => {
    const demo = demoAchievementDocs(buildDemoData());
    keyOf = demo.keyOf;
    docs = demo.docs;
    engine = await engineWith(demo.docs);
  });
  after(() => engine.close());

  // Cross-language and synonym cases: English demand vs Chinese-first listings, mixed zh/en
  // titles, LLM ↔ 大模型, optical transceiver ↔ 光模块.
  const slice = ['eval-02', 'eval-07', 'eval-12', 'eval-17', 'eval-24', 'eval-33', 'eval-44', 'eval-52', 'eval-55', 'eval-64'];
  for (const id of slice) {
    it(`ranks a labelled answer first or near it for ${id}`, async () => {
      const c = EVAL_SET.find((x) => x.id === id);
      assert.ok(c, `${id} is in the evaluation set`);
      const ranked = await rankCase(engine, c, keyOf);
      const r = judge(c, ranked);
      assert.ok(r.reciprocalRank >= 0.5, `${id}: relevant ${c.relevant.join(', ')} but ranked ${ranked.slice(0, 5).join(', ')}`);
    });
  }

  it("labels as relevant only answers within the demand's hard constraints, and ranks none that break them", async () => {
    const byKey = new Map(docs.map((d) => [keyOf.get(d.id), d]));
    for (const c of EVAL_SET) {
      const demand = evalDemandDoc(c);
      for (const k of c.relevant) assert.deepEqual(constraintBreaks(demand, byKey.get(k)!), [], `${c.id}: ${k}`);
      for (const k of await rankCase(engine, c, keyOf)) assert.deepEqual(constraintBreaks(demand, byKey.get(k)!), [], `${c.id} ranks ${k}`);
    }
  });

  it('keeps precision@5 and MRR over the whole set above their floors', async () => {
    const s = summarise(await evaluate(engine, EVAL_SET, keyOf));
    assert.equal(s.cases, EVAL_SET.length);
    assert.ok(s.precisionAt5 >= 0.97, `precision@5 ${s.precisionAt5.toFixed(3)} < 0.97`);
    assert.ok(s.mrr >= 0.94, `MRR ${s.mrr.toFixed(3)} < 0.94`);
  });

  it('ranks well on the plain-language cases (no keywords, everyday words, written after tuning)', async () => {
    const s = summarise(await evaluate(engine, EVAL_SET.filter(isPlainCase), keyOf));
    assert.ok(s.cases >= 25, `${s.cases} plain cases`);
    assert.ok(s.precisionAt5 >= 0.9, `precision@5 ${s.precisionAt5.toFixed(3)} < 0.9`);
    assert.ok(s.mrr >= 0.85, `MRR ${s.mrr.toFixed(3)} < 0.85`);
  });

  it('still finds the answer when a demand has no keywords and a vague title (description only)', async () => {
    const vague = EVAL_SET.map((c) => ({ ...c, demand: { ...c.demand, keywords: [], title: { zh: c.demand.title.zh ? '技术需求' : '', en: c.demand.title.en ? 'Technology needed' : '' } } }));
    const s = summarise(await evaluate(engine, vague, keyOf));
    assert.ok(s.precisionAt5 >= 0.85, `precision@5 ${s.precisionAt5.toFixed(3)} < 0.85`);
  });
});
