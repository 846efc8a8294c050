import { randomUUID } from 'node:crypto';
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * Who did what to which entity, and the state it moved from and to. `eventId` is unique so an
 * event recorded twice (a retried outbox flush) is stored once.
 */
const auditEventSchema = new Schema(
  {
    eventId: { type: String, required: true, default: () => randomUUID() },
    actor: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    action: { type: String, required: true },
    entity: { type: String, required: true },
    entityId: { type: Schema.Types.ObjectId, required: true },
    from: { type: String, default: null },
    to: { type: String, default: null },
    at: { type: Date, required: true, default: () => new Date() },
    meta: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false, minimize: false },
);
auditEventSchema.index({ eventId: 1 }, { unique: true });
auditEventSchema.index({ entity: 1, entityId: 1, at: 1, _id: 1 });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEvent = model('AuditEvent', auditEventSchema);
