/**
 * Test factories: realistic single records in the demo shapes, from a seeded faker. The sequence
 * of values depends only on the seed and the order of calls; resetFactories(seed) restarts it
 * (call it in a `beforeEach` so each test sees the same data whatever ran before).
 */
import { Faker, base, en, zh_CN } from '@faker-js/faker';
import { REGION_CODES, type FieldCode } from '../../search/src/taxonomy';
import { composeAchievement, composeDemand } from './compose';
import { DEMO_PASSWORD } from './demo';
import { createRng } from './prng';
import { TOPICS, topicsOf, type Topic } from './topics';
import type { DemoAchievement, DemoDemand, DemoOrg, DemoUser, OrgKind } from './types';

export const DEFAULT_FACTORY_SEED = 20260301;

const zh = new Faker({ locale: [zh_CN, en, base] });
const enFaker = new Faker({ locale: [en, base] });
let counter = 0;

/** Restart every factory sequence from `seed`. */
export function resetFactories(seed: number = DEFAULT_FACTORY_SEED): void {
  zh.seed(seed);
  enFaker.seed(seed + 1);
  counter = 0;
}
resetFactories();

const next = (): number => {
  counter += 1;
  return counter;
};

const SUFFIX: Record<OrgKind, readonly [string, string]> = {
  university: ['理工大学', 'University of Technology'],
  institute: ['先进技术研究院', 'Institute of Advanced Technology'],
  enterprise: ['科技有限公司', 'Technology Co., Ltd.'],
  agency: ['技术转移中心', 'Technology Transfer Center'],
};

/** An organisation; `kind` defaults to university. */
export function buildOrgInput(overrides: Partial<DemoOrg> = {}): DemoOrg {
  const n = next();
  const kind = overrides.kind ?? 'university';
  const cityZh = zh.location.city();
  const cityEn = enFaker.location.city();
  const [sZh, sEn] = SUFFIX[kind];
  return {
    key: `org-f${n}`,
    kind,
    name: { zh: `${cityZh}${sZh}`, en: `${cityEn} ${sEn}` },
    region: zh.helpers.arrayElement(REGION_CODES),
    city: { zh: cityZh, en: cityEn },
    verified: true,
    description: { zh: `${cityZh}${sZh}（测试数据）。`, en: `${cityEn} ${sEn} (test data).` },
    ...overrides,
  };
}

/** A member of `orgKey` (default: a fresh org key); emails are unique within a sequence. */
export function buildUserInput(overrides: Partial<DemoUser> = {}): DemoUser {
  const n = next();
  const first = enFaker.person.firstName().toLowerCase().replace(/[^a-z]/g, '');
  return {
    key: `user-f${n}`,
    email: `${first || 'user'}.${n}@example.com`,
    password: DEMO_PASSWORD,
    name: zh.person.fullName(),
    orgKey: `org-f${n}`,
    roles: ['member'],
    locale: 'zh',
    ...overrides,
  };
}

function topicFor(field: FieldCode | undefined): Topic {
  const pool = field ? topicsOf(field) : TOPICS;
  return zh.helpers.arrayElement(pool.length > 0 ? pool : TOPICS);
}

/** A realistic achievement (topic-bank text, valid patents, consistent terms); `field` picks the topic. */
export function buildAchievementInput(overrides: Partial<DemoAchievement> = {}): DemoAchievement {
  const n = next();
  const topic = topicFor(overrides.field);
  const variant = zh.helpers.arrayElement([0, 1, 2] as const);
  const org = buildOrgInput({ key: overrides.orgKey ?? `org-f${n}`, ...(overrides.region ? { region: overrides.region } : {}) });
  const rng = createRng(zh.number.int({ min: 1, max: 2 ** 31 - 1 }));
  const built = composeAchievement({ key: `ach-f${n}`, topic, variant, org, status: 'published' }, rng);
  return { ...built, ...overrides };
}

/** A realistic open demand; by default written against a freshly built achievement in the same field. */
export function buildDemandInput(overrides: Partial<DemoDemand> = {}): DemoDemand {
  const n = next();
  const topic = topicFor(overrides.field);
  const org = buildOrgInput({ kind: 'enterprise', key: overrides.orgKey ?? `org-f${n}`, ...(overrides.region ? { region: overrides.region } : {}) });
  // The demand is written against an achievement on the same topic, as in the demo catalogue.
  const anchorVariant = zh.helpers.arrayElement([0, 1, 2] as const);
  const supplier = buildOrgInput();
  const anchor = composeAchievement({ key: `ach-f${n}`, topic, variant: anchorVariant, org: supplier, status: 'published' }, createRng(zh.number.int({ min: 1, max: 2 ** 31 - 1 })));
  const rng = createRng(zh.number.int({ min: 1, max: 2 ** 31 - 1 }));
  const built = composeDemand({ key: `dem-f${n}`, topic, org, anchor, anchorVariant, anonymous: false, status: 'open' }, rng);
  return { ...built, ...overrides };
}
