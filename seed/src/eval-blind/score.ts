/**
 * Scores the production matcher on the blind evaluation set (issue 18). The engine holds the demo
 * catalogue's published achievements PLUS the blind catalogue (catalogue.ts), every listing built
 * exactly as the old set's harness builds them (`demoAchievementDocs`: AchievementInput →
 * toStored → toAchievementDoc); each case is ranked by `rankCase` (the api's ranking, the code
 * matchDemand runs). The old set (seed/src/eval.ts) keeps scoring on the demo catalogue alone.
 *
 * Figures per half: hit@5 (share of cases with a relevant listing in the top 5), MRR (first
 * relevant rank in the top 10), recall@10, the same two for the cross-language cases alone, and the
 * top-5 slots, over all cases, whose achievement breaks the demand's hard constraints (TRL below
 * its minimum, no common deal mode, lowest asking price above its maximum budget) — with the number
 * of slots filled; each also per kind.
 */
import { constraintBreaks, type AchievementDoc, type Constraint, type SearchEngine } from '@techbridge/search';
import { buildDemoData } from '../demo';
import { demoAchievementDocs, engineWith, evalDemandDoc, judge, rankCaseScored } from '../match-eval';
import { BLIND_CATALOGUE } from './catalogue';
import { BLIND_KINDS, type BlindCase, type BlindKind } from './case';
import { BLIND_DEV } from './dev';
import { BLIND_HELDOUT } from './heldout';
import type { DemoData } from '../types';

export { BLIND_CATALOGUE, BLIND_DEV, BLIND_HELDOUT, BLIND_KINDS };
export type { BlindCase, BlindKind };

export type BlindHalf = 'dev' | 'heldout';
export const BLIND_HALVES: Record<BlindHalf, { cases: BlindCase[]; split: string }> = {
  dev: { cases: BLIND_DEV, split: 'blind set, dev half: drawn by coin per kind; may be looked at and tuned against (npm run eval:match)' },
  heldout: { cases: BLIND_HELDOUT, split: 'blind set, held-out half: drawn by coin per kind; never looked at case by case, never tuned against' },
};

/** The demo data with the blind catalogue's listings appended (the organisations are the demo's). */
export function blindCatalogueData(demo: DemoData = buildDemoData()): DemoData {
  return { ...demo, achievements: [...demo.achievements, ...BLIND_CATALOGUE] };
}

export interface BlindEngine {
  engine: SearchEngine;
  /** document id → achievement key */
  keyOf: Map<string, string>;
  /** achievement key → its search document (published listings only) */
  docOf: Map<string, AchievementDoc>;
  close(): Promise<void>;
}

/** An embedded engine with the demo's published achievements and the blind catalogue. */
export async function blindEngine(data: DemoData = blindCatalogueData()): Promise<BlindEngine> {
  const { docs, keyOf } = demoAchievementDocs(data);
  const engine = await engineWith(docs);
  const docOf = new Map(docs.map((d) => [keyOf.get(d.id)!, d]));
  return { engine, keyOf, docOf, close: () => engine.close() };
}

export interface BlindCaseResult {
  id: string;
  kind: BlindKind;
  relevant: string[];
  /** The ranked top 10 (at most), best first. */
  ranked: { key: string; score: number; breaks: Constraint[] }[];
  /** 1-based rank of the first relevant listing in the top 10, null when none is there. */
  firstRelevant: number | null;
  hitAt5: number;
  reciprocalRank: number;
  recallAt10: number;
  /** Top-5 slots filled, and those whose listing breaks the demand's hard constraints. */
  slotsTop5: number;
  breaksTop5: number;
}

/** Ranks one case with the production ranking and judges it. */
export async function runBlindCase(ctx: BlindEngine, c: BlindCase): Promise<BlindCaseResult> {
  const scored = await rankCaseScored(ctx.engine, c, ctx.keyOf, 10);
  const demand = evalDemandDoc(c);
  const ranked = scored.map((r) => {
    const doc = ctx.docOf.get(r.key);
    return { ...r, breaks: doc ? constraintBreaks(demand, doc) : [] };
  });
  const j = judge(c, ranked.map((r) => r.key));
  const top5 = ranked.slice(0, 5);
  return {
    id: c.id,
    kind: c.kind,
    relevant: [...c.relevant],
    ranked,
    firstRelevant: j.reciprocalRank > 0 ? Math.round(1 / j.reciprocalRank) : null,
    hitAt5: top5.some((r) => c.relevant.includes(r.key)) ? 1 : 0,
    reciprocalRank: j.reciprocalRank,
    recallAt10: j.recallAt10,
    slotsTop5: top5.length,
    breaksTop5: top5.filter((r) => r.breaks.length > 0).length,
  };
}

export async function runBlindCases(ctx: BlindEngine, cases: readonly BlindCase[]): Promise<BlindCaseResult[]> {
  const out: BlindCaseResult[] = [];
  for (const c of cases) out.push(await runBlindCase(ctx, c));
  return out;
}

export interface BlindSummary {
  cases: number;
  hitAt5: number;
  mrr: number;
  recallAt10: number;
  /** Summed over the cases, not averaged. */
  breaksTop5: number;
  slotsTop5: number;
}

export interface BlindFigures extends BlindSummary {
  crosslang: BlindSummary;
  byKind: Record<BlindKind, BlindSummary>;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function summariseBlind(results: readonly BlindCaseResult[]): BlindSummary {
  return {
    cases: results.length,
    hitAt5: mean(results.map((r) => r.hitAt5)),
    mrr: mean(results.map((r) => r.reciprocalRank)),
    recallAt10: mean(results.map((r) => r.recallAt10)),
    breaksTop5: sum(results.map((r) => r.breaksTop5)),
    slotsTop5: sum(results.map((r) => r.slotsTop5)),
  };
}

export function blindFigures(results: readonly BlindCaseResult[]): BlindFigures {
  const byKind = Object.fromEntries(BLIND_KINDS.map((k) => [k, summariseBlind(results.filter((r) => r.kind === k))])) as Record<BlindKind, BlindSummary>;
  return { ...summariseBlind(results), crosslang: byKind['cross-language'], byKind };
}

/** The figures of one half (only aggregates leave this function). */
export async function scoreBlindHalf(ctx: BlindEngine, half: BlindHalf): Promise<BlindFigures> {
  return blindFigures(await runBlindCases(ctx, BLIND_HALVES[half].cases));
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The figures of one half as named JSON-line records (`blind_<half>_hit_at_5`, `_mrr`,
 * `_recall_at_10`, `_crosslang_hit_at_5`, `_crosslang_mrr`, `_constraint_breaks_top5`), each with
 * its case count, split description and the per-kind breakdown.
 */
export function blindFigureLines(half: BlindHalf, f: BlindFigures): { figure: string; value: number; unit: string; extra: Record<string, unknown> }[] {
  const split = BLIND_HALVES[half].split;
  const kinds = (pick: (s: BlindSummary) => number) =>
    Object.fromEntries(BLIND_KINDS.map((k) => [k, { cases: f.byKind[k].cases, value: r3(pick(f.byKind[k])) }]));
  const name = (s: string) => `blind_${half}_${s}`;
  return [
    { figure: name('hit_at_5'), value: f.hitAt5, unit: 'ratio', extra: { cases: f.cases, split, definition: 'share of demands with a relevant listing in the top 5', by_kind: kinds((s) => s.hitAt5) } },
    { figure: name('mrr'), value: f.mrr, unit: 'ratio', extra: { cases: f.cases, split, by_kind: kinds((s) => s.mrr) } },
    { figure: name('recall_at_10'), value: f.recallAt10, unit: 'ratio', extra: { cases: f.cases, split, by_kind: kinds((s) => s.recallAt10) } },
    { figure: name('crosslang_hit_at_5'), value: f.crosslang.hitAt5, unit: 'ratio', extra: { cases: f.crosslang.cases, split, definition: 'cross-language demands only (every relevant listing only in the other language)' } },
    { figure: name('crosslang_mrr'), value: f.crosslang.mrr, unit: 'ratio', extra: { cases: f.crosslang.cases, split } },
    {
      figure: name('constraint_breaks_top5'),
      value: f.breaksTop5,
      unit: 'slots',
      extra: {
        cases: f.cases,
        split,
        slots_filled: f.slotsTop5,
        definition: "top-5 slots over all demands whose achievement breaks the demand's minimum TRL, shares no deal mode, or asks a lowest price above its maximum budget",
        by_kind: Object.fromEntries(BLIND_KINDS.map((k) => [k, { cases: f.byKind[k].cases, breaks: f.byKind[k].breaksTop5, slots: f.byKind[k].slotsTop5 }])),
      },
    },
  ];
}
