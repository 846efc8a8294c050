/**
 * Columnar filter data for the embedded engine: every filterable field keeps its value per document
 * slot in a typed array, and keyword fields keep a posting set per value. Filters then cost one
 * array read per candidate, and facet counts are integer increments over the candidates.
 */
import type { FilterableAttribute } from '../engine';
export { readPath } from '../paths';

const MISSING = -1;

function grow<T extends Int32Array | Float64Array>(arr: T, min: number, fill: number): T {
  if (arr.length >= min) return arr;
  let size = Math.max(arr.length * 2, 1024);
  while (size < min) size *= 2;
  const next = new (arr.constructor as { new (n: number): T })(size);
  next.fill(fill);
  next.set(arr);
  return next;
}

/** A keyword (or boolean) column: values are interned as small integer codes. */
export class KeywordColumn {
  readonly codes = new Map<string, number>();
  readonly labels: string[] = [];
  /** Documents per code. */
  readonly postings: Set<number>[] = [];
  /** Single-valued: code per slot (MISSING when absent). */
  private single = new Int32Array(0);
  /** Multi-valued: codes per slot. */
  private readonly multi: (Int32Array | undefined)[] = [];

  constructor(readonly attr: FilterableAttribute) {}

  private code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.labels.length;
      this.codes.set(value, c);
      this.labels.push(value);
      this.postings.push(new Set());
    }
    return c;
  }

  /** The code of a filter value, or undefined when no document ever had it. */
  lookup(value: string | number | boolean): number | undefined {
    return this.codes.get(String(value));
  }

  set(slot: number, raw: unknown): void {
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined && v !== null).map(String);
    if (this.attr.array) {
      const codes = Int32Array.from(new Set(values.map((v) => this.code(v))));
      this.multi[slot] = raw == null ? undefined : codes;
      for (const c of codes) this.postings[c]?.add(slot);
    } else {
      this.single = grow(this.single, slot + 1, MISSING);
      const v = values[0];
      if (v === undefined) {
        this.single[slot] = MISSING;
      } else {
        const c = this.code(v);
        this.single[slot] = c;
        this.postings[c]?.add(slot);
      }
    }
  }

  unset(slot: number): void {
    if (this.attr.array) {
      for (const c of this.multi[slot] ?? []) this.postings[c]?.delete(slot);
      this.multi[slot] = undefined;
    } else if (slot < this.single.length) {
      const c = this.single[slot] as number;
      if (c !== MISSING) this.postings[c]?.delete(slot);
      this.single[slot] = MISSING;
    }
  }

  has(slot: number, code: number): boolean {
    if (this.attr.array) {
      const codes = this.multi[slot];
      return codes !== undefined && codes.includes(code);
    }
    return slot < this.single.length && this.single[slot] === code;
  }

  hasAny(slot: number, codes: ReadonlySet<number>): boolean {
    if (this.attr.array) {
      const mine = this.multi[slot];
      if (!mine) return false;
      for (const c of mine) if (codes.has(c)) return true;
      return false;
    }
    return slot < this.single.length && codes.has(this.single[slot] as number);
  }

  exists(slot: number): boolean {
    return this.attr.array ? this.multi[slot] !== undefined : slot < this.single.length && this.single[slot] !== MISSING;
  }

  /** Adds the counts of `slots` into `counts` (indexed by code). */
  count(slots: ArrayLike<number>, counts: Int32Array): void {
    if (this.attr.array) {
      for (let i = 0; i < slots.length; i++) {
        const codes = this.multi[slots[i] as number];
        if (codes) for (const c of codes) counts[c] = (counts[c] as number) + 1;
      }
    } else {
      const single = this.single;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i] as number;
        const c = s < single.length ? (single[s] as number) : MISSING;
        if (c !== MISSING) counts[c] = (counts[c] as number) + 1;
      }
    }
  }
}

/** A numeric column; NaN marks a missing value. */
export class NumberColumn {
  private values = new Float64Array(0);

  constructor(readonly attr: FilterableAttribute) {}

  set(slot: number, raw: unknown): void {
    this.values = grow(this.values, slot + 1, Number.NaN);
    this.values[slot] = typeof raw === 'number' && Number.isFinite(raw) ? raw : Number.NaN;
  }

  unset(slot: number): void {
    if (slot < this.values.length) this.values[slot] = Number.NaN;
  }

  get(slot: number): number {
    return slot < this.values.length ? (this.values[slot] as number) : Number.NaN;
  }

  exists(slot: number): boolean {
    return !Number.isNaN(this.get(slot));
  }

  /** Adds the counts of `slots` into `counts` (value → count). */
  count(slots: ArrayLike<number>, counts: Map<number, number>): void {
    const values = this.values;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i] as number;
      const v = s < values.length ? (values[s] as number) : Number.NaN;
      if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
}

export type Column = KeywordColumn | NumberColumn;

/** Builds the columns of an index definition. */
export function makeColumns(attrs: readonly FilterableAttribute[]): Map<string, Column> {
  return new Map(attrs.map((a) => [a.field, a.type === 'number' ? new NumberColumn(a) : new KeywordColumn(a)]));
}
