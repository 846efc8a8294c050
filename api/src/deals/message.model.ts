import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const MESSAGE_KINDS = ['text', 'offer', 'system'] as const;

/**
 * The message at `seq` of a deal has the id `<dealId>:<seq, 10 digits>`. Seqs are gapless, so the
 * messages after a given seq are known by id: reads are point lookups on `_id`, the one index every
 * engine answers without scanning (FerretDB's SQLite backend scans for anything else).
 */
export const messageId = (dealId: string | Types.ObjectId, seq: number) => `${String(dealId)}:${String(seq).padStart(10, '0')}`;

/**
 * A room message. `(deal, seq)` is unique — it is what makes seqs gapless: a seq is taken by
 * inserting, and a conflict means someone else took it, so the writer retries with the next one.
 * `(deal, clientMsgId)` is unique too: a resend cannot store a second copy.
 */
const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', required: true },
    seq: { type: Number, required: true },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    author: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    authorName: { type: String, default: '' },
    side: { type: String, enum: ['supplier', 'buyer', 'broker', null], default: null },
    text: { type: String, default: '' },
    /** kind offer: the offer snapshot; kind system: the event (action, from, to, version, reason). */
    data: { type: Schema.Types.Mixed, default: null },
    clientMsgId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
messageSchema.index({ deal: 1, seq: 1 }, { unique: true });
messageSchema.index({ deal: 1, clientMsgId: 1 }, { unique: true });

export type MessageRecord = InferSchemaType<typeof messageSchema>;
export const Message = model('Message', messageSchema);
