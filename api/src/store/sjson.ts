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

const INT32_MIN = -(2 ** 31);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const plainString = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
const INT32_MAX = 2 ** 31 - 1;

function encodeValue(v: unknown): [unknown, Elem] {
  if (v === null) return [null, { t: 'null' }];
  switch (typeof v) {
    case 'string':
      // PostgreSQL's jsonb holds no NUL character and no lone surrogate (the driver's UTF-8 would
      // have replaced it): FerretDB's way for those.
      if (!plainString(v)) break;
      return [v, { t: 'string' }];
    case 'boolean':
      return [v, { t: 'bool' }];
    case 'number':
      // As the driver's BSON: an int32 when integral and in range, else a double (-0, NaN and
      // the infinities have no plain JSON form).
      if (!Number.isFinite(v) || Object.is(v, -0)) break;
      return [v, { t: Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'double' }];
    case 'object': {
      if (v instanceof Date) {
        const ms = v.getTime();
        if (!Number.isFinite(ms)) break;
        return [ms, { t: 'date' }];
      }
      if (v instanceof Types.ObjectId) return [v.toHexString(), { t: 'objectId' }];
      if (Array.isArray(v)) {
        // FerretDB refuses an array directly inside an array.
        if (v.some((x) => Array.isArray(x))) break;
        const items = v.map(encodeValue);
        return [items.map(([x]) => x), { t: 'array', i: items.map(([, e]) => e) }];
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) break;
      const [out, schema] = encodeObject(v as Record<string, unknown>);
      return [out, { t: 'object', $s: schema }];
    }
  }
  throw new UnsupportedStoredType(`no stored form for ${Object.prototype.toString.call(v)}`);
}

function encodeObject(v: Record<string, unknown>): [Record<string, unknown>, Schema] {
  const keys = Object.keys(v);
  // An empty object's schema has no key list and no properties (as FerretDB writes it).
  if (!keys.length) return [{}, {} as Schema];
  const out: Record<string, unknown> = {};
  const p: Record<string, Elem> = {};
  for (const k of keys) {
    if (!k || k.startsWith('$') || k.includes('.') || !plainString(k)) throw new UnsupportedStoredType(`field name ${JSON.stringify(k)}`);
    [out[k], p[k]] = encodeValue(v[k]);
  }
  return [out, { p, $k: keys }];
}

/**
 * A document in the stored form `decodeStored` reads (the inverse: what FerretDB writes for what
 * the driver sends). Plain objects, arrays, strings, booleans, finite numbers, dates, ObjectIds
 * and null; anything else (undefined, binData, Long, -0, NaN, an array in an array, a `$` or dotted field
 * name, an `_id` missing, not first or of another type) throws
 * `UnsupportedStoredType`, and the caller writes through FerretDB instead.
 */
export function encodeStored(doc: Record<string, unknown>): Record<string, unknown> {
  // An `_id` the writer chose, first (FerretDB would make up a missing one).
  const id = doc._id;
  if (Object.keys(doc)[0] !== '_id' || !(typeof id === 'string' || id instanceof Types.ObjectId)) throw new UnsupportedStoredType('an _id first, a string or an ObjectId');
  const [out, schema] = encodeObject(doc);
  return { $s: schema, ...out };
}
