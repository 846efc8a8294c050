import { Types } from 'mongoose';
import { AppError } from '../errors';
import { docKey, withDocLock } from '../common/doc-lock';
import { findByIds, insertUnordered } from '../store/store';
import { Message, messageId, type MessageRecord } from './message.model';

// Gapless per-deal seqs without a counter. A message takes seq n by being inserted at n; the
// unique (deal, seq) index — and the `_id` derived from it — refuses a second message at n, so
// the loser re-reads the last seq and retries. A crash can lose an insert, never leave a hole.
//
// `lastSeqHint` remembers the last seq this process saw per deal. It only ever holds a seq that
// exists, so it can be low (another process wrote since) but never high: a low hint costs one
// conflict and a re-read, nothing else.

const HINT_MAX = 50_000;
const lastSeqHint = new Map<string, number>();

function remember(dealId: string, seq: number): void {
  const cur = lastSeqHint.get(dealId);
  if (cur !== undefined && seq <= cur) return;
  lastSeqHint.delete(dealId);
  lastSeqHint.set(dealId, seq);
  if (lastSeqHint.size > HINT_MAX) lastSeqHint.delete(lastSeqHint.keys().next().value!);
}

const seqExists = async (dealId: string, seq: number) => !!(await Message.exists({ _id: messageId(dealId, seq) }));

/**
 * The deal's last seq, found by probing ids from `from` (a seq known to exist, or 0): gallop until
 * a missing seq, then bisect. Seqs are gapless, so "exists" is monotone. O(log n) point lookups.
 */
async function findLastSeq(dealId: string, from: number): Promise<number> {
  let lo = from;
  let step = 1;
  while (await seqExists(dealId, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = lo + step;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await seqExists(dealId, mid)) lo = mid;
    else hi = mid;
  }
  remember(dealId, lo);
  return lo;
}

/** The deal's last stored seq (0 when the room is empty), exact at the time of the call. */
export async function lastSeqOf(dealId: string | Types.ObjectId): Promise<number> {
  const id = String(dealId);
  return findLastSeq(id, lastSeqHint.get(id) ?? 0);
}

export interface MessageDraft {
  deal: Types.ObjectId;
  kind: 'text' | 'offer' | 'system';
  author: Types.ObjectId | string | null;
  authorName: string;
  side: 'supplier' | 'buyer' | 'broker' | null;
  text?: string;
  data?: unknown;
  clientMsgId: string;
  createdAt?: Date;
}

const MAX_ATTEMPTS = 25;

// Inserts from every room go through one writer that sends whatever queued up while the previous
// write was in flight as one unordered insert (`insertUnordered`: one SQL statement on FerretDB's
// PostgreSQL backend): an idle room gets a single insert at once, a busy server a few batched
// writes instead of hundreds of concurrent ones (which FerretDB's SQLite backend serialises
// badly). Each document still succeeds or fails on its own unique indexes.
interface QueuedInsert {
  doc: Record<string, unknown>;
  done: (outcome: 'stored' | 'duplicate' | Error) => void;
}
const insertQueue: QueuedInsert[] = [];
let writing = false;
const BATCH_MAX = 256;

function insertQueued(doc: Record<string, unknown>): Promise<'stored' | 'duplicate'> {
  return new Promise((resolve, reject) => {
    insertQueue.push({ doc, done: (o) => (o instanceof Error ? reject(o) : resolve(o)) });
    if (!writing) void drainInserts();
  });
}

async function drainInserts(): Promise<void> {
  writing = true;
  try {
    while (insertQueue.length) {
      const batch = insertQueue.splice(0, BATCH_MAX);
      try {
        const outcomes = await insertUnordered(Message as never, batch.map((b) => b.doc));
        batch.forEach((b, i) => b.done(outcomes[i]!));
      } catch (err) {
        for (const b of batch) b.done(err as Error);
      }
    }
  } finally {
    writing = false;
  }
}

const asObjectId = (v: Types.ObjectId | string | null) => (v === null ? null : typeof v === 'string' ? new Types.ObjectId(v) : v);

/**
 * Stores a message at the next seq. A resend (same deal and clientMsgId) stores nothing and
 * returns the first message, with `created: false`. This process appends to one deal at a time,
 * so two of its own messages never race for a seq (other processes may; the index decides).
 */
export function appendMessage(draft: MessageDraft): Promise<{ message: MessageRecord; created: boolean }> {
  return withDocLock(docKey('messages', draft.deal), () => appendLocked(draft));
}

async function appendLocked(draft: MessageDraft): Promise<{ message: MessageRecord; created: boolean }> {
  const dealId = String(draft.deal);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const hint = lastSeqHint.get(dealId);
    const seq = (hint ?? (await findLastSeq(dealId, 0))) + 1;
    const doc = {
      _id: messageId(dealId, seq),
      deal: draft.deal,
      seq,
      kind: draft.kind,
      author: asObjectId(draft.author ?? null),
      authorName: draft.authorName,
      side: draft.side,
      text: draft.text ?? '',
      data: draft.data ?? null,
      clientMsgId: draft.clientMsgId,
      createdAt: draft.createdAt ?? new Date(),
    };
    let outcome: 'stored' | 'duplicate';
    try {
      outcome = await insertQueued(doc);
    } catch (err) {
      lastSeqHint.delete(dealId);
      throw err;
    }
    if (outcome === 'stored') {
      remember(dealId, seq);
      return { message: doc as unknown as MessageRecord, created: true };
    }
    // Which unique index refused it? FerretDB does not say, so look: the message now at `seq`
    // is either ours (a concurrent resend won), someone else's (retry after it), or absent (the
    // clash was our clientMsgId, stored earlier at another seq).
    const atSeq = await Message.findById(messageId(dealId, seq)).lean<MessageRecord>();
    if (atSeq) {
      remember(dealId, seq);
      if (atSeq.clientMsgId === draft.clientMsgId) return { message: atSeq, created: false };
      await findLastSeq(dealId, seq);
      continue;
    }
    const first = await Message.findOne({ deal: draft.deal, clientMsgId: draft.clientMsgId }).lean<MessageRecord>();
    if (first) return { message: first, created: false };
    lastSeqHint.delete(dealId);
  }
  throw new AppError(503, 'room_busy', 'The room is too busy right now; send again with the same clientMsgId');
}

/** How far past the last seq this process knows a backlog read first looks. */
const PAGE_SLACK = 32;

/**
 * Up to `limit` messages after `after`, in seq order, read by id (see `messageId`), with the last
 * seq and whether more follow. Seqs are gapless, so the ids are known: they are read a window at a
 * time (one statement each where the store allows it), the first window reaching a little past
 * the last seq this process knows, the next ones growing. A window that comes back short ends at
 * the last seq; only a full page has the seqs after it probed.
 */
export async function messagesAfter(
  dealId: string | Types.ObjectId,
  after: number,
  limit: number,
): Promise<{ items: MessageRecord[]; lastSeq: number; hasMore: boolean }> {
  const id = String(dealId);
  const end = after + limit;
  const items: MessageRecord[] = [];
  let next = after + 1;
  let upto = Math.min(end, Math.max(after, lastSeqHint.get(id) ?? 0) + PAGE_SLACK);
  for (;;) {
    const ids: string[] = [];
    for (let s = next; s <= upto; s++) ids.push(messageId(id, s));
    const found = (await findByIds<MessageRecord>(Message as never, ids)).sort((a, b) => a.seq - b.seq);
    // One read, gapless seqs: what it finds is a prefix of the window. Anything else (a store
    // that answered in several reads while messages were stored) is settled by probing below.
    if (!found.every((m, i) => m.seq === next + i)) break;
    items.push(...found);
    if (found.length < ids.length) {
      if (!items.length) break; // nothing after `after`: the last seq may be lower (or arrived since)
      const lastSeq = after + items.length;
      remember(id, lastSeq);
      return { items, lastSeq, hasMore: false };
    }
    if (upto === end) break;
    next = upto + 1;
    upto = Math.min(end, after + (upto - after) * 4);
  }
  // A full page, an empty one or an unexpected read: the last seq by probing, the page read again
  // if it does not match.
  const known = items.length && items.every((m, i) => m.seq === after + 1 + i) ? after + items.length : Math.min(after, lastSeqHint.get(id) ?? 0);
  const lastSeq = await findLastSeq(id, known);
  const last = Math.min(lastSeq, end);
  const kept = items.filter((m) => m.seq <= last);
  if (kept.length === Math.max(0, last - after) && kept.every((m, i) => m.seq === after + 1 + i)) return { items: kept, lastSeq, hasMore: last < lastSeq };
  const ids: string[] = [];
  for (let s = after + 1; s <= last; s++) ids.push(messageId(id, s));
  const again = (await findByIds<MessageRecord>(Message as never, ids)).sort((a, b) => a.seq - b.seq);
  return { items: again, lastSeq, hasMore: last < lastSeq };
}
