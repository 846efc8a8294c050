import type { Types } from 'mongoose';
import { findPage } from '../store/store';
import { AuditEvent, type AuditEventRecord } from './audit.model';

export interface AuditInput {
  eventId?: string;
  actor: string | Types.ObjectId | null;
  action: string;
  entity: string;
  entityId: string | Types.ObjectId;
  from?: string | null;
  to?: string | null;
  at?: Date;
  meta?: Record<string, unknown> | null;
}

/** Records an audit event; recording the same `eventId` again is a no-op. */
export async function recordAudit(input: AuditInput): Promise<void> {
  try {
    await AuditEvent.create({ ...input, from: input.from ?? null, to: input.to ?? null, meta: input.meta ?? null });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
}

/** The audit trail of one entity, oldest first. Callers check who may read it. */
export async function auditTrail(entity: string, entityId: string | Types.ObjectId, limit = 1000): Promise<AuditEventRecord[]> {
  return findPage<AuditEventRecord>(AuditEvent as never, { entity, entityId }, { sort: { at: 1, _id: 1 }, limit });
}
