/**
 * Reads documents as FerretDB 1.24 stores them on its PostgreSQL backend, so that a page or a set
 * of ids asked of PostgreSQL comes back in one round trip instead of one FerretDB read per document.
 *
 * FerretDB keeps each document as JSON beside a schema of its types: the root holds
 * `"$s": {"p": {<field>: <elem>}, "$k": [<field order>]}`, where an elem is `{"t": <type>}` —
 * with `"$s"` for an object and `"i": [<elem per item>]` for an array. An ObjectId is stored as its
 * hex string, a date as its milliseconds, ints, longs and doubles as JSON numbers. This decodes
 * those into what the driver (and mongoose's `lean()`) gives: ObjectId, Date, numbers, in field
 * order. A type it does not know (binData, regex, timestamp) throws `UnsupportedStoredType`, and the
 * caller reads through FerretDB instead. `sjson.test.ts` compares it with FerretDB's own answers.
 */
import { Types } from 'mongoose';

interface Elem {
  t: string;
  $s?: Schema;
  i?: Elem[];
}
interface Schema {
  p: Record<string, Elem>;
  $k: string[];
}

export class UnsupportedStoredType extends Error {}

function value(v: unknown, e: Elem): unknown {
  switch (e.t) {
    case 'string':
    case 'bool':
    case 'int':
    case 'long':
    case 'double':
      return v;
    case 'null':
      return null;
    case 'objectId':
      return new Types.ObjectId(v as string);
    case 'date':
      return new Date(v as number);
    case 'object':
      return object(v as Record<string, unknown>, e.$s);
    case 'array':
      return (v as unknown[]).map((x, n) => value(x, e.i![n]!));
    default:
      throw new UnsupportedStoredType(`stored type ${e.t}`);
  }
}

function object(v: Record<string, unknown>, s: Schema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // An empty object's schema omits its (empty) key list and properties.
  for (const k of s?.$k ?? []) out[k] = value(v[k], s!.p[k]!);
  return out;
}

/** One stored document (`_jsonb` as node-postgres parses it) as the driver would return it. */
export function decodeStored(doc: Record<string, unknown>): Record<string, unknown> {
  return object(doc, doc.$s as Schema);
}

/**
 * Applies a top-level projection the way MongoDB does for plain field lists: `{a: 1, b: 1}` keeps
 * those (and `_id` unless `_id: 0`), `{a: 0}` drops them. Dotted paths are not handled (callers
 * with them read through FerretDB).
 */
export function project(doc: Record<string, unknown>, projection?: Record<string, 0 | 1>): Record<string, unknown> {
  if (!projection || !Object.keys(projection).length) return doc;
  const entries = Object.entries(projection);
  const including = entries.some(([k, v]) => v === 1 && k !== '_id');
  if (including) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(doc)) if (k === '_id' ? projection._id !== 0 : projection[k] === 1) out[k] = doc[k];
    return out;
  }
  const out = { ...doc };
  for (const [k, v] of entries) if (v === 0) delete out[k];
  return out;
}

/** Whether `project` can apply this projection (top-level fields, 0 or 1). */
export const projectable = (projection?: Record<string, unknown>) =>
  !projection || Object.entries(projection).every(([k, v]) => !k.includes('.') && (v === 0 || v === 1));
