/**
 * Translation of structured filters and sorts into Meilisearch's filter expressions. Every value is
 * emitted as a quoted string literal (with `\` and `"` escaped) or a finite number; field names
 * come only from the index definition (validated before translation), never from user input.
 */
import type { Filter, FilterScalar, IndexDefinition, SortSpec } from '../engine';
import { SearchQueryError } from '../engine';

/** A Meilisearch string literal: double-quoted, backslash and double quote escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function literal(value: FilterScalar): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SearchQueryError('filter number is not finite');
    // Plain decimal notation (no exponent) for every finite number a document can hold.
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quote(value);
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function field(def: IndexDefinition, name: string): string {
  if (!def.filterable.some((f) => f.field === name) || !FIELD_NAME.test(name)) {
    throw new SearchQueryError(`field "${name}" is not filterable in index "${def.name}"`);
  }
  return name;
}

/** True when a filter can match nothing (an empty `in`), so the engine can answer without a request. */
export function matchesNothing(filters: readonly Filter[] | undefined): boolean {
  return (filters ?? []).some((f) => f.op === 'in' && f.values.length === 0);
}

/** The filter as Meilisearch's array form (elements are AND-ed). */
export function toMeiliFilter(def: IndexDefinition, filters: readonly Filter[] | undefined): string[] {
  const out: string[] = [];
  for (const f of filters ?? []) {
    const name = field(def, f.field);
    switch (f.op) {
      case 'eq':
        out.push(`${name} = ${literal(f.value)}`);
        break;
      case 'in':
        out.push(`${name} IN [${f.values.map(literal).join(', ')}]`);
        break;
      case 'range':
        if (f.min !== undefined) out.push(`${name} >= ${literal(f.min)}`);
        if (f.max !== undefined) out.push(`${name} <= ${literal(f.max)}`);
        if (f.min === undefined && f.max === undefined) out.push(`${name} EXISTS`);
        break;
      case 'exists':
        out.push(f.value === false ? `${name} NOT EXISTS` : `${name} EXISTS`);
        break;
      default:
        throw new SearchQueryError(`unknown filter operator`);
    }
  }
  return out;
}

/** `field:asc` strings for Meilisearch's `sort`. */
export function toMeiliSort(def: IndexDefinition, sort: readonly SortSpec[] | undefined): string[] | undefined {
  if (!sort?.length) return undefined;
  return sort.map((s) => {
    if (!def.sortable.includes(s.field) || !FIELD_NAME.test(s.field)) throw new SearchQueryError(`field "${s.field}" is not sortable`);
    return `${s.field}:${s.dir === 'desc' ? 'desc' : 'asc'}`;
  });
}
