import { z } from 'zod';
import type { Express } from 'express';
import { requestSchemasOf } from '../http/validate';
import { keyScopeOf } from '../apikeys/apikeys.auth';
import { API_KEY_SCOPES } from '../apikeys/apikeys.schemas';
import { REQUEST_BODIES, ROUTE_RESPONSES, type RouteResponse } from './openapi.responses';

/** A route the app mounts: its method, its path as Express writes it, and its middleware. */
export interface MountedRoute {
  method: string;
  path: string;
  handles: unknown[];
}

type Layer = { route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: unknown; method?: string }[] }; handle?: { stack?: Layer[] } };

/** Every route mounted under /api, walked from the app's routers (a new route is found by itself). */
export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  const seen = new Map<string, MountedRoute>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      const route = layer.route;
      if (route && typeof route.path === 'string') {
        for (const method of Object.keys(route.methods)) {
          if (method === '_all') continue;
          const handles = route.stack.filter((l) => !l.method || l.method === method).map((l) => l.handle);
          // A path registered twice (a guard, then the handler) is one route.
          const key = `${method} /api${route.path}`;
          const known = seen.get(key);
          if (known) known.handles.push(...handles);
          else {
            const r = { method, path: `/api${route.path}`, handles };
            seen.set(key, r);
            out.push(r);
          }
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  // The api router is the one mounted at /api; its routes are written without the prefix.
  for (const layer of (app as unknown as { router: { stack: Layer[] } }).router.stack) if (layer.handle?.stack) walk(layer.handle.stack);
  return out;
}

type JsonSchema = Record<string, unknown>;

const COMPONENT = (id: string) => `#/components/schemas/${id}`;

/** A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1); `input` for what a client sends. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** `/orgs/:id/x` → `/orgs/{id}/x`. */
export const openApiPath = (path: string) => path.replace(/[:*](\w+)/g, '{$1}');

const operationId = (method: string, path: string) =>
  method +
  path
    .replace(/^\/api/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function parameters(where: 'path' | 'query', schema: z.ZodType | undefined, pathNames: string[]): JsonSchema[] {
  if (where === 'path' && !schema) return pathNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const GENERIC: RouteResponse = { status: 200, description: 'Success. The answer is JSON; its shape is not described in this document yet.' };

function responses(r: RouteResponse): Record<string, unknown> {
  const ok: Record<string, unknown> = { description: r.description };
  if (r.contentType === 'none') {
    // No body (204).
  } else if (r.contentType) ok.content = { [r.contentType]: { schema: r.contentType.startsWith('application/json') ? {} : { type: 'string', format: 'binary' } } };
  else ok.content = { 'application/json': { schema: r.schema ? { $ref: COMPONENT(String((r.schema.meta() as { id?: string } | undefined)?.id)) } : {} } };
  return {
    [String(r.status)]: ok,
    '4XX': { $ref: '#/components/responses/Error' },
  };
}

/** The schemas named with `.meta({ id })` (the response shapes), as OpenAPI components. */
function components(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12', uri: COMPONENT }) as { schemas: Record<string, JsonSchema> };
  for (const s of Object.values(schemas)) delete s.$schema;
  return schemas;
}

/**
 * The OpenAPI 3.1 document of the mounted routes: each route's parameters and request body from
 * the zod schemas its `validate` middleware checks, its API-key scope from its `keyScope`, and its
 * answer from `ROUTE_RESPONSES` (a generic JSON answer for routes not described there yet).
 */
export function buildOpenApi(app: Express, info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, handles } of mountedRoutes(app)) {
    const schemas = handles.map(requestSchemasOf).find(Boolean) ?? {};
    const scope = handles.map(keyScopeOf).find(Boolean);
    const pathNames = [...path.matchAll(/[:*](\w+)/g)].map((m) => m[1]!);
    const name = `${method.toUpperCase()} ${openApiPath(path)}`;
    const described = ROUTE_RESPONSES[name];
    const otherBody = REQUEST_BODIES[name];
    const op: Record<string, unknown> = {
      operationId: operationId(method, path),
      tags: [path.split('/')[2] ?? 'api'],
      ...(described?.summary ? { summary: described.summary } : {}),
      parameters: [...parameters('path', schemas.params, pathNames), ...parameters('query', schemas.query, [])],
      ...(schemas.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(schemas.body, 'input') } } } } : {}),
      ...(otherBody ? { requestBody: { required: true, description: otherBody.description, content: { [otherBody.contentType]: { schema: otherBody.schema ?? { type: 'string', format: 'binary' } } } } } : {}),
      responses: responses(described ?? GENERIC),
      // A key with the scope, or a browser session (writes with the X-CSRF-Token header); some reads need neither.
      security: scope ? [{ apiKey: [scope] }, { session: [] }] : [{ session: [] }],
      ...(scope ? { 'x-api-key-scope': scope } : {}),
      ...(described?.schema || described?.contentType ? {} : { 'x-response-described': false }),
    };
    (paths[openApiPath(path)] ??= {})[method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TechBridge API',
      version: info.version,
      description:
        'The API of the TechBridge technology market. Partners authenticate with an API key an organisation admin creates in the web app ' +
        `(Authorization: Bearer tbk_…; scopes ${API_KEY_SCOPES.join(', ')}). The browser app uses a session cookie and sends X-CSRF-Token on writes. ` +
        'Errors are JSON {error: {code, message, field?}}; a 400 names the field at fault.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components(),
      responses: { Error: { description: 'An error (4xx)', content: { 'application/json': { schema: { $ref: COMPONENT('Error') } } } } },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key: tbk_<12 hex>_<43 characters>' },
        session: { type: 'apiKey', in: 'cookie', name: 'tb.sid', description: 'The web app session (writes also need the X-CSRF-Token header from GET /api/csrf)' },
      },
    },
  };
}
