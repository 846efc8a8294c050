/**
 * Factories for index documents, for tests here and in the api. Defaults are a valid published
 * listing; pass only what a test cares about.
 */
import type { AchievementDoc, DemandDoc } from './indexes';

let counter = 0;

/** A published achievement document with sensible defaults. */
export function buildAchievementDoc(overrides: Partial<AchievementDoc> = {}): AchievementDoc {
  counter += 1;
  return {
    id: `ach-${counter}`,
    orgId: 'org-1',
    orgKind: 'university',
    title: { zh: '测试成果' },
    summary: {},
    keywords: [],
    field: 'new-materials',
    region: '110000',
    trl: 5,
    ipType: 'invention-patent',
    patents: [],
    modes: ['license'],
    status: 'published',
    publishedAt: Date.UTC(2026, 0, 1) + counter * 1000,
    ...overrides,
  };
}

/** An open demand document with sensible defaults. */
export function buildDemandDoc(overrides: Partial<DemandDoc> = {}): DemandDoc {
  counter += 1;
  return {
    id: `dem-${counter}`,
    orgId: 'org-2',
    orgKind: 'enterprise',
    title: { zh: '测试需求' },
    description: {},
    keywords: [],
    field: 'new-materials',
    region: '320000',
    modes: ['license'],
    status: 'open',
    publishedAt: Date.UTC(2026, 0, 1) + counter * 1000,
    ...overrides,
  };
}
