import assert from 'node:assert/strict';
import { DEAL_MODE_CODES, FIELD_CODES, IP_TYPE_CODES, REGION_CODES } from '../../search/src/taxonomy';
import { isCounterpart, sharedKeywords, termsProblem } from './checks';
import { REFERENCE_DATE, slotsOf } from './compose';
import { ADMIN_PASSWORD, DEMO_PASSWORD, buildDemoData } from './demo';
import { EVAL_SET } from './eval';
import { isPlainCase } from './match-eval';
import { buildAchievementInput, buildDemandInput, buildOrgInput, buildUserInput, resetFactories } from './factories';
import { checkDigit, parsePatentNumber, patentKindOf, patentProblem } from './patents';
import { TOPICS } from './topics';
import { isCreditCode } from '../../api/src/orgs/credit-code';
import type { DemoAchievement, DemoDemand } from './types';

const data = buildDemoData();
const { orgs, users, achievements, demands, portfolios } = data;
const orgByKey = new Map(orgs.map((o) => [o.key, o]));
const achByKey = new Map(achievements.map((a) => [a.key, a]));
const published = achievements.filter((a) => a.status === 'published');

const CJK = /[\u4e00-\u9fff]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const unique = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;

/** Every problem with an achievement's own fields, as readable strings. */
function achievementProblems(a: DemoAchievement): string[] {
  const p: string[] = [];
  if (!FIELD_CODES.includes(a.field)) p.push(`field ${a.field}`);
  if (!REGION_CODES.includes(a.region)) p.push(`region ${a.region}`);
  if (!IP_TYPE_CODES.includes(a.ipType)) p.push(`ipType ${a.ipType}`);
  if (!(Number.isInteger(a.trl) && a.trl >= 1 && a.trl <= 9)) p.push(`trl ${a.trl}`);
  for (const m of a.modes) if (!DEAL_MODE_CODES.includes(m.mode)) p.push(`mode ${m.mode}`);
  const terms = termsProblem(a.modes);
  if (terms) p.push(terms);
  const kind = patentKindOf(a.ipType);
  if (kind && a.patents.length === 0) p.push(`${a.ipType} without a patent`);
  if (!kind && a.patents.length > 0) p.push(`${a.ipType} listing patents`);
  for (const pat of a.patents) {
    const problem = patentProblem(pat, a.ipType, REFERENCE_DATE);
    if (problem) p.push(problem);
  }
  for (const text of [a.title.zh, a.title.en, a.summary.zh, a.summary.en, a.details.zh, a.details.en]) {
    if (!text.trim()) p.push('empty text');
    if (/[{}]|undefined|NaN/.test(text)) p.push(`unfilled template in "${text.slice(0, 40)}"`);
  }
  if (!CJK.test(a.title.zh) || !CJK.test(a.summary.zh) || !CJK.test(a.details.zh)) p.push('Chinese text without Chinese');
  if (CJK.test(a.title.en) || CJK.test(a.summary.en)) p.push('English text with Chinese characters');
  if (!a.keywords.some((k) => CJK.test(k)) || !a.keywords.some((k) => /^[\x20-\x7e]+$/.test(k))) p.push('keywords not bilingual');
  return p;
}

function demandProblems(d: DemoDemand | Omit<DemoDemand, 'key' | 'orgKey'>): string[] {
  const p: string[] = [];
  if (!FIELD_CODES.includes(d.field)) p.push(`field ${d.field}`);
  if (!REGION_CODES.includes(d.region)) p.push(`region ${d.region}`);
  if (d.modes.length === 0 || !unique(d.modes) || d.modes.some((m) => !DEAL_MODE_CODES.includes(m))) p.push(`modes ${d.modes.join()}`);
  if (!(Number.isInteger(d.minTrl) && d.minTrl >= 1 && d.minTrl <= 9)) p.push(`minTrl ${d.minTrl}`);
  if (!(Number.isSafeInteger(d.budgetMin) && d.budgetMin > 0 && d.budgetMin % 100 === 0)) p.push(`budgetMin ${d.budgetMin}`);
  if (!(Number.isSafeInteger(d.budgetMax) && d.budgetMax > d.budgetMin && d.budgetMax % 100 === 0)) p.push(`budgetMax ${d.budgetMax}`);
  if (!validDate(d.deadline) || !d.deadline.startsWith('2027-')) p.push(`deadline ${d.deadline}`);
  if (d.keywords.length === 0) p.push('no keywords');
  if (!(d.title.zh || d.title.en) || !(d.description.zh || d.description.en)) p.push('no text');
  if (Boolean(d.title.zh) !== Boolean(d.description.zh) || Boolean(d.title.en) !== Boolean(d.description.en)) p.push('title and description in different languages');
  for (const text of [d.title.zh, d.title.en, d.description.zh, d.description.en]) {
    if (/[{}]|undefined|NaN/.test(text)) p.push(`unfilled template in "${text.slice(0, 40)}"`);
  }
  return p;
}

describe('demo data', () => {
  it('gives every organisation a distinct, valid unified social credit code (GB 32100)', () => {
    const codes = data.orgs.map((o) => o.creditCode ?? '');
    assert.deepEqual(codes.filter((c) => !isCreditCode(c)), []);
    assert.equal(new Set(codes).size, codes.length);
    for (const o of data.orgs) assert.equal(o.creditCode!.slice(2, 8), o.region, `${o.key}: the region in positions 3–8`);
  });

  describe('buildDemoData', () => {
    it('returns deep-equal data on every call', () => {
      assert.deepStrictEqual(buildDemoData(), buildDemoData());
    });

    it('does not share mutable objects between calls', () => {
      const a = buildDemoData();
      const first = a.achievements[0] as DemoAchievement;
      first.title.zh = 'changed';
      assert.notEqual((buildDemoData().achievements[0] as DemoAchievement).title.zh, 'changed');
    });
  });

  describe('organisations and users', () => {
    it('has at least 30 universities and institutes spread over at least 15 provinces', () => {
      const suppliers = orgs.filter((o) => o.kind === 'university' || o.kind === 'institute');
      assert.ok(suppliers.length >= 30, `${suppliers.length} suppliers`);
      assert.ok(suppliers.some((o) => o.kind === 'institute') && suppliers.some((o) => o.kind === 'university'));
      assert.ok(new Set(suppliers.map((o) => o.region)).size >= 15);
    });

    it('has 60 enterprises and 5 agencies', () => {
      assert.equal(orgs.filter((o) => o.kind === 'enterprise').length, 60);
      assert.equal(orgs.filter((o) => o.kind === 'agency').length, 5);
    });

    it('uses unique keys, unique bilingual names and valid region codes', () => {
      assert.ok(unique(orgs.map((o) => o.key)));
      assert.ok(unique(orgs.map((o) => o.name.zh)));
      assert.ok(unique(orgs.map((o) => o.name.en)));
      for (const o of orgs) {
        assert.ok(REGION_CODES.includes(o.region), `${o.key}: region ${o.region}`);
        assert.ok(CJK.test(o.name.zh) && !CJK.test(o.name.en), o.key);
      }
    });

    it('has one platform admin, admin@techbridge.cn, in no organisation', () => {
      const admins = users.filter((u) => u.roles.includes('platform-admin'));
      assert.equal(admins.length, 1);
      assert.equal(admins[0]?.email, 'admin@techbridge.cn');
      assert.equal(admins[0]?.orgKey, null);
      assert.equal(admins[0]?.password, ADMIN_PASSWORD);
    });

    it('gives every organisation exactly one org-admin with a domain matching its kind', () => {
      for (const o of orgs) {
        const orgAdmins = users.filter((u) => u.orgKey === o.key && u.roles.includes('org-admin'));
        assert.equal(orgAdmins.length, 1, o.key);
        const domain = { university: '.edu.cn', institute: '.ac.cn', agency: '.org.cn', enterprise: '.com' }[o.kind];
        assert.ok(orgAdmins[0]?.email.startsWith('admin@') && orgAdmins[0].email.endsWith(domain), orgAdmins[0]?.email);
      }
    });

    it('gives each agency two brokers, each with a portfolio of existing client organisations', () => {
      for (const agency of orgs.filter((o) => o.kind === 'agency')) {
        const brokers = users.filter((u) => u.orgKey === agency.key && u.roles.includes('broker'));
        assert.equal(brokers.length, 2, agency.key);
      }
      const brokers = users.filter((u) => u.roles.includes('broker'));
      assert.equal(portfolios.length, brokers.length);
      for (const p of portfolios) {
        assert.ok(brokers.some((b) => b.key === p.brokerUserKey), p.brokerUserKey);
        assert.ok(p.orgKeys.length >= 3, `${p.brokerUserKey} has ${p.orgKeys.length} clients`);
        assert.ok(unique(p.orgKeys));
        for (const k of p.orgKeys) assert.ok(orgByKey.get(k) && orgByKey.get(k)?.kind !== 'agency', k);
      }
    });

    it('has unique, well-formed emails and documented passwords', () => {
      assert.ok(unique(users.map((u) => u.email.toLowerCase())));
      assert.ok(unique(users.map((u) => u.key)));
      for (const u of users) {
        assert.match(u.email, /^[a-z0-9.]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/);
        assert.ok(u.password === DEMO_PASSWORD || u.password === ADMIN_PASSWORD);
        if (u.orgKey !== null) assert.ok(orgByKey.has(u.orgKey), u.key);
        assert.ok(u.roles.length > 0 && u.name.trim().length > 0);
      }
    });
  });

  describe('achievements', () => {
    it('has 300 achievements over at least 15 fields, about 10% drafts', () => {
      assert.equal(achievements.length, 300);
      assert.ok(new Set(achievements.map((a) => a.field)).size >= 15);
      const drafts = achievements.filter((a) => a.status === 'draft').length;
      assert.ok(drafts >= 20 && drafts <= 40, `${drafts} drafts`);
    });

    it('uses unique keys and unique titles, owned by universities or institutes', () => {
      assert.ok(unique(achievements.map((a) => a.key)));
      assert.ok(unique(achievements.map((a) => a.title.zh)));
      for (const a of achievements) {
        const kind = orgByKey.get(a.orgKey)?.kind;
        assert.ok(kind === 'university' || kind === 'institute', `${a.key} owned by ${kind}`);
        assert.equal(a.region, orgByKey.get(a.orgKey)?.region);
      }
    });

    it('has only valid codes, bilingual text and mode terms consistent with the modes', () => {
      const problems = achievements.flatMap((a) => achievementProblems(a).map((p) => `${a.key}: ${p}`));
      assert.deepEqual(problems, []);
    });

    it('lists patents whose numbers are valid and agree with the IP type', () => {
      const patents = achievements.flatMap((a) => a.patents.map((p) => ({ a, p })));
      assert.ok(patents.length >= 150, `${patents.length} patents`);
      for (const { a, p } of patents) {
        const parsed = parsePatentNumber(p.number);
        assert.ok(parsed, `${a.key}: ${p.number}`);
        assert.equal(checkDigit(`${parsed.year}${parsed.typeDigit}${parsed.serial}`), parsed.check);
        assert.equal(patentProblem(p, a.ipType, REFERENCE_DATE), undefined, `${a.key}: ${p.number}`);
      }
      const digits = new Set(patents.map(({ p }) => parsePatentNumber(p.number)?.typeDigit));
      assert.ok(digits.has('1') && digits.has('2') && digits.has('3'), 'invention, utility model and design patents all present');
      const statuses = new Set(patents.map(({ p }) => p.status));
      assert.deepEqual([...statuses].sort(), ['expired', 'granted', 'pending']);
    });

    it('varies TRL, IP types and mode combinations', () => {
      assert.ok(new Set(achievements.map((a) => a.trl)).size >= 6);
      assert.ok(new Set(achievements.map((a) => a.ipType)).size >= 6);
      assert.ok(new Set(achievements.map((a) => a.modes.map((m) => m.mode).join('+'))).size >= 5);
    });
  });

  describe('demands', () => {
    it('has 150 demands from enterprises, about 15% anonymous and 10% drafts', () => {
      assert.equal(demands.length, 150);
      assert.ok(unique(demands.map((d) => d.key)));
      for (const d of demands) assert.equal(orgByKey.get(d.orgKey)?.kind, 'enterprise', d.key);
      const anonymous = demands.filter((d) => d.anonymous).length;
      const drafts = demands.filter((d) => d.status === 'draft').length;
      assert.ok(anonymous >= 15 && anonymous <= 30, `${anonymous} anonymous`);
      assert.ok(drafts >= 10 && drafts <= 22, `${drafts} drafts`);
      assert.equal(new Set(demands.map((d) => d.orgKey)).size, 60, 'every enterprise posts a demand');
    });

    it('has valid codes, budgets, deadlines in 2027 and bilingual text', () => {
      const problems = demands.flatMap((d) => demandProblems(d).map((p) => `${d.key}: ${p}`));
      assert.deepEqual(problems, []);
      for (const d of demands) assert.ok(d.title.zh && d.title.en && d.description.zh && d.description.en, d.key);
    });

    it('does not name the company in an anonymous demand', () => {
      for (const d of demands.filter((x) => x.anonymous)) {
        const org = orgByKey.get(d.orgKey);
        assert.ok(org && !d.description.zh.includes(org.name.zh) && !d.description.en.includes(org.name.en), d.key);
      }
    });

    it('gives every demand a published counterpart the matcher can find', () => {
      for (const d of demands) {
        const matches = published.filter((a) => isCounterpart(d, a));
        assert.ok(matches.length > 0, `${d.key} (${d.title.zh}) has no counterpart`);
      }
    });
  });

  describe('topic banks', () => {
    it('has unique topic ids and at least four topics in every field', () => {
      assert.ok(unique(TOPICS.map((t) => t.id)));
      for (const f of FIELD_CODES) assert.ok(TOPICS.filter((t) => t.field === f).length >= 4, f);
    });

    it('states the same number slots in Chinese and English', () => {
      const sorted = (text: string) => slotsOf(text).map((x) => x.join('~')).sort();
      for (const t of TOPICS) {
        const pairs: [string, string, string][] = [
          ['gap', ...t.gap], ['use', ...t.use], ['secret', ...t.secret],
          ...t.v.map((v, i): [string, string, string] => [`claim ${i + 1}`, v[2], v[3]]),
        ];
        for (const [what, zh, en] of pairs) assert.deepEqual(sorted(en), sorted(zh), `${t.id} ${what}`);
        for (const [lo, hi] of pairs.flatMap(([, zh]) => slotsOf(zh))) assert.ok(Number(lo) < Number(hi), `${t.id}: {${lo}~${hi}}`);
      }
    });
  });

  describe('EVAL_SET', () => {
    it('has at least 60 hand-written cases with unique ids', () => {
      assert.ok(EVAL_SET.length >= 60, `${EVAL_SET.length} cases`);
      assert.ok(unique(EVAL_SET.map((c) => c.id)));
    });

    it('mixes Chinese-only, English-only and bilingual demands', () => {
      const zhOnly = EVAL_SET.filter((c) => c.demand.title.zh && !c.demand.title.en).length;
      const enOnly = EVAL_SET.filter((c) => !c.demand.title.zh && c.demand.title.en).length;
      const mixed = EVAL_SET.filter((c) => c.demand.keywords.some((k) => CJK.test(k)) && c.demand.keywords.some((k) => /^[\x20-\x7e]+$/.test(k))).length;
      assert.ok(zhOnly >= EVAL_SET.length * 0.4, `${zhOnly} zh-only`);
      assert.ok(enOnly >= 12, `${enOnly} en-only`);
      assert.ok(mixed >= 8, `${mixed} mixing languages`);
    });

    it('names 1–5 relevant achievements per case, all published in the catalogue', () => {
      for (const c of EVAL_SET) {
        assert.ok(c.relevant.length >= 1 && c.relevant.length <= 5, c.id);
        assert.ok(unique(c.relevant), c.id);
        for (const key of c.relevant) {
          assert.ok(achByKey.has(key), `${c.id}: ${key} is not in the catalogue`);
          assert.equal(achByKey.get(key)?.status, 'published', `${c.id}: ${key} is a draft`);
        }
      }
    });

    it('has valid demands whose relevant achievements meet their mode and TRL constraints', () => {
      for (const c of EVAL_SET) {
        // the plain-language cases leave keywords empty on purpose, as many enterprises do
        assert.deepEqual(demandProblems(c.demand).filter((p) => !(isPlainCase(c) && p === 'no keywords')), [], c.id);
        const fits = c.relevant.filter((k) => isCounterpart(c.demand, achByKey.get(k) as DemoAchievement, { sameField: false, keyword: false }));
        assert.ok(fits.length > 0, `${c.id}: no relevant achievement satisfies the demand's hard constraints`);
      }
    });

    it('is not generated from the catalogue templates', () => {
      const templated = new Set(demands.flatMap((d) => [d.title.zh, d.title.en]));
      for (const c of EVAL_SET) {
        assert.ok(!templated.has(c.demand.title.zh) && !templated.has(c.demand.title.en), c.id);
        assert.ok(!/期望指标：|Key R&D challenge|Call for solutions:/.test(`${c.demand.title.zh}${c.demand.description.zh}${c.demand.title.en}`), c.id);
      }
    });

    it('is not trivially solvable by exact keyword overlap alone', () => {
      // Some cases must rely on synonyms or translation: no shared keyword with any relevant item.
      const hard = EVAL_SET.filter((c) => c.relevant.every((k) => sharedKeywords(c.demand.keywords, achByKey.get(k)?.keywords ?? []).length === 0));
      assert.ok(hard.length >= 5, `${hard.length} cases need more than exact keywords`);
    });
  });
});

describe('factories', () => {
  beforeEach(() => resetFactories(7));

  it('repeat the same sequence after resetFactories with the same seed', () => {
    const first = [buildOrgInput(), buildUserInput(), buildAchievementInput(), buildDemandInput()];
    resetFactories(7);
    const second = [buildOrgInput(), buildUserInput(), buildAchievementInput(), buildDemandInput()];
    assert.deepStrictEqual(second, first);
  });

  it('produce different data for a different seed', () => {
    const a = buildAchievementInput();
    resetFactories(8);
    assert.notDeepStrictEqual(buildAchievementInput(), a);
  });

  it('build achievements and demands that pass the catalogue checks', () => {
    for (let i = 0; i < 40; i += 1) {
      const a = buildAchievementInput();
      assert.deepEqual(achievementProblems(a), [], a.key);
      const d = buildDemandInput();
      assert.deepEqual(demandProblems(d), [], d.key);
    }
  });

  it('apply overrides, including a field that picks a matching topic', () => {
    const a = buildAchievementInput({ field: 'marine', status: 'draft', orgKey: 'org-x' });
    assert.equal(a.field, 'marine');
    assert.equal(a.status, 'draft');
    assert.equal(a.orgKey, 'org-x');
    assert.ok(TOPICS.some((t) => t.field === 'marine' && t.v.some((v) => v[0] === a.title.zh)));
    assert.equal(buildOrgInput({ kind: 'agency' }).kind, 'agency');
    assert.deepEqual(buildUserInput({ roles: ['broker'] }).roles, ['broker']);
  });

  it('hand out unique keys and emails', () => {
    const built = Array.from({ length: 50 }, () => buildUserInput());
    assert.ok(unique(built.map((u) => u.email)));
    assert.ok(unique(built.map((u) => u.key)));
  });
});
