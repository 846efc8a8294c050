import { Schema, Types, model } from 'mongoose';

// A report job: what was asked (the year and region), who asked (null for the scheduled December
// run), where it stands (status, progress 0–100, stage) and, once done, the sizes of its files.
// The files themselves are `ReportFile` documents, so reading a job's progress never loads them.

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STAGES = ['queued', 'indicators', 'pdf-zh', 'pdf-en', 'csv', 'saving', 'done', 'failed'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** The files of a done job: `pdf-zh`, `pdf-en`, `csv`. */
export const REPORT_FILES = ['pdf-zh', 'pdf-en', 'csv'] as const;
export type ReportFileKind = (typeof REPORT_FILES)[number];

const reportJobSchema = new Schema(
  {
    kind: { type: String, enum: ['annual'], required: true, default: 'annual' },
    year: { type: Number, required: true },
    province: { type: String, default: null },
    city: { type: String, default: null },
    requestedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    scheduled: { type: Boolean, default: false },
    status: { type: String, enum: REPORT_STATUSES, required: true, default: 'queued' },
    progress: { type: Number, default: 0 },
    stage: { type: String, enum: REPORT_STAGES, default: 'queued' },
    /** How many times a worker began it (a crash leaves it running; the next holder begins it again). */
    attempts: { type: Number, default: 0 },
    error: { type: String, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    /** Byte sizes of the stored files, once done. */
    files: {
      type: new Schema({ 'pdf-zh': Number, 'pdf-en': Number, csv: Number }, { _id: false }),
      default: null,
    },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);
reportJobSchema.index({ status: 1, createdAt: 1 });
reportJobSchema.index({ createdAt: -1 });

export const ReportJob = model('ReportJob', reportJobSchema, 'report_jobs');

export interface ReportJobLean {
  _id: Types.ObjectId;
  kind: 'annual';
  year: number;
  province: string | null;
  city: string | null;
  requestedBy: Types.ObjectId | null;
  scheduled: boolean;
  status: ReportStatus;
  progress: number;
  stage: ReportStage;
  attempts: number;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  files: Partial<Record<ReportFileKind, number>> | null;
  createdAt: Date;
}

const reportFileSchema = new Schema(
  {
    /** `<job id>:<kind>`. */
    _id: { type: String, required: true },
    job: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: REPORT_FILES, required: true },
    contentType: { type: String, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);

/** A done job's file (its bytes). */
export const ReportFile = model('ReportFile', reportFileSchema, 'report_files');
