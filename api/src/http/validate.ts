import type { RequestHandler, Request } from 'express';
import type { z } from 'zod';
import { fromZod } from '../errors';

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

/**
 * Validates body, query and params with zod; a failure is a 400 naming the field. The parsed
 * values replace the raw ones (body, params) or land on `req.valid.query` (Express 5's query is a getter).
 */
export function validate(schemas: Schemas): RequestHandler {
  const handler: RequestHandler = (req, _res, next) => {
    const valid: { body?: unknown; query?: unknown; params?: unknown } = {};
    for (const where of ['params', 'query', 'body'] as const) {
      const schema = schemas[where];
      if (!schema) continue;
      const input = where === 'body' ? (req.body ?? {}) : req[where];
      const result = schema.safeParse(input);
      if (!result.success) return next(fromZod(result.error, where, input));
      valid[where] = result.data;
    }
    if (schemas.body) req.body = valid.body;
    (req as Request & { valid: typeof valid }).valid = valid;
    next();
  };
  // The OpenAPI document reads each route's request schemas from here (openapi/openapi.document.ts).
  return Object.assign(handler, { [REQUEST_SCHEMAS]: schemas });
}

/** Where a `validate` middleware keeps its schemas, for the OpenAPI document. */
export const REQUEST_SCHEMAS = Symbol('requestSchemas');

/** The request schemas of a route's middleware, when it is a `validate`. */
export const requestSchemasOf = (handle: unknown): Schemas | undefined =>
  (handle as { [REQUEST_SCHEMAS]?: Schemas } | null)?.[REQUEST_SCHEMAS];

/** The validated query/params/body a `validate` middleware stored on the request. */
export function valid<T>(req: Request, where: 'body' | 'query' | 'params'): T {
  return (req as Request & { valid?: Record<string, unknown> }).valid?.[where] as T;
}
