/**
 * Turns topic-bank entries into achievement and demand records. Pure functions of their inputs
 * and a seeded generator, shared by the demo catalogue (demo.ts) and the test factories.
 */
import { DEAL_MODES, IP_TYPES, REGIONS, fieldLabel, type DealMode, type IpType } from '../../search/src/taxonomy';
import { fenToWan, wanToFen } from '@techbridge/search/money';
import { applicationNumber, patentKindOf, patentTermYears, type PatentKind } from './patents';
import type { Rng } from './prng';
import { FIELD_PROFILES, type Pair, type TechKind, type Topic } from './topics';
import type { Bilingual, DemoAchievement, DemoDemand, DemoModeTerms, DemoOrg, DemoPatent, Trl } from './types';

/** "Today" for the demo data: patent statuses are judged against it. */
export const REFERENCE_DATE = '2026-03-01';

const SLOT = /\{(-?\d+(?:\.\d+)?)~(-?\d+(?:\.\d+)?)\}/g;

/** The number slots of a text, as [lo, hi] source strings. */
export function slotsOf(text: string): [string, string][] {
  return [...text.matchAll(SLOT)].map((m) => [m[1] as string, m[2] as string]);
}

/**
 * Fill the slots of a zh/en pair with the same seeded values in both languages. Word order differs
 * between the languages, so an English slot takes the value of the Chinese slot with the same range
 * (the first one not yet used), not the one in the same position.
 */
export function fillPair([zh, en]: Pair, rng: Rng): Bilingual {
  const values = slotsOf(zh).map(([lo, hi]) => {
    const decimals = lo.includes('.') ? (lo.split('.')[1] as string).length : 0;
    return { range: `${lo}~${hi}`, text: rng.float(Number(lo), Number(hi), decimals).toFixed(decimals), used: false };
  });
  let i = 0;
  const zhOut = zh.replace(SLOT, () => (values[i++] as { text: string }).text);
  const enOut = en.replace(SLOT, (_m, lo: string, hi: string) => {
    const v = values.find((x) => !x.used && x.range === `${lo}~${hi}`);
    if (!v) throw new Error(`slot {${lo}~${hi}} of "${en}" has no Chinese counterpart`);
    v.used = true;
    return v.text;
  });
  return { zh: zhOut, en: enOut };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ── TRL, modes, prices ───────────────────────────────────────────────────────

const TRL_STAGE: Record<Trl, Pair> = {
  1: ['已观察到基本原理', 'basic principles observed'],
  2: ['已形成技术概念', 'technology concept formulated'],
  3: ['已完成实验室原理验证', 'proof of concept in the laboratory'],
  4: ['已完成实验室样品/原型验证', 'laboratory prototype validated'],
  5: ['已完成相关环境下的部件验证', 'components validated in a relevant environment'],
  6: ['已完成中试或工程样机演示', 'pilot-scale or engineering prototype demonstrated'],
  7: ['已在实际运行环境中完成示范应用', 'demonstrated in an operational environment'],
  8: ['已完成定型并实现小批量生产', 'qualified and in small-batch production'],
  9: ['已实现规模化应用', 'proven in large-scale deployment'],
};

/** Base price range in 万元 by TRL: the closer to market, the dearer. */
const BASE_WAN: Record<Trl, readonly [number, number]> = {
  1: [10, 30], 2: [15, 50], 3: [30, 80], 4: [50, 150], 5: [80, 250], 6: [150, 400], 7: [250, 700], 8: [400, 1200], 9: [600, 2000],
};

/** Round 万元 to a figure people actually ask for (5万 steps below 100万, 10万 steps above). */
export const niceWan = (w: number): number => (w < 100 ? Math.max(5, Math.round(w / 5) * 5) : Math.round(w / 10) * 10);

const modeLabelZh = (m: DealMode): string => ({ license: '许可', transfer: '转让', equity: '作价入股' })[m];
const modeLabelEn = (m: DealMode): string => ({ license: 'licence', transfer: 'assignment (transfer)', equity: 'equity contribution' })[m];

export function pickTrl(rng: Rng): Trl {
  return rng.weighted<Trl>([[3, 8], [4, 15], [5, 20], [6, 22], [7, 18], [8, 10], [9, 7]]);
}

/** Offered modes with consistent terms: licence fee < transfer price, equity valuation above both. */
export function pickModes(rng: Rng, trl: Trl, priceFactor: number): DemoModeTerms[] {
  const sets: (readonly [DealMode[], number])[] = [
    [['license'], trl <= 4 ? 25 : 12],
    [['transfer'], trl >= 7 ? 18 : 10],
    [['license', 'transfer'], 35],
    [['license', 'equity'], trl <= 6 ? 12 : 6],
    [['transfer', 'equity'], 5],
    [['license', 'transfer', 'equity'], 14],
  ];
  const modes = rng.weighted(sets);
  const [lo, hi] = BASE_WAN[trl];
  const base = niceWan(rng.float(lo, hi, 0) * priceFactor);
  return modes.map((mode): DemoModeTerms => {
    if (mode === 'transfer') return { mode, askingPrice: wanToFen(base) };
    if (mode === 'license') {
      const royalty = rng.pick([2, 2.5, 3, 3.5, 4, 5, 6, 8]);
      if (rng.chance(0.2)) return { mode, minRoyaltyRate: royalty };
      return { mode, askingPrice: wanToFen(niceWan(base * rng.float(0.15, 0.4, 2))), minRoyaltyRate: royalty };
    }
    return { mode, equity: { valuation: wanToFen(niceWan(base * rng.float(1.5, 3, 2))), maxSharePct: rng.pick([10, 15, 20, 25, 30, 35]) } };
  });
}

// ── patents ──────────────────────────────────────────────────────────────────

const pad2 = (n: number): string => String(n).padStart(2, '0');

const INVENTION_SUFFIX: Record<TechKind, readonly string[]> = {
  material: ['的制备方法', '的表面改性方法', '的性能检测方法', '的连续化生产装置及方法'],
  device: ['的控制方法及装置', '的故障诊断方法', '的结构优化设计方法', '的标定方法及系统'],
  software: ['的数据处理方法、装置及存储介质', '的模型训练方法及系统', '的部署与推理加速方法'],
  bio: ['的制备方法及其应用', '的检测方法及试剂盒', '的纯化工艺'],
  process: ['的工艺方法及系统', '的在线监测方法', '的反应装置及其操作方法'],
};
const UTILITY_PARTS = ['固定装置', '散热结构', '密封组件', '检测工装', '连接机构', '防护罩'];
const DESIGN_PRODUCTS = ['控制终端', '主机', '操作手柄', '外壳'];

function filingWindow(kind: PatentKind, status: DemoPatent['status']): [number, number] {
  if (status === 'pending') return kind === 'invention' ? [2023, 2025] : [2025, 2025];
  if (status === 'expired') return kind === 'invention' ? [2004, 2005] : [2012, 2015];
  if (kind === 'invention') return [2014, 2023];
  return [2017, 2024];
}

/** Patents protecting an achievement: numbers of the kind its IP type implies, valid check digits. */
export function makePatents(rng: Rng, topic: Topic, title: string, ipType: IpType): DemoPatent[] {
  const kind = patentKindOf(ipType);
  if (!kind) return [];
  const count = kind === 'design' ? rng.int(1, 2) : rng.weighted([[1, 4], [2, 4], [3, 2]] as const);
  const techKind = FIELD_PROFILES[topic.field].kind;
  const suffixes = rng.shuffle(INVENTION_SUFFIX[techKind]);
  const parts = rng.shuffle(UTILITY_PARTS);
  const products = rng.shuffle(DESIGN_PRODUCTS);
  const out: DemoPatent[] = [];
  for (let i = 0; i < count; i += 1) {
    const status: DemoPatent['status'] = i > 0 && rng.chance(0.08) ? 'expired' : rng.chance(0.35) ? 'pending' : 'granted';
    const [y0, y1] = filingWindow(kind, status);
    const year = rng.int(y0, y1);
    const filing = `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
    let expiry = `${year + patentTermYears(kind, filing)}${filing.slice(4)}`;
    // A granted patent must still be in force on the reference date; push a borderline one a year.
    if (status !== 'expired' && expiry < REFERENCE_DATE) expiry = `${Number(expiry.slice(0, 4)) + 1}${expiry.slice(4)}`;
    const number = applicationNumber(year, kind, rng.int(10_000, 1_799_999));
    const prefix = status === 'pending' ? rng.pick(['CN', '']) : 'ZL';
    const patentTitle =
      i === 0 ? title
        : kind === 'invention' ? `一种${topic.zh}${suffixes[(i - 1) % suffixes.length]}`
          : kind === 'utility-model' ? `一种${topic.zh}用${parts[(i - 1) % parts.length]}`
            : `${topic.zh}${products[(i - 1) % products.length]}`;
    out.push({ number: `${prefix}${number}`, title: patentTitle, status, expiry });
  }
  return out;
}

function ipSentence(ipType: IpType, patents: DemoPatent[], rng: Rng): Bilingual {
  const granted = patents.filter((p) => p.status === 'granted').length;
  const pending = patents.filter((p) => p.status === 'pending').length;
  const label = IP_TYPES.find((t) => t.code === ipType) ?? IP_TYPES[0];
  if (patents.length > 0) {
    const zh = [granted ? `已获授权${label.zh}${granted}件` : '', pending ? `${granted ? '另有' : ''}${pending}件${label.zh}申请在审` : '']
      .filter(Boolean).join('，');
    const en = [granted ? `${granted} granted ${label.en.toLowerCase()}${granted > 1 ? 's' : ''}` : '', pending ? `${pending} application${pending > 1 ? 's' : ''} pending` : '']
      .filter(Boolean).join(', ');
    return { zh: `知识产权：${zh || `相关${label.zh}已到期`}。`, en: `IP: ${en || `related ${label.en.toLowerCase()}s have expired`}.` };
  }
  const n = rng.int(1, 4);
  switch (ipType) {
    case 'software-copyright': return { zh: `知识产权：已登记计算机软件著作权${n}项。`, en: `IP: ${n} registered software copyright${n > 1 ? 's' : ''}.` };
    case 'ic-layout': return { zh: `知识产权：已登记集成电路布图设计${n}项。`, en: `IP: ${n} registered IC layout design${n > 1 ? 's' : ''}.` };
    case 'plant-variety': return { zh: '知识产权：已获植物新品种权，品种已通过审定。', en: 'IP: plant variety rights granted; the variety is officially registered.' };
    default: return { zh: '知识产权：以技术秘密方式保护，未公开申请专利。', en: 'IP: protected as know-how; no patent filed.' };
  }
}

// ── confidential details ─────────────────────────────────────────────────────

const VALIDATION: Record<TechKind, readonly Pair[]> = {
  material: [
    ['中试线连续运行{120~480} h，批次间关键性能偏差≤{1.5~4.0}%，综合良率{88~97}%', 'the pilot line ran {120~480} h continuously with batch-to-batch deviation within {1.5~4.0}% and {88~97}% overall yield'],
    ['第三方检测报告{2~5}份，加速老化{500~2000} h后性能衰减<{3~8}%', '{2~5} third-party test reports; under {3~8}% degradation after {500~2000} h of accelerated ageing'],
  ],
  device: [
    ['工程样机累计运行{800~5000} h，平均无故障时间（MTBF）{2000~12000} h', 'engineering prototypes logged {800~5000} h with an MTBF of {2000~12000} h'],
    ['通过EMC及高低温环境试验（-{20~40} ℃至{55~85} ℃），已在{2~6}家用户现场试用', 'passed EMC and climatic tests (−{20~40} °C to {55~85} °C) and is on trial at {2~6} customer sites'],
  ],
  software: [
    ['在{3~12}家合作单位真实数据上验证，数据规模约{20~500}万条，关键指标较基线提升{8~35}%', 'validated on real data from {3~12} partners (about {20~500}×10⁴ records), key metric {8~35}% above baseline'],
    ['已在{2~8}个项目中部署，连续运行{6~24}个月，可用性{99.5~99.99}%', 'deployed in {2~8} projects, running {6~24} months at {99.5~99.99}% availability'],
  ],
  bio: [
    ['完成{2~4}批次中试放大，收率{62~91}%，纯度≥{98.0~99.8}%', '{2~4} pilot scale-up batches at {62~91}% yield and at least {98.0~99.8}% purity'],
    ['动物实验样本量n={24~120}，主要终点差异具有统计学意义（P<0.05）', 'animal studies with n={24~120} reached significance on the primary endpoint (P<0.05)'],
  ],
  process: [
    ['工业侧线试验{30~180}天，吨产品能耗降低{8~30}%，运行成本下降{10~35}%', 'an industrial side-stream trial of {30~180} days cut energy per tonne by {8~30}% and operating cost by {10~35}%'],
    ['中试装置处理规模{0.5~20} t/d，连续运行{60~300}天无重大故障', 'a {0.5~20} t/d pilot plant ran {60~300} days without major failure'],
  ],
};

const KNOW_HOW: readonly Pair[] = [
  ['关键原料/器件供应商清单及{2~4}家替代来源评估', 'key material and component suppliers with {2~4} evaluated alternates'],
  ['工艺窗口边界与失效模式分析（FMEA），含{15~40}项失效模式及对策', 'process-window limits and an FMEA covering {15~40} failure modes with countermeasures'],
  ['非标设备图纸{20~60}张及设备选型说明', '{20~60} drawings of non-standard equipment with selection notes'],
  ['质量控制SOP {8~20}份及关键检验方法', '{8~20} quality-control SOPs and the key inspection methods'],
  ['{2~5}项尚未申请专利的改进方案', '{2~5} improvements not yet filed as patents'],
];
const SOFTWARE_KNOW_HOW: readonly Pair[] = [
  ['核心算法源代码约{3~12}万行及模型权重文件', 'about {3~12}×10⁴ lines of core source code plus model weights'],
  ['数据标注规范与数据清洗流程文档', 'data-labelling guidelines and data-cleaning procedures'],
];

function details(topic: Topic, rng: Rng): Bilingual {
  const kind = FIELD_PROFILES[topic.field].kind;
  const secret = fillPair(topic.secret, rng);
  const validation = fillPair(rng.pick(VALIDATION[kind]), rng);
  const pool = kind === 'software' ? [...SOFTWARE_KNOW_HOW, ...KNOW_HOW] : KNOW_HOW;
  const knowHow = rng.sample(pool, 2).map((p) => fillPair(p, rng));
  const delivery = fillPair(['技术资料包、{3~10}人日现场技术指导及{6~24}个月技术支持', 'a technical dossier, {3~10} person-days of on-site guidance and {6~24} months of support'], rng);
  return {
    zh: [
      `【核心工艺与参数】${secret.zh}。`,
      `【试验与验证数据】${validation.zh}。`,
      `【技术诀窍】${knowHow.map((k) => k.zh).join('；')}。`,
      `【交付内容】${delivery.zh}。`,
    ].join('\n'),
    en: [
      `[Core process and parameters] ${cap(secret.en)}.`,
      `[Test and validation data] ${cap(validation.en)}.`,
      `[Know-how] ${cap(knowHow.map((k) => k.en).join('; '))}.`,
      `[Deliverables] ${cap(delivery.en)}.`,
    ].join('\n'),
  };
}

// ── achievements ─────────────────────────────────────────────────────────────

/** Keywords: the topic's search words minus a random one or two, in bank order. */
function keywordsFor(topic: Topic, rng: Rng, drop: number): string[] {
  const dropped = new Set(rng.sample(topic.kw.slice(2), drop));
  return topic.kw.filter((k) => !dropped.has(k));
}

export interface AchievementSpec {
  key: string;
  topic: Topic;
  variant: 0 | 1 | 2;
  org: DemoOrg;
  status: DemoAchievement['status'];
}

/** One achievement from a topic variant, offered by `org`. */
export function composeAchievement(spec: AchievementSpec, rng: Rng): DemoAchievement {
  const { topic, org } = spec;
  const v = topic.v[spec.variant];
  const profile = FIELD_PROFILES[topic.field];
  const title = { zh: v[0], en: v[1] };
  const claim = fillPair([v[2], v[3]], rng);
  const trl = pickTrl(rng);
  const ipChoices = topic.ip ?? profile.ip;
  const ipType = rng.weighted(ipChoices.map((t, i) => [t, [6, 3, 1][i] ?? 1] as const));
  const patents = makePatents(rng, topic, title.zh, ipType);
  const modes = pickModes(rng, trl, profile.price);
  const gap = { zh: topic.gap[0], en: topic.gap[1] };
  const use = { zh: topic.use[0], en: topic.use[1] };
  const opener = rng.int(0, 2);
  const lead: Bilingual =
    opener === 0
      ? { zh: `${gap.zh}。“${title.zh}”针对上述问题提出了系统解决方案，主要指标：${claim.zh}。`, en: `${cap(gap.en)}. "${title.en}" addresses this. Key results: ${claim.en}.` }
      : opener === 1
        ? { zh: `本成果面向${use.zh}，针对${gap.zh}的问题，研发了“${title.zh}”，主要指标：${claim.zh}。`, en: `Developed for ${use.en}, "${title.en}" tackles a familiar problem: ${gap.en}. Key results: ${claim.en}.` }
        : { zh: `“${title.zh}”是${org.name.zh}在${topic.zh}方向的代表性成果，主要指标：${claim.zh}。`, en: `"${title.en}" is a flagship result of ${org.name.en} in ${topic.en}. Key results: ${claim.en}.` };
  const ip = ipSentence(ipType, patents, rng);
  const stage = TRL_STAGE[trl];
  const modeZh = modes.map((m) => modeLabelZh(m.mode)).join('、');
  const modeEn = modes.map((m) => modeLabelEn(m.mode)).join(', ');
  const summary: Bilingual = {
    zh: [lead.zh, opener === 1 ? '' : `应用领域：${use.zh}。`, `技术成熟度：${stage[0]}（TRL ${trl}）。`, ip.zh, `合作方式：${modeZh}。`].join(''),
    en: [lead.en, opener === 1 ? '' : `Applications: ${use.en}.`, `Maturity: ${stage[1]} (TRL ${trl}).`, ip.en, `Deal modes: ${modeEn}.`].filter(Boolean).join(' '),
  };
  return {
    key: spec.key,
    orgKey: org.key,
    title,
    summary,
    details: details(topic, rng),
    field: topic.field,
    keywords: keywordsFor(topic, rng, rng.int(0, 2)),
    trl,
    ipType,
    patents,
    modes,
    region: org.region,
    status: spec.status,
  };
}

// ── demands ──────────────────────────────────────────────────────────────────

// Topic names such as 充换电技术 must not become 充换电技术技术合作.
const bare = (zh: string): string => zh.replace(/技术$/, '');

const DEMAND_TITLES: readonly ((t: Topic) => Bilingual)[] = [
  (t) => ({ zh: `寻求${bare(t.zh)}技术合作`, en: `Seeking a technology partner for ${t.en}` }),
  (t) => ({ zh: `${bare(t.zh)}关键技术攻关`, en: `Key R&D challenge: ${t.en}` }),
  (t) => ({ zh: `征集${t.zh}解决方案`, en: `Call for solutions: ${t.en}` }),
  (t) => ({ zh: `引进${bare(t.zh)}成熟技术`, en: `Licensing in proven ${t.en} technology` }),
  (t) => ({ zh: `${t.zh}产业化合作需求`, en: `Industrialisation partner wanted: ${t.en}` }),
];

const NEEDS: readonly Pair[] = [
  ['拟引进成熟技术并在现有产线上实现产业化', 'we intend to bring in a mature technology and industrialise it on our existing lines'],
  ['希望与高校、科研院所联合攻关', 'we would like to work on it jointly with a university or research institute'],
  ['寻求可在半年内导入生产的技术方案', 'we are looking for a solution that can enter production within six months'],
  ['计划新建产线，需要配套的核心技术与工艺包', 'we are planning a new line and need the core technology and process package'],
];

const PAIN_OPENERS: readonly Pair[] = [
  ['目前生产中面临', 'In production we face the following problem: '],
  ['在产品升级过程中发现', 'While upgrading our products we found that '],
  ['现有方案的主要问题是', 'The main problem with our current approach: '],
];

export interface DemandSpec {
  key: string;
  topic: Topic;
  org: DemoOrg;
  /** The achievement the demand was written against: its constraints are made compatible. */
  anchor: DemoAchievement;
  /** Which of the topic's variants the anchor is: the demand's target figures then follow it. */
  anchorVariant?: 0 | 1 | 2;
  anonymous: boolean;
  status: DemoDemand['status'];
}

/** The money a buyer would put into a deal in `mode` with the given achievement terms, in fen. */
export function referencePrice(terms: DemoModeTerms): number {
  if (terms.mode === 'transfer') return terms.askingPrice ?? wanToFen(100);
  if (terms.mode === 'license') return terms.askingPrice ?? wanToFen(50);
  const e = terms.equity;
  return e ? Math.round((e.valuation * e.maxSharePct) / 100) : wanToFen(200);
}

/** A demand an enterprise wrote about a topic, compatible with (but not copied from) `anchor`. */
export function composeDemand(spec: DemandSpec, rng: Rng): DemoDemand {
  const { topic, org, anchor } = spec;
  const anchorTerms = rng.pick(anchor.modes);
  const modes: DealMode[] = [anchorTerms.mode];
  if (rng.chance(0.45)) {
    const other = rng.pick(DEAL_MODES.map((m) => m.code).filter((m) => m !== anchorTerms.mode));
    modes.push(other);
  }
  modes.sort((a, b) => DEAL_MODES.findIndex((m) => m.code === a) - DEAL_MODES.findIndex((m) => m.code === b));
  const ref = fenToWan(referencePrice(anchorTerms));
  const budgetMin = wanToFen(niceWan(ref * rng.float(0.4, 0.8, 2)));
  const budgetMax = wanToFen(Math.max(niceWan(ref * rng.float(1.15, 1.8, 2)), fenToWan(budgetMin) + 10));
  const minTrl = Math.max(3, anchor.trl - rng.int(0, 2)) as Trl;
  const finalMinTrl = (minTrl > anchor.trl ? anchor.trl : minTrl) as Trl;
  const deadline = `2027-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
  const title = rng.pick(DEMAND_TITLES)(topic);
  const variant = spec.anchorVariant === undefined ? rng.pick(topic.v) : topic.v[spec.anchorVariant];
  const wanted = fillPair([variant[2], variant[3]], rng);
  const need = rng.pick(NEEDS);
  const pain = rng.pick(PAIN_OPENERS);
  const region = REGIONS.find((r) => r.code === org.region) ?? REGIONS[0];
  const field = fieldLabel(topic.field) ?? { zh: topic.zh, en: topic.en };
  const intro: Bilingual = spec.anonymous
    ? { zh: `我们是一家位于${region.zh}的${field.zh}企业。`, en: `We are a company in ${field.en.toLowerCase()} based in ${region.en}.` }
    : { zh: `${org.name.zh}是一家${field.zh}领域的高新技术企业。`, en: `${org.name.en} is a high-tech company in ${field.en.toLowerCase()}.` };
  const modeZh = modes.map(modeLabelZh).join('或');
  const modeEn = modes.map(modeLabelEn).join(' or ');
  const lo = fenToWan(budgetMin);
  const hi = fenToWan(budgetMax);
  // Keep at least one of the anchor's keywords so the two genuinely share search terms.
  const shared = rng.pick(anchor.keywords);
  const others = rng.sample(topic.kw.filter((k) => k !== shared), rng.int(2, 4));
  const keywords = topic.kw.filter((k) => k === shared || others.includes(k));
  return {
    key: spec.key,
    orgKey: org.key,
    title,
    description: {
      zh: `${intro.zh}${pain[0]}${topic.gap[0]}，${need[0]}。期望指标：${wanted.zh}。要求技术成熟度不低于TRL ${finalMinTrl}，可接受${modeZh}方式合作，预算${lo}–${hi}万元，希望于${deadline}前完成技术对接与验证。`,
      en: `${intro.en} ${pain[1]}${topic.gap[1]}; ${need[1]}. Target: ${wanted.en}. Minimum maturity TRL ${finalMinTrl}; we accept ${modeEn}; budget ${lo}–${hi} ×10⁴ yuan; technical docking and validation should be complete by ${deadline}.`,
    },
    field: topic.field,
    keywords,
    budgetMin,
    budgetMax,
    deadline,
    modes,
    minTrl: finalMinTrl,
    region: org.region,
    anonymous: spec.anonymous,
    status: spec.status,
  };
}
