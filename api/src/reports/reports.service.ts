import { Types } from 'mongoose';
import type { SessionUser } from '../auth/auth.types';
import { AppError, notFound } from '../errors';
import { countWhere, findPage } from '../store/store';
import { ReportFile, ReportJob, type ReportFileKind, type ReportJobLean } from './report.model';
import { presentReportJob, regionName, type ReportJobView } from './reports.presenter';
import { assertReportsAdmin } from './reports.policy';
import type { AnnualReportInput } from './reports.schemas';

export interface ReportDownload {
  data: Buffer;
  contentType: string;
  filename: string;
}

/** The bytes of a stored file, whatever the driver decoded them as (Buffer or BSON Binary). */
function bytesOf(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  const b = data as { buffer?: Uint8Array; value?: () => Uint8Array };
  if (b?.buffer instanceof Uint8Array) return Buffer.from(b.buffer);
  throw new Error('report file: unexpected stored type');
}

/** Annual-report jobs: asking for one, following it, downloading its files (platform admins). */
export class ReportsService {
  /** Set by the background worker (workers.ts): a new job is looked at at once in the owner process. */
  wake: () => void = () => {};

  /** Queues the annual report of `input.year` for a region; the job runs in the background. */
  async requestAnnual(user: SessionUser, input: AnnualReportInput): Promise<ReportJobView> {
    assertReportsAdmin(user);
    const job = await this.queue({ year: input.year, province: input.province ?? null, city: input.city ?? null, requestedBy: user.id, scheduled: false });
    return presentReportJob(job);
  }

  /** Queues a job (also the December schedule's, with no requester). */
  async queue(q: { year: number; province: string | null; city: string | null; requestedBy: string | null; scheduled: boolean }): Promise<ReportJobLean> {
    const doc = await ReportJob.create({
      kind: 'annual',
      year: q.year,
      province: q.province,
      city: q.city,
      requestedBy: q.requestedBy ? new Types.ObjectId(q.requestedBy) : null,
      scheduled: q.scheduled,
    });
    this.wake();
    return doc.toObject() as unknown as ReportJobLean;
  }

  async get(user: SessionUser, id: string): Promise<ReportJobView> {
    assertReportsAdmin(user);
    return presentReportJob(await this.job(id));
  }

  /** The latest jobs, newest first. */
  async list(user: SessionUser, q: { page: number; pageSize: number } = { page: 1, pageSize: 20 }): Promise<{ items: ReportJobView[]; total: number; page: number; pageSize: number }> {
    assertReportsAdmin(user);
    const [rows, total] = await Promise.all([
      findPage<ReportJobLean>(ReportJob as never, {}, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
      countWhere(ReportJob as never, {}),
    ]);
    return { items: rows.map(presentReportJob), total, page: q.page, pageSize: q.pageSize };
  }

  /** A done job's file; 409 while it is not done. */
  async file(user: SessionUser, id: string, kind: ReportFileKind): Promise<ReportDownload> {
    assertReportsAdmin(user);
    const job = await this.job(id);
    if (job.status !== 'done') throw new AppError(409, 'report_not_ready', `The report is not ready (${job.status})`, { details: { status: job.status, progress: job.progress } });
    const file = await ReportFile.findById(`${id}:${kind}`).lean<{ data: unknown; contentType: string }>();
    if (!file) throw notFound('Report file');
    const region = job.city ?? job.province ?? 'all';
    const ext = kind === 'csv' ? 'csv' : 'pdf';
    const lang = kind === 'pdf-en' ? '-en' : kind === 'pdf-zh' ? '-zh' : '';
    return { data: bytesOf(file.data), contentType: file.contentType, filename: `annual-report-${job.year}-${region}${lang}.${ext}` };
  }

  private async job(id: string): Promise<ReportJobLean> {
    const job = await ReportJob.findById(id).lean<ReportJobLean>();
    if (!job) throw notFound('Report');
    return job;
  }
}

export { regionName };
