// What changed between two offer versions, as a flat list of paths. Pure, no imports, so web/ can
// use it to highlight changed terms.

export interface TermChange {
  /** Dotted path into the terms, array items by index: `milestones.1.amount`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function walk(a: unknown, b: unknown, path: string, out: TermChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: 'added', to: b });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: 'removed', from: a });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], path ? `${path}.${i}` : String(i), out);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : Object.is(a, b);
  if (!same) out.push({ path, kind: 'changed', from: a, to: b });
}

/**
 * The terms that differ from `a` to `b`: leaves that changed, and whole values that were added or
 * removed (a new milestone is one `added` entry at `milestones.2`). Equal terms give `[]`.
 */
export function diff(a: unknown, b: unknown): TermChange[] {
  const out: TermChange[] = [];
  walk(a ?? {}, b ?? {}, '', out);
  return out;
}
