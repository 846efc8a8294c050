/** Reading attribute paths (`title.zh`, `patents.title`) out of documents. */

/** Split paths, remembered: the engine reads the same few paths of every document it indexes. */
const splitPaths = new Map<string, readonly string[]>();
const partsOf = (path: string): readonly string[] => {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitPaths.size < 1000) splitPaths.set(path, parts);
  }
  return parts;
};

/** Reads a possibly nested dotted path. */
export function readPath(doc: unknown, path: string): unknown {
  if (path.indexOf('.') < 0 && doc != null && typeof doc === 'object' && !Array.isArray(doc)) return (doc as Record<string, unknown>)[path];
  return readPathParts(doc, partsOf(path));
}

function readPathParts(doc: unknown, parts: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const part of parts) {
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

