/** Reading attribute paths (`title.zh`, `patents.title`) out of documents. */

/** Reads a possibly nested dotted path. */
export function readPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur == null) return undefined;
    if (Array.isArray(cur)) {
      cur = cur.flatMap((x) => {
        const v = x != null && typeof x === 'object' ? (x as Record<string, unknown>)[part] : undefined;
        return v === undefined ? [] : [v];
      });
    } else if (typeof cur === 'object') {
      cur = (cur as Record<string, unknown>)[part];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** The searchable text at a path: strings joined, nested arrays flattened. */
export function textAt(doc: unknown, path: string): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(readPath(doc, path));
  return parts.join('\n');
}

