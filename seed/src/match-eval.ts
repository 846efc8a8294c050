/**
 * Scores the production matcher on the hand-labelled evaluation set (eval.ts). The demo catalogue's
 * published achievements go into the embedded engine as the api would index them (its zod input
 * schema, its stored shape, its search-document builder); each evaluation demand is ranked by the
 * api's own ranking (`achievementCandidates` → `rankAchievements`, the code `matchDemand` runs).
 * Used by `npm run bench:match` and by the quality floor test beside this file.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { createSearchEngine, INDEXES, ACHIEVEMENTS_INDEX, type AchievementDoc, type DemandDoc, type SearchEngine } from '@techbridge/search';
import { AchievementInput } from '../../api/src/achievements/achievements.schemas';
import { toStored } from '../../api/src/achievements/achievements.service';
import { DemandInput } from '../../api/src/demands/demands.schemas';
import { toAchievementDoc } from '../../api/src/search/documents';
import { toDemandDoc } from '../../api/src/matching/scorer';
import { achievementCandidates, rankAchievements } from '../../api/src/matching/ranking';
import { REFERENCE_DATE } from './compose';
import { achievementBody, demandBody } from './inputs';
import type { EvalCase } from './eval';
import type { DemoAchievement, DemoData, DemoDemand, OrgKind } from './types';

/** A stable ObjectId for a demo key (the same derivation as the demo loader's). */
export const evalId = (key: string) => new Types.ObjectId(createHash('sha1').update(`techbridge-demo:${key}`).digest('hex').slice(0, 24));

const REFERENCE = new Date(`${REFERENCE_DATE}T00:00:00Z`).getTime();
const HOUR = 3600_000;

/** An achievement as the api stores it (validated by its input schema first, like the loader). */
export function storedAchievement(a: DemoAchievement, i: number) {
  const input = AchievementInput.parse(achievementBody(a));
  return {
    _id: evalId(a.key),
    ...toStored(input),
    org: evalId(a.orgKey),
    status: a.status,
    publishedAt: a.status === 'published' ? new Date(REFERENCE - (i + 1) * 7 * HOUR) : null,
  } as Record<string, unknown> & { _id: Types.ObjectId; org: Types.ObjectId; status: string };
}

/** A demand as the api stores it. */
export function storedDemand(d: Omit<DemoDemand, 'key' | 'orgKey'>, id: Types.ObjectId, org: Types.ObjectId) {
  const input = DemandInput.parse(demandBody(d));
  return { _id: id, ...input, org, status: d.status, publishedAt: new Date(REFERENCE) } as Record<string, unknown> & { _id: Types.ObjectId; org: Types.ObjectId; status: string };
}

/** The search documents of the catalogue's published achievements, built by the api's builder. */
export function demoAchievementDocs(data: DemoData): { docs: AchievementDoc[]; keyOf: Map<string, string> } {
  const kinds = new Map<string, OrgKind>(data.orgs.map((o) => [String(evalId(o.key)), o.kind]));
  const docs: AchievementDoc[] = [];
  const keyOf = new Map<string, string>();
  data.achievements.forEach((a, i) => {
    if (a.status !== 'published') return;
    const row = storedAchievement(a, i);
    docs.push(toAchievementDoc({ ...row, org: { _id: row.org, kind: kinds.get(String(row.org)) } } as never));
    keyOf.set(String(row._id), a.key);
  });
  return { docs, keyOf };
}

/** A fresh embedded engine holding `docs` (both indexes created, as the api does at boot). */
export async function engineWith(docs: readonly AchievementDoc[]): Promise<SearchEngine> {
  const engine = createSearchEngine();
  for (const def of INDEXES) await engine.ensureIndex(def);
  for (let i = 0; i < docs.length; i += 5000) await engine.upsert(ACHIEVEMENTS_INDEX, docs.slice(i, i + 5000));
  return engine;
}

/** The scoring document of an evaluation demand (posted by an organisation that owns no achievement). */
export function evalDemandDoc(c: EvalCase): DemandDoc {
  return toDemandDoc(storedDemand(c.demand, evalId(c.id), evalId(`org-eval-buyer-${c.id}`)), 'enterprise');
}

/** The production matcher's ranking for one evaluation case: achievement keys with their scores. */
export async function rankCaseScored(engine: SearchEngine, c: EvalCase, keyOf: ReadonlyMap<string, string>, limit = 10): Promise<{ key: string; score: number }[]> {
  const demand = evalDemandDoc(c);
  const ranked = rankAchievements(demand, await achievementCandidates(engine, demand), limit);
  return ranked.map((r) => ({ key: keyOf.get(r.item.id) ?? r.item.id, score: r.scored.score }));
}

/** The ranked achievement keys the production matcher returns for one evaluation case. */
export async function rankCase(engine: SearchEngine, c: EvalCase, keyOf: ReadonlyMap<string, string>, limit = 10): Promise<string[]> {
  return (await rankCaseScored(engine, c, keyOf, limit)).map((r) => r.key);
}

export interface CaseResult {
  id: string;
  relevant: string[];
  ranked: string[];
  /** Relevant achievements in the top 5, over min(5, |relevant|): 1 when every findable answer is there. */
  precisionAt5: number;
  /** Relevant achievements in the top 5, over 5 (the textbook P@5; at most |relevant| / 5). */
  precisionAt5Standard: number;
  /** 1 / rank of the first relevant achievement (0 when none is in the list). */
  reciprocalRank: number;
  /** Relevant achievements in the top 10, over |relevant|. */
  recallAt10: number;
}

/** Per-case figures for one ranked list. */
export function judge(c: EvalCase, ranked: readonly string[]): CaseResult {
  const rel = new Set(c.relevant);
  const top5 = ranked.slice(0, 5).filter((k) => rel.has(k)).length;
  const first = ranked.findIndex((k) => rel.has(k));
  return {
    id: c.id,
    relevant: [...c.relevant],
    ranked: [...ranked],
    precisionAt5: top5 / Math.min(5, rel.size),
    precisionAt5Standard: top5 / 5,
    reciprocalRank: first < 0 ? 0 : 1 / (first + 1),
    recallAt10: ranked.slice(0, 10).filter((k) => rel.has(k)).length / rel.size,
  };
}

export interface Summary {
  cases: number;
  precisionAt5: number;
  precisionAt5Standard: number;
  mrr: number;
  recallAt10: number;
  /** Share of cases with a relevant achievement ranked first. */
  hitAt1: number;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Means over cases. */
export function summarise(results: readonly CaseResult[]): Summary {
  return {
    cases: results.length,
    precisionAt5: mean(results.map((r) => r.precisionAt5)),
    precisionAt5Standard: mean(results.map((r) => r.precisionAt5Standard)),
    mrr: mean(results.map((r) => r.reciprocalRank)),
    recallAt10: mean(results.map((r) => r.recallAt10)),
    hitAt1: mean(results.map((r) => (r.reciprocalRank === 1 ? 1 : 0))),
  };
}

/**
 * The fixed split used while tuning: odd-numbered cases were looked at ("dev"), even-numbered
 * cases were not ("held-out"), so a change that only fits the dev half shows up as a gap.
 */
export const isDevCase = (c: Pick<EvalCase, 'id'>) => /^eval-\d+$/.test(c.id) && Number(c.id.slice(5)) % 2 === 1;
/** The even-numbered hand-written cases (not looked at while tuning). */
export const isHeldOutCase = (c: Pick<EvalCase, 'id'>) => /^eval-\d+$/.test(c.id) && Number(c.id.slice(5)) % 2 === 0;
/** The plain-language cases (`eval-pNN`), written after the tuning. */
export const isPlainCase = (c: Pick<EvalCase, 'id'>) => c.id.startsWith('eval-p');

/** Runs every case through the production ranking on a catalogue engine. */
export async function evaluate(engine: SearchEngine, cases: readonly EvalCase[], keyOf: ReadonlyMap<string, string>): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) out.push(judge(c, await rankCase(engine, c, keyOf)));
  return out;
}
