/**
 * The one HTTP client: same-origin JSON, the session cookie, the CSRF token on every write, and
 * typed errors. A failed request always ends as an ApiError (network failures included), so pages
 * can show an error state instead of a blank screen.
 */
import i18n from 'i18next';
import type { ValidationIssue } from '@techbridge/api/contract';

/** One field's problem, as a 400 lists them. */
export type ErrorIssue = ValidationIssue;

/** An error answered by the API (`{error:{code,message,field?,details?}}`) or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Every field-level issue the server listed (validation failures carry them in `details`). */
  get issues(): ErrorIssue[] {
    if (Array.isArray(this.details)) {
      return (this.details as unknown[]).filter(
        (d): d is ErrorIssue => typeof d === 'object' && d !== null && typeof (d as ErrorIssue).field === 'string',
      );
    }
    return this.field ? [{ field: this.field, message: this.message, code: this.code }] : [];
  }
}

let csrfToken: string | null = null;

/** Remembers the token returned by register, login or me. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token || null;
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken;
  const res = await request<{ csrfToken: string }>('GET', '/api/csrf');
  csrfToken = res.csrfToken;
  return csrfToken;
}

export type Query = Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;

/** `?a=1&b=x&b=y` from an object, skipping empty values. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Extra headers of one request (an `Idempotency-Key`, say). */
export interface RequestOptions {
  headers?: Record<string, string>;
}

/** The page's language: the API words its refusals in it. */
const language = () => (i18n.language === 'en' ? 'en' : 'zh');

async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language(), ...opts.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body instanceof Blob) {
    // A file's bytes as they are: the server decides what they are from them.
    headers['Content-Type'] = 'application/octet-stream';
    payload = body;
  }
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (WRITE.has(method)) headers['X-CSRF-Token'] = await ensureCsrf();
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('application/json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; field?: string; details?: unknown } } | null)?.error;
    const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.field, e?.details);
    // A rotated or expired session token: fetch a fresh one and try once more.
    if (err.code === 'csrf_failed' && !retried) {
      csrfToken = null;
      return request<T>(method, path, body, opts, true);
    }
    throw err;
  }
  if (data && typeof data === 'object' && 'csrfToken' in data) setCsrfToken((data as { csrfToken?: string }).csrfToken);
  return data as T;
}

/** Reads a response the way every request does (typed error on failure); for prefetched answers. */
export async function fromResponse<T>(promise: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await promise;
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  const data: unknown = (res.headers.get('content-type') ?? '').includes('application/json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; field?: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.field, e?.details);
  }
  return data as T;
}

/** Downloads a non-JSON answer (CSV reports) as a Blob. */
async function download(path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { 'Accept-Language': language() } });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? res.statusText);
  }
  return res.blob();
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path + toQueryString(query)),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** Sends one file's bytes as the body (`POST /api/attachments/:kind/:id?name=`). */
  sendFile: <T>(path: string, file: Blob) => request<T>('POST', path, file),
  download,
};
