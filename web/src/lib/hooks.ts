import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import type { Lang } from './format';

/** The current UI language as 'zh' | 'en'. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: (updater: T | ((prev: T | undefined) => T)) => void;
}

/**
 * Runs `fn` when `deps` change; exposes data, error and loading so every page can render all three.
 * A stale answer (deps changed meanwhile) is dropped.
 */
export function useRequest<T>(fn: () => Promise<T>, deps: readonly unknown[], enabled = true): RequestState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    fnRef
      .current()
      .then((d) => {
        if (mine === seq.current) setData(d);
      })
      .catch((err: unknown) => {
        if (mine === seq.current) setError(toApiError(err));
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [...deps, tick, enabled]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((u: T | ((prev: T | undefined) => T)) => {
    setData((prev) => (typeof u === 'function' ? (u as (p: T | undefined) => T)(prev) : u));
  }, []);
  return { data, error, loading, reload, setData: set };
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'client', err instanceof Error ? err.message : String(err));
}

/** A user-facing sentence for an API error, translated when its code is known. */
export function errorText(t: TFunction, err: unknown): string {
  const e = toApiError(err);
  if (e.status === 0) return t('errors.network');
  const key = `errors.${e.code}`;
  // a translation may quote the server's own words with {{message}}
  if (t(key, { defaultValue: '' })) return t(key, { message: e.message });
  if (e.status === 401) return t('errors.unauthenticated');
  if (e.status === 403) return t('errors.forbidden');
  if (e.status === 404) return t('errors.not_found');
  if (e.status >= 500) return t('errors.internal');
  return t('errors.generic', { message: e.message });
}
