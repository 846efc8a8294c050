/**
 * Deterministic synthetic listings and queries for search benchmarks: bilingual achievements over
 * every field, region and deal mode, with varied prices and TRLs, and a query mix (Chinese,
 * English, mixed, typos, cross-language synonyms) with filters and facets. Same seed, same output.
 */
import type { AchievementDoc, AchievementStatus, OrgKind } from '@techbridge/search/indexes';
import type { Filter, SearchQuery } from '@techbridge/search/engine';
import { CONCEPTS, type Concept } from '@techbridge/search/synonyms';
import { YUAN_PER_WAN, wanToFen } from '@techbridge/search/money';
import { DEAL_MODE_CODES, FIELDS, IP_TYPE_CODES, REGIONS, type DealMode, type FieldCode } from '@techbridge/search/taxonomy';

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const chance = (r: Rand, p: number) => r() < p;
function sample<T>(r: Rand, xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0] as T);
  return out;
}

const byField = new Map<FieldCode, Concept[]>();
for (const c of CONCEPTS) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);

const MODIFIERS: readonly [string, string][] = [
  ['高性能', 'high-performance'], ['低成本', 'low-cost'], ['高效', 'efficient'], ['新型', 'novel'],
  ['智能', 'intelligent'], ['绿色', 'green'], ['高精度', 'high-precision'], ['长寿命', 'long-life'],
  ['柔性', 'flexible'], ['大规模', 'large-scale'], ['高安全', 'high-safety'], ['轻量化', 'lightweight'],
  ['高可靠', 'highly reliable'], ['国产化', 'domestic'], ['模块化', 'modular'], ['便携式', 'portable'],
];
const OUTCOMES: readonly [string, string][] = [
  ['制备方法', 'preparation method'], ['系统及装置', 'system and device'], ['关键技术', 'key technology'],
  ['生产工艺', 'production process'], ['检测方法', 'detection method'], ['控制方法', 'control method'],
  ['集成平台', 'integration platform'], ['优化算法', 'optimization algorithm'], ['测试设备', 'test equipment'],
  ['产业化应用', 'industrial application'], ['设计方法', 'design method'], ['评估模型', 'evaluation model'],
];
const SENTENCES_ZH: readonly string[] = [
  '本成果针对{a}领域的关键难题，提出了{b}的{m}技术路线。',
  '项目团队经过多年研发，在{a}方面取得突破，性能指标达到国际先进水平。',
  '该技术已完成中试验证，可显著降低{b}的生产成本，适合规模化推广。',
  '成果已获授权发明专利多项，可用于{a}与{b}的集成应用。',
  '与传统方案相比，{m}{a}的效率提升约{n}%，能耗降低明显。',
  '适用于{f}行业的企业开展技术升级和产品迭代。',
];
const SENTENCES_EN: readonly string[] = [
  'This result addresses key challenges in {a} with a {m} approach to {b}.',
  'After years of research the team achieved a breakthrough in {a}, reaching internationally advanced performance.',
  'The technology has passed pilot-scale validation and lowers the cost of {b} for large-scale deployment.',
  'Protected by granted invention patents, it can be integrated with {a} and {b}.',
  'Compared with conventional solutions, efficiency of {a} improves by about {n}%.',
  'Suitable for companies in {f} upgrading their products.',
];
const ORG_KINDS: readonly OrgKind[] = ['university', 'university', 'university', 'institute', 'institute', 'enterprise', 'agency'];
const STATUSES: readonly AchievementStatus[] = ['published', 'published', 'published', 'published', 'published', 'published', 'published', 'negotiating', 'transacted', 'withdrawn', 'draft'];
const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 1);

function fill(template: string, a: Concept, b: Concept, m: [string, string], lang: 'zh' | 'en', r: Rand): string {
  const field = FIELDS.find((f) => f.code === a.field);
  return template
    .replaceAll('{a}', a[lang])
    .replaceAll('{b}', b[lang])
    .replaceAll('{m}', m[lang === 'zh' ? 0 : 1])
    .replaceAll('{n}', String(int(r, 10, 60)))
    .replaceAll('{f}', field ? (lang === 'zh' ? field.zh : field.en.toLowerCase()) : '');
}

/** A price in fen between 5万元 and 5000万元, log-uniform, rounded to 1万元. */
function price(r: Rand): number {
  const yuan = Math.exp(Math.log(50_000) + r() * (Math.log(50_000_000) - Math.log(50_000)));
  return wanToFen(Math.round(yuan / YUAN_PER_WAN));
}

/** `n` synthetic achievements; the same `seed` always gives the same list. */
export function generateAchievements(n: number, seed: number): AchievementDoc[] {
  const r = prng(seed);
  const out: AchievementDoc[] = [];
  for (let i = 0; i < n; i++) {
    const field = pick(r, FIELDS).code;
    const own = byField.get(field) ?? [];
    const a = pick(r, own);
    // One listing in five combines its field with a concept from another (AI for batteries…).
    const b = chance(r, 0.2) ? pick(r, CONCEPTS) : pick(r, own);
    const m = pick(r, MODIFIERS);
    const o = pick(r, OUTCOMES);
    const lang = r();
    const hasZh = lang < 0.95;
    const hasEn = lang > 0.2;
    const sentences = sample(r, [0, 1, 2, 3, 4, 5], int(r, 2, 4));
    const modes = sample(r, DEAL_MODE_CODES, int(r, 1, 3)) as DealMode[];
    const patents = Array.from({ length: int(r, 0, 3) }, (_, k) => ({
      number: `CN${int(r, 101000000, 119999999)}${pick(r, ['A', 'B'])}`,
      title: k % 2 === 0 ? `一种${pick(r, own).zh}的${pick(r, OUTCOMES)[0]}` : `${pick(r, own).en} ${pick(r, OUTCOMES)[1]}`,
    }));
    const status = pick(r, STATUSES);
    const doc: AchievementDoc = {
      id: `ach-${seed}-${i}`,
      orgId: `org-${int(r, 1, 2000)}`,
      orgKind: pick(r, ORG_KINDS),
      title: {
        ...(hasZh ? { zh: `${m[0]}${a.zh}${a === b ? '' : '与' + b.zh}${o[0]}` } : {}),
        ...(hasEn ? { en: `${m[1]} ${a.en}${a === b ? '' : ' and ' + b.en} ${o[1]}` } : {}),
      },
      summary: {
        ...(hasZh ? { zh: sentences.map((s) => fill(SENTENCES_ZH[s] as string, a, b, m, 'zh', r)).join('') } : {}),
        ...(hasEn ? { en: sentences.map((s) => fill(SENTENCES_EN[s] as string, a, b, m, 'en', r)).join(' ') } : {}),
      },
      keywords: [...new Set([a.zh, a.en, b.zh, ...(chance(r, 0.5) ? [b.en] : []), ...sample(r, own, 2).map((c) => (chance(r, 0.5) ? c.zh : c.en))])],
      field,
      region: pick(r, REGIONS).code,
      trl: Math.min(9, Math.max(1, Math.round(2 + r() * 4 + r() * 3))),
      ipType: pick(r, IP_TYPE_CODES),
      patents,
      modes,
      ...(chance(r, 0.9) ? { askingPrice: price(r) } : {}),
      status,
      ...(status === 'draft' ? {} : { publishedAt: EPOCH - int(r, 0, 3 * 365) * DAY - int(r, 0, DAY - 1) }),
    };
    out.push(doc);
  }
  return out;
}

/** One edit (drop, double or swap a letter) in a random English word of 5+ letters, if any. */
function typo(r: Rand, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/.test(w));
  if (!candidates.length) return text;
  const [w, i] = pick(r, candidates);
  const p = int(r, 1, w.length - 2);
  const kind = int(r, 0, 1);
  words[i] = kind === 0 ? w.slice(0, p) + w.slice(p + 1) : w.slice(0, p) + (w[p] === 'a' ? 'e' : 'a') + w.slice(p + 1);
  return words.join(' ');
}

/**
 * `n` benchmark queries: 40% Chinese, 40% English, 20% mixed, one in ten English with a typo;
 * most with filters (status, field, region, modes, TRL and price ranges) and facets.
 */
export function generateQueries(n: number, seed: number): SearchQuery[] {
  const r = prng(seed ^ 0x9e3779b9);
  const queries: SearchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const c1 = pick(r, CONCEPTS);
    const c2 = chance(r, 0.4) ? pick(r, (byField.get(c1.field) ?? []).filter((c) => c !== c1)) : undefined;
    const lang = r();
    let text: string;
    if (lang < 0.4) text = [c1.zh, c2?.zh].filter(Boolean).join(chance(r, 0.5) ? ' ' : '');
    else if (lang < 0.8) text = [c1.en, c2?.en].filter(Boolean).join(' ');
    else text = [c1.zh, c2?.en ?? pick(r, MODIFIERS)[1]].join(' ');
    if (lang >= 0.4 && chance(r, 0.25)) text = typo(r, text);

    const filters: Filter[] = [];
    if (chance(r, 0.8)) filters.push({ field: 'status', op: 'eq', value: 'published' });
    if (chance(r, 0.3)) filters.push({ field: 'field', op: 'eq', value: c1.field });
    if (chance(r, 0.3)) filters.push({ field: 'region', op: 'in', values: sample(r, REGIONS, int(r, 1, 4)).map((x) => x.code) });
    if (chance(r, 0.3)) filters.push({ field: 'modes', op: 'in', values: sample(r, DEAL_MODE_CODES, int(r, 1, 2)) });
    if (chance(r, 0.3)) filters.push({ field: 'trl', op: 'range', min: int(r, 3, 7) });
    if (chance(r, 0.25)) {
      const min = wanToFen(int(r, 0, 200));
      filters.push({ field: 'askingPrice', op: 'range', min, max: min + wanToFen(int(r, 50, 2000)) });
    }
    const sort = chance(r, 0.2) ? [pick(r, [{ field: 'publishedAt', dir: 'desc' }, { field: 'askingPrice', dir: 'asc' }, { field: 'trl', dir: 'desc' }] as const)] : undefined;
    queries.push({
      text,
      filters,
      facets: ['field', 'region', 'modes', 'trl', 'ipType'],
      ...(sort ? { sort } : {}),
      page: chance(r, 0.85) ? 1 : int(r, 2, 3),
      pageSize: 20,
      highlight: ['title.zh', 'title.en'],
    });
  }
  return queries;
}
