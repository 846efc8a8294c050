import { badRequest } from '../errors';

/** A position in a feed: after the listing `id` last changed at `t` (order: updatedAt, then _id). */
export interface FeedPosition {
  t: Date;
  id: string;
}

const ZERO_ID = '0'.repeat(24);
const HEX_ID = /^[0-9a-f]{24}$/;

/** The opaque cursor for a position (base64url of `[ms, id]`, versioned). */
export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(JSON.stringify(['f1', p.t.getTime(), p.id])).toString('base64url');
}

/**
 * The position a cursor names: a cursor this feed gave out, or an ISO date-time (everything changed
 * after it); absent = the beginning. Anything else is a 400 naming `updatedSince`.
 */
export function decodeCursor(raw: string | undefined): FeedPosition {
  if (raw === undefined) return { t: new Date(0), id: ZERO_ID };
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(raw)) {
    const t = new Date(raw);
    if (!Number.isNaN(t.getTime())) return { t, id: ZERO_ID };
  }
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && v[0] === 'f1' && Number.isSafeInteger(v[1]) && v[1] >= 0 && typeof v[2] === 'string' && HEX_ID.test(v[2]))
      return { t: new Date(v[1] as number), id: v[2] };
  } catch {
    // falls through to the 400
  }
  throw badRequest('invalid_cursor', 'updatedSince: not a cursor from this feed nor an ISO date-time', 'updatedSince');
}
