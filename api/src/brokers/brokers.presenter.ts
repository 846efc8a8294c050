import { csvText } from '../common/csv';
import type { DockingRunRecord } from './broker.model';

/** A docking run; rows only when asked. */
export function presentDockingRun(run: DockingRunRecord & { _id: unknown }, withRows: boolean) {
  return {
    id: String(run._id),
    criteria: run.criteria ?? {},
    demandCount: run.demandCount,
    matchCount: run.matchCount,
    durationMs: run.durationMs,
    createdAt: run.createdAt,
    ...(withRows
      ? {
          rows: (run.rows ?? []).map((r) => ({
            demandId: String(r.demand),
            demandTitle: r.demandTitle,
            achievementId: r.achievement ? String(r.achievement) : null,
            achievementTitle: r.achievementTitle,
            supplierName: r.supplierName,
            score: r.score,
            reasons: { zh: r.reasonsZh, en: r.reasonsEn },
          })),
        }
      : {}),
  };
}

/** The report: one row per (demand, match), reasons in both languages. */
export function dockingCsv(run: DockingRunRecord & { _id: unknown }): string {
  const header = ['需求ID demand_id', '需求 demand', '成果ID achievement_id', '成果 achievement', '供方 supplier', '匹配度 score', '匹配理由', 'reasons'];
  const rows = (run.rows ?? []).map((r) => [String(r.demand), r.demandTitle, r.achievement ? String(r.achievement) : '', r.achievementTitle, r.supplierName, r.score.toFixed(3), r.reasonsZh, r.reasonsEn]);
  return csvText([header, ...rows]);
}
