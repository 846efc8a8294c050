/**
 * The api's create-request bodies for demo listings: what a user would send for each record. The
 * loader validates them with `safeParse` (collecting every problem before writing), the matcher
 * evaluation with `parse`; both then store exactly what the api would.
 */
import type { DemoAchievement, DemoDemand } from './types';

/** The body of `POST /api/achievements` for a demo achievement. */
export function achievementBody(a: DemoAchievement): Record<string, unknown> {
  return {
    title: a.title,
    summary: a.summary,
    details: a.details,
    field: a.field,
    keywords: a.keywords,
    trl: a.trl,
    ipType: a.ipType,
    patents: a.patents.map((p) => ({ number: p.number, title: p.title, status: p.status, expiry: p.expiry })),
    modes: a.modes.map((m) => ({ ...m })),
    region: a.region,
  };
}

/** The body of `POST /api/demands` for a demo (or evaluation) demand. */
export function demandBody(d: Omit<DemoDemand, 'key' | 'orgKey'>): Record<string, unknown> {
  return {
    title: d.title,
    description: d.description,
    field: d.field,
    keywords: d.keywords,
    budgetMin: d.budgetMin,
    budgetMax: d.budgetMax,
    deadline: d.deadline,
    modes: d.modes,
    minTrl: d.minTrl,
    region: d.region,
    anonymous: d.anonymous,
  };
}
