import type { AuditEventRecord } from './audit.model';

export interface AuditEventView {
  id: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  from: string | null;
  to: string | null;
  at: string;
  meta: Record<string, unknown> | null;
}

/** What a reader of an audit trail sees of one event. */
export function presentAuditEvent(e: AuditEventRecord): AuditEventView {
  return {
    id: String(e._id),
    actorId: e.actor ? String(e.actor) : null,
    action: e.action,
    entity: e.entity,
    entityId: String(e.entityId),
    from: e.from ?? null,
    to: e.to ?? null,
    at: new Date(e.at).toISOString(),
    meta: (e.meta as Record<string, unknown> | null) ?? null,
  };
}
