/**
 * The demo catalogue: organisations, users, 300 achievements, 150 demands and broker portfolios,
 * built deterministically from the topic banks (topics/) and organisation banks (orgs.ts).
 * Every random choice comes from a generator seeded by a fixed string, so two calls — on any
 * machine — return deep-equal data.
 */
import { FIELD_CODES, REGIONS, fieldLabel, type FieldCode } from '../../search/src/taxonomy';
import { composeAchievement, composeDemand } from './compose';
import { AGENCIES, ENTERPRISES, GIVEN_NAMES, INDUSTRY_WORDS, INSTITUTES, SURNAMES, UNIVERSITIES, type SupplierRow } from './orgs';
import { createRng, type Rng } from './prng';
import { buildDeals } from './deals';
import { withCreditCheck } from '../../api/src/orgs/credit-code';
import { TOPICS, topicsOf, type Topic } from './topics';
import type { DemoAchievement, DemoBrokerPortfolio, DemoData, DemoDemand, DemoOrg, DemoUser } from './types';

/** Password of every demo user except the platform admin (documented in seed/README.md). */
export const DEMO_PASSWORD = 'Demo#2026';
/** Password of admin@techbridge.cn. */
export const ADMIN_PASSWORD = 'Admin#2026';

export const ACHIEVEMENT_COUNT = 300;
export const DEMAND_COUNT = 150;
export const ACHIEVEMENT_DRAFTS = 30;
export const DEMAND_DRAFTS = 15;
export const DEMAND_ANONYMOUS = 23;

/** Achievement key of a topic variant (1-based), e.g. `ach-perovskite-2`. */
export const achievementKey = (topicId: string, variant: number): string => `ach-${topicId}-${variant}`;

const fieldsOf = (row: SupplierRow): readonly FieldCode[] => row[6];
const listFields = (fields: readonly FieldCode[], lang: 'zh' | 'en'): string =>
  fields.map((f) => fieldLabel(f)?.[lang] ?? f).join(lang === 'zh' ? '、' : ', ');
const provinceOf = (code: string) => REGIONS.find((r) => r.code === code) ?? REGIONS[0];

function supplierOrg(row: SupplierRow, kind: 'university' | 'institute'): DemoOrg {
  const [slug, zh, en, region, cityZh, cityEn, fields] = row;
  const prov = provinceOf(region);
  // Municipalities (北京市, 上海市 …) are their own city: say it once.
  const whereZh = prov.zh.startsWith(cityZh) ? prov.zh : `${prov.zh}${cityZh}`;
  const whereEn = prov.en === cityEn ? cityEn : `${cityEn}, ${prov.en}`;
  const fieldsLower = listFields(fields, 'en').toLowerCase();
  const description =
    kind === 'university'
      ? {
          zh: `${zh}是位于${whereZh}的理工科为主、多学科协调发展的高校，在${listFields(fields, 'zh')}等方向拥有省部级重点实验室和成果转化团队。`,
          en: `${en} is an engineering-led university in ${whereEn}, with provincial key laboratories and technology-transfer teams in ${fieldsLower}.`,
        }
      : {
          zh: `${zh}地处${cityZh}，是面向产业需求的科研机构，重点开展${listFields(fields, 'zh')}领域的应用基础研究与工程化开发。`,
          en: `${en}, based in ${cityEn}, is an industry-oriented research institute working on applied research and engineering in ${fieldsLower}.`,
        };
  return { key: `org-${slug}`, kind, name: { zh, en }, region, city: { zh: cityZh, en: cityEn }, verified: true, description };
}

/**
 * An invented 统一社会信用代码 for a demo organisation: 12 (public institution) for universities
 * and institutes, 91 (company) otherwise, its region, nine digits from its key, the GB 32100 check.
 */
function demoCreditCode(org: DemoOrg): string {
  let h = 2166136261;
  for (const c of org.key) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const kind = org.kind === 'university' || org.kind === 'institute' ? '12' : '91';
  return withCreditCheck(`${kind}${org.region}${String(h % 1_000_000_000).padStart(9, '0')}`);
}

function buildOrgs(): { orgs: DemoOrg[]; supplierFields: Map<string, readonly FieldCode[]>; enterpriseField: Map<string, FieldCode> } {
  const rng = createRng('demo:orgs');
  const supplierFields = new Map<string, readonly FieldCode[]>();
  const enterpriseField = new Map<string, FieldCode>();
  const orgs: DemoOrg[] = [];
  for (const row of UNIVERSITIES) {
    const org = supplierOrg(row, 'university');
    orgs.push(org);
    supplierFields.set(org.key, fieldsOf(row));
  }
  for (const row of INSTITUTES) {
    const org = supplierOrg(row, 'institute');
    orgs.push(org);
    supplierFields.set(org.key, fieldsOf(row));
  }
  ENTERPRISES.forEach(([slug, brandZh, brandEn, field, region, cityZh, cityEn], i) => {
    const [indZh, indEn] = INDUSTRY_WORDS[field];
    const listed = i % 4 === 3;
    const zh = `${cityZh}${brandZh}${indZh}${listed ? '股份有限公司' : '有限公司'}`;
    const en = `${cityEn} ${brandEn} ${indEn} Co., Ltd.`;
    const label = fieldLabel(field) ?? { zh: indZh, en: indEn };
    const founded = rng.int(2003, 2021);
    const staff = rng.pick([80, 150, 300, 600, 1200, 3000]);
    orgs.push({
      key: `org-${slug}`,
      kind: 'enterprise',
      name: { zh, en },
      region,
      city: { zh: cityZh, en: cityEn },
      // A few enterprises are still awaiting verification, so the admin flow has something to do.
      verified: !rng.chance(0.15),
      description: {
        zh: `${zh}成立于${founded}年，是专注于${label.zh}领域的国家高新技术企业，员工约${staff}人。`,
        en: `${en}, founded in ${founded}, is a national high-tech enterprise in ${label.en.toLowerCase()} with about ${staff} employees.`,
      },
    });
    enterpriseField.set(`org-${slug}`, field);
  });
  for (const [slug, zh, en, region, cityZh, cityEn, covered] of AGENCIES) {
    orgs.push({
      key: `org-${slug}`,
      kind: 'agency',
      name: { zh, en },
      region,
      city: { zh: cityZh, en: cityEn },
      verified: true,
      description: {
        zh: `${zh}是国家技术转移示范机构，服务${covered.map((c) => provinceOf(c).zh).join('、')}等地，提供成果评价、供需对接、技术经纪与交易鉴证服务。`,
        en: `${en} is a national technology-transfer demonstration agency serving ${covered.map((c) => provinceOf(c).en).join(', ')}, offering valuation, matchmaking, brokerage and contract certification.`,
      },
    });
  }
  for (const org of orgs) org.creditCode = demoCreditCode(org);
  return { orgs, supplierFields, enterpriseField };
}

function personName(rng: Rng): { zh: string; en: string; pinyin: string } {
  const [sZh, sEn] = rng.pick(SURNAMES);
  const [gZh, gEn] = rng.pick(GIVEN_NAMES);
  return { zh: `${sZh}${gZh}`, en: `${gEn} ${sEn}`, pinyin: `${gEn}.${sEn}`.toLowerCase() };
}

const emailDomain = (org: DemoOrg): string => {
  const slug = org.key.replace(/^org-/, '');
  if (org.kind === 'university') return `${slug}.edu.cn`;
  if (org.kind === 'institute') return `${slug}.ac.cn`;
  if (org.kind === 'agency') return `${slug}.org.cn`;
  return `${slug}.com`;
};

function buildUsers(orgs: DemoOrg[]): DemoUser[] {
  const rng = createRng('demo:users');
  const users: DemoUser[] = [
    { key: 'user-platform-admin', email: 'admin@techbridge.cn', password: ADMIN_PASSWORD, name: '平台管理员', orgKey: null, roles: ['platform-admin'], locale: 'zh' },
  ];
  for (const org of orgs) {
    const slug = org.key.replace(/^org-/, '');
    const locale = rng.chance(0.1) ? 'en' : 'zh';
    const person = personName(rng);
    users.push({
      key: `user-${slug}-admin`,
      email: `admin@${emailDomain(org)}`,
      password: DEMO_PASSWORD,
      name: locale === 'en' ? person.en : person.zh,
      orgKey: org.key,
      roles: ['member', 'org-admin'],
      locale,
    });
    if (org.kind === 'agency') {
      for (const n of [1, 2]) {
        const broker = personName(rng);
        users.push({
          key: `user-${slug}-broker${n}`,
          email: `broker${n}@${emailDomain(org)}`,
          password: DEMO_PASSWORD,
          name: broker.zh,
          orgKey: org.key,
          roles: ['member', 'broker'],
          locale: 'zh',
        });
      }
    }
  }
  return users;
}

function buildAchievements(orgs: DemoOrg[], supplierFields: Map<string, readonly FieldCode[]>): DemoAchievement[] {
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const specs: { key: string; topic: Topic; variant: 0 | 1 | 2 }[] = [];
  for (const topic of TOPICS) for (const variant of [0, 1, 2] as const) specs.push({ key: achievementKey(topic.id, variant + 1), topic, variant });
  const drafts = new Set(createRng('demo:achievement-drafts').sample(specs.map((s) => s.key), ACHIEVEMENT_DRAFTS));
  // Spread a topic's three variants over different suppliers active in its field.
  const ownerOf = new Map<string, DemoOrg>();
  for (const topic of TOPICS) {
    const candidates = [...supplierFields].filter(([, fields]) => fields.includes(topic.field)).map(([key]) => byKey.get(key) as DemoOrg);
    const rng = createRng(`demo:owners:${topic.id}`);
    const chosen = rng.shuffle(candidates);
    for (const variant of [0, 1, 2]) ownerOf.set(achievementKey(topic.id, variant + 1), chosen[variant % chosen.length] as DemoOrg);
  }
  return specs.map(({ key, topic, variant }) =>
    composeAchievement({ key, topic, variant, org: ownerOf.get(key) as DemoOrg, status: drafts.has(key) ? 'draft' : 'published' }, createRng(`demo:${key}`)),
  );
}

function buildDemands(orgs: DemoOrg[], enterpriseField: Map<string, FieldCode>, achievements: DemoAchievement[]): DemoDemand[] {
  const rng = createRng('demo:demands');
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');
  // 150 demands over 60 enterprises: half post three, half two.
  const threes = new Set(rng.sample(enterprises.map((e) => e.key), DEMAND_COUNT - 2 * enterprises.length));
  const published = achievements.filter((a) => a.status === 'published');
  const specs: { org: DemoOrg; topic: Topic }[] = [];
  const nextTopic = new Map<FieldCode, Topic[]>();
  for (const org of enterprises) {
    const field = enterpriseField.get(org.key) as FieldCode;
    const count = threes.has(org.key) ? 3 : 2;
    for (let i = 0; i < count; i += 1) {
      // Cycle through the field's topics so one field's demands cover its topics evenly.
      let queue = nextTopic.get(field) ?? [];
      if (queue.length === 0) queue = rng.shuffle(topicsOf(field));
      const topic = queue.shift() as Topic;
      nextTopic.set(field, queue);
      specs.push({ org, topic });
    }
  }
  const keys = specs.map((_, i) => `dem-${String(i + 1).padStart(3, '0')}`);
  const drafts = new Set(rng.sample(keys, DEMAND_DRAFTS));
  const anonymous = new Set(rng.sample(keys, DEMAND_ANONYMOUS));
  return specs.map(({ org, topic }, i) => {
    const key = keys[i] as string;
    const demandRng = createRng(`demo:${key}`);
    const candidates = published.filter((a) => a.key.startsWith(`ach-${topic.id}-`));
    const anchor = demandRng.pick(candidates);
    const anchorVariant = (Number(anchor.key.slice(anchor.key.lastIndexOf('-') + 1)) - 1) as 0 | 1 | 2;
    return composeDemand({ key, topic, org, anchor, anchorVariant, anonymous: anonymous.has(key), status: drafts.has(key) ? 'draft' : 'open' }, demandRng);
  });
}

function buildPortfolios(orgs: DemoOrg[], users: DemoUser[]): DemoBrokerPortfolio[] {
  const portfolios: DemoBrokerPortfolio[] = [];
  for (const [slug, , , , , , covered] of AGENCIES) {
    const rng = createRng(`demo:portfolio:${slug}`);
    const clients = rng.shuffle(orgs.filter((o) => o.kind !== 'agency' && covered.includes(o.region)));
    const brokers = users.filter((u) => u.orgKey === `org-${slug}` && u.roles.includes('broker'));
    brokers.forEach((broker, i) => {
      const mine = clients.filter((_, j) => j % brokers.length === i).slice(0, 12);
      portfolios.push({ brokerUserKey: broker.key, orgKeys: mine.map((o) => o.key) });
    });
  }
  return portfolios;
}

/** The whole demo catalogue. Deterministic: every call returns deep-equal data. */
export function buildDemoData(): DemoData {
  const { orgs, supplierFields, enterpriseField } = buildOrgs();
  const users = buildUsers(orgs);
  const achievements = buildAchievements(orgs, supplierFields);
  const demands = buildDemands(orgs, enterpriseField, achievements);
  const portfolios = buildPortfolios(orgs, users);
  const deals = buildDeals(orgs, users, achievements, demands, portfolios);
  return { orgs, users, achievements, demands, portfolios, deals };
}

/** Fields the catalogue covers, for checks and docs. */
export const coveredFields = (data: DemoData): FieldCode[] => FIELD_CODES.filter((f) => data.achievements.some((a) => a.field === f));
