import { fromResponse } from '../api/client';

declare global {
  interface Window {
    __tbPrefetch?: { path: string; promise: Promise<Response> };
  }
}

/**
 * The answer public/prefetch.js started for `path` before the app loaded, once; null when it
 * prefetched something else (or nothing).
 */
export function takePrefetched<T>(path: string): Promise<T> | null {
  const p = typeof window !== 'undefined' ? window.__tbPrefetch : undefined;
  if (!p || p.path !== path) return null;
  window.__tbPrefetch = undefined;
  return fromResponse<T>(p.promise);
}
