import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from './logger';
import { errorMessage, issueMessage, withField, type IssueFacts } from './i18n/localize';
import { requestLang, type Lang } from './i18n/lang';

/** A failure with a stable code and HTTP status, safe to show to the client. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly extra: { field?: string; details?: unknown } = {},
    /** zod's issues behind a validation failure, to word them in the request's language (never sent as they are). */
    public readonly issues?: readonly IssueFacts[],
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, field?: string, details?: unknown) =>
  new AppError(400, code, message, { field, details });
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, { details });
export const gone = (code: string, message: string) => new AppError(410, code, message);

/** One field's problem in a 400's `details`. */
export interface ValidationIssue {
  field: string;
  message: string;
  code?: string;
}

/** Turns a zod failure into a 400 naming the first bad field, listing all of them (worded in English here; `errorBody` words them in the request's language). */
export function fromZod(err: ZodError, where: 'body' | 'query' | 'params' | 'event' = 'body', input?: unknown): AppError {
  const facts = err.issues.map((i): IssueFacts => {
    // An unknown key is named itself, so `{"isAdmin": true}` is answered "isAdmin: …".
    const path = i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]] : i.path;
    const raw = i as unknown as Record<string, unknown>;
    return {
      field: path.map(String).join('.') || where,
      code: i.code,
      message: i.code === 'unrecognized_keys' ? 'is not an accepted field' : i.message,
      minimum: raw.minimum as number | undefined,
      maximum: raw.maximum as number | undefined,
      inclusive: raw.inclusive as boolean | undefined,
      origin: raw.origin as string | undefined,
      format: raw.format as string | undefined,
      divisor: raw.divisor as number | undefined,
      values: raw.values as unknown[] | undefined,
      missing: (i.code === 'invalid_type' || i.code === 'invalid_value') && (input !== undefined ? valueAt(input, i.path) === undefined : /received undefined/.test(i.message)),
    };
  });
  const issues = wordIssues(facts, 'en');
  const first = issues[0] ?? { field: where, message: 'Invalid input' };
  return new AppError(400, 'validation_failed', `${first.field}: ${first.message}`, { field: first.field, details: issues }, facts);
}

const valueAt = (input: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);

const wordIssues = (facts: readonly IssueFacts[], lang: Lang): ValidationIssue[] =>
  facts.map((f) => ({ field: f.field, message: issueMessage(f, lang), code: f.code }));

/** The JSON shape every error takes on the wire, its messages in `lang` (English when not given). */
export function errorBody(err: AppError, lang: Lang = 'en') {
  let message = err.message;
  let details = err.extra.details;
  if (err.issues?.length) {
    const issues = wordIssues(err.issues, lang);
    details = issues;
    message = withField(issues[0]!.field, issues[0]!.message, lang);
  } else if (lang !== 'en' || err.code === 'validation_failed') {
    message = errorMessage({ status: err.status, code: err.code, message: err.message, field: err.extra.field }, lang);
  }
  return {
    error: {
      code: err.code,
      message,
      ...(err.extra.field ? { field: err.extra.field } : {}),
      ...(details !== undefined ? { details } : {}),
    },
  };
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** Maps any thrown value to an AppError; unknown errors become an opaque 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZod(err);
  const e = err as HttpishError;
  // body-parser / raw-body errors carry a status and a type
  if (e?.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'Request body is too large');
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'invalid_json', 'Request body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'unsupported_encoding', e.message ?? 'Unsupported encoding');
  // The router's decoding of a path parameter (`/api/achievements/%ZZ`) throws a URIError.
  if (err instanceof URIError) return new AppError(400, 'invalid_path', 'The request path is not valid percent-encoding', { field: 'path' });
  const status = e?.status ?? e?.statusCode;
  if (status && status >= 400 && status < 500) return new AppError(status, 'bad_request', e.expose ? (e.message ?? 'Bad request') : 'Bad request');
  const mongoErr = err as { code?: number; name?: string; path?: string; kind?: string };
  if (mongoErr?.code === 11000) return conflict('duplicate', 'A record with the same unique value already exists');
  if (mongoErr?.name === 'CastError') return badRequest('invalid_id', `${mongoErr.path ?? 'id'} is not a valid identifier`, mongoErr.path);
  return new AppError(500, 'internal', 'Internal server error');
}

/** The one error middleware: logs server faults, answers with the stable JSON shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    const retry = (appErr.extra.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (appErr.status === 429 && retry) res.setHeader('retry-after', String(retry));
    res.status(appErr.status).json(errorBody(appErr, requestLang(req)));
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`));
