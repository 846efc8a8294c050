/**
 * The first `k` items of `items` in `cmp` order without sorting everything: a bounded max-heap,
 * O(n log k). Pagination only ever needs page × pageSize items.
 */
export function topK<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (items.length <= k * 4 || items.length <= 64) return [...items].sort(cmp).slice(0, k);
  const heap: T[] = [];
  // heap[0] is the worst of the kept items (largest under cmp).
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i] as T, heap[p] as T) <= 0) break;
      [heap[i], heap[p]] = [heap[p] as T, heap[i] as T];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l] as T, heap[m] as T) > 0) m = l;
      if (r < heap.length && cmp(heap[r] as T, heap[m] as T) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as T, heap[i] as T];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (cmp(item, heap[0] as T) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(cmp);
}
