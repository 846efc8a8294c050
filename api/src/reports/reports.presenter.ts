import { regionLabel } from '@techbridge/search/taxonomy';
import type { ReportJobLean } from './report.model';

/** The bilingual name of a report's region: a province, a city in it, or the whole platform. */
export function regionName(province: string | null | undefined, city: string | null | undefined): { zh: string; en: string } {
  if (!province) return { zh: '全国', en: 'All regions' };
  const p = regionLabel(province) ?? { zh: province, en: province };
  if (!city) return { zh: p.zh, en: p.en };
  return { zh: `${p.zh}${city}`, en: `${city}, ${p.en}` };
}

/** A report job as admins see it (progress, and once done the files' sizes). */
export function presentReportJob(j: ReportJobLean) {
  return {
    id: String(j._id),
    kind: j.kind,
    year: j.year,
    province: j.province ?? null,
    city: j.city ?? null,
    region: regionName(j.province, j.city),
    scheduled: !!j.scheduled,
    requestedBy: j.requestedBy ? String(j.requestedBy) : null,
    status: j.status,
    progress: j.progress,
    stage: j.stage,
    error: j.error ?? null,
    createdAt: j.createdAt,
    startedAt: j.startedAt ?? null,
    finishedAt: j.finishedAt ?? null,
    files: j.status === 'done' && j.files ? { pdfZh: j.files['pdf-zh'] ?? 0, pdfEn: j.files['pdf-en'] ?? 0, csv: j.files.csv ?? 0 } : null,
  };
}
export type ReportJobView = ReturnType<typeof presentReportJob>;

/** The socket event carrying a job's progress to the user who asked for it. */
export const REPORT_PROGRESS_EVENT = 'report:progress';
