import assert from 'node:assert/strict';
import supertest from 'supertest';
import type { z } from 'zod';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, demandInput } from '../../test/factories';
import { openDealFor } from '../../test/deals.factories';
import { requestSchemasOf } from '../http/validate';
import { NO_BODY, REQUEST_BODIES } from './openapi.responses';
import { openApiPath } from './openapi.document';
import * as R from './responses.schemas';

type Op = {
  parameters: { name: string; in: string; schema: unknown }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-response-described'?: boolean;
  'x-api-key-scope'?: string;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown> } };

/** Every route the app mounts under /api with its middleware, walked from the routers here (not by the code under test). */
function apiRoutes(srv: TestServer): { method: string; path: string; handles: unknown[] }[] {
  const out = new Map<string, { method: string; path: string; handles: unknown[] }>();
  type Layer = { route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: unknown }[] }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const m of Object.keys(layer.route.methods)) {
          if (m === '_all') continue;
          const key = `${m} /api${layer.route.path}`;
          const known = out.get(key) ?? { method: m, path: `/api${layer.route.path}`, handles: [] };
          known.handles.push(...layer.route.stack.map((l) => l.handle));
          out.set(key, known);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  for (const layer of (srv.bundle.app as unknown as { router: { stack: Layer[] } }).router.stack) if (layer.handle?.stack) walk(layer.handle.stack);
  return [...out.values()];
}

/** Parses a real answer with the schema the document names for it (strict objects: a field too many or missing fails). */
function holds(schema: z.ZodType, body: unknown, what: string) {
  const r = schema.safeParse(body);
  assert.ok(r.success, `${what}: the answer does not match its documented schema: ${r.success ? '' : JSON.stringify(r.error.issues.slice(0, 5))}`);
}

describe('OpenAPI document /api/openapi.json', function () {
  this.timeout(180_000);
  let srv: TestServer;
  let doc: Doc;
  before(async () => {
    srv = await startTestServer();
    doc = (await supertest(srv.url).get('/api/openapi.json').expect(200).expect('content-type', /json/)).body as Doc;
  });
  after(() => srv.close());

  it('documents every mounted route: its path parameters and request from the zod schemas it validates with, and a response', () => {
    assert.equal(doc.openapi, '3.1.0');
    const routes = apiRoutes(srv);
    assert.ok(routes.length > 100, `found ${routes.length} routes`);
    const problems: string[] = [];
    for (const { method, path, handles } of routes) {
      const name = `${method.toUpperCase()} ${openApiPath(path)}`;
      const op = doc.paths[openApiPath(path)]?.[method];
      if (!op) {
        problems.push(`${name}: not in the document`);
        continue;
      }
      const schemas = handles.map(requestSchemasOf).find(Boolean) ?? {};
      const pathParams = [...path.matchAll(/[:*](\w+)/g)].map((m) => m[1]!);
      if (pathParams.length) {
        const validated = Object.keys((schemas.params as z.ZodObject | undefined)?.shape ?? {});
        for (const p of pathParams) {
          if (!validated.includes(p)) problems.push(`${name}: path parameter ${p} is not validated by a zod schema`);
          if (!op.parameters.some((d) => d.in === 'path' && d.name === p)) problems.push(`${name}: path parameter ${p} undocumented`);
        }
      }
      if (schemas.query && !op.parameters.some((d) => d.in === 'query')) problems.push(`${name}: its query schema is not documented`);
      if (method !== 'get' && method !== 'head') {
        if (!op.requestBody && !NO_BODY.has(name)) problems.push(`${name}: no documented request body (add a validate body schema, REQUEST_BODIES or NO_BODY)`);
        if (op.requestBody && NO_BODY.has(name)) problems.push(`${name}: listed in NO_BODY but takes a body`);
      }
      const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!ok.length) problems.push(`${name}: no success response documented`);
    }
    // No stale declarations: each names a mounted route.
    const mounted = new Set(routes.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`));
    for (const name of [...NO_BODY, ...Object.keys(REQUEST_BODIES)]) if (!mounted.has(name)) problems.push(`${name}: declared but not mounted`);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('gives the partner-facing routes real response schemas and their API-key scopes, and every $ref resolves', () => {
    const partner: [string, string, string | undefined][] = [
      ['get', '/api/feed/achievements', 'listings:read'],
      ['get', '/api/feed/demands', 'listings:read'],
      ['get', '/api/search/achievements', 'listings:read'],
      ['get', '/api/search/demands', 'listings:read'],
      ['get', '/api/achievements/{id}', 'listings:read'],
      ['get', '/api/achievements/mine', 'listings:read'],
      ['post', '/api/achievements', 'listings:write'],
      ['patch', '/api/achievements/{id}', 'listings:write'],
      ['post', '/api/achievements/{id}/publish', 'listings:write'],
      ['post', '/api/achievements/{id}/withdraw', 'listings:write'],
      ['get', '/api/demands/{id}', 'listings:read'],
      ['get', '/api/demands/mine', 'listings:read'],
      ['post', '/api/demands', 'listings:write'],
      ['patch', '/api/demands/{id}', 'listings:write'],
      ['post', '/api/demands/{id}/publish', 'listings:write'],
      ['get', '/api/deals', 'deals:read'],
      ['get', '/api/deals/{id}', 'deals:read'],
      ['post', '/api/orgs/{id}/api-keys', undefined],
    ];
    for (const [method, path, scope] of partner) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method} ${path} missing`);
      assert.notEqual(op['x-response-described'], false, `${method} ${path} has only a generic response`);
      assert.equal(op['x-api-key-scope'], scope, `${method} ${path} scope`);
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    assert.ok(refs.length > 20);
    for (const ref of new Set(refs)) {
      const target = ref.slice(8, -1);
      if (target.startsWith('#/components/schemas/')) assert.ok(doc.components.schemas[target.slice('#/components/schemas/'.length)], `${target} does not resolve`);
    }
    // The request body is the validating schema itself: a field of AchievementInput, with its limits.
    const body = doc.paths['/api/achievements']!.post!.requestBody!.content['application/json'] as { schema: { properties: Record<string, { minimum?: number; maximum?: number }> } };
    assert.deepEqual([body.schema.properties.trl!.minimum, body.schema.properties.trl!.maximum], [1, 9]);
  });

  it('describes what the routes really answer (real answers parsed with the documented schemas)', async () => {
    const p = await openDealFor(srv.url);
    const uni = p.supplier;
    const key = (await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name: 'doc check', scopes: ['listings:read', 'listings:write'] }).expect(201)).body;
    holds(R.CreatedApiKey, key, 'POST api-keys');
    holds(R.ApiKeyList, (await uni.client.get(`/api/orgs/${uni.org!.id}/api-keys`).expect(200)).body, 'GET api-keys');
    const k = supertest(srv.url);
    const auth = { authorization: `Bearer ${key.key}` };
    const created = (await k.post('/api/achievements').set(auth).send(achievementInput()).expect(201)).body;
    holds(R.Achievement, created, 'POST /api/achievements');
    const published = (await k.post(`/api/achievements/${created.id}/publish`).set(auth).send({}).expect(200)).body;
    holds(R.Achievement, published, 'publish');
    holds(R.Achievement, (await k.get(`/api/achievements/${created.id}`).set(auth).expect(200)).body, 'GET achievement (owner, with details)');
    holds(R.Achievement, (await supertest(srv.url).get(`/api/achievements/${created.id}`).expect(200)).body, 'GET achievement (anonymous)');
    holds(R.AchievementList, (await k.get('/api/achievements/mine').set(auth).expect(200)).body, 'mine');
    const demand = (await p.buyer.client.post('/api/demands', demandInput({ anonymous: true })).expect(201)).body;
    holds(R.Demand, demand, 'POST /api/demands');
    holds(R.Demand, (await p.buyer.client.post(`/api/demands/${demand.id}/publish`, {}).expect(200)).body, 'publish demand');
    holds(R.Demand, (await supertest(srv.url).get(`/api/demands/${demand.id}`).expect(200)).body, 'GET demand (anonymous viewer)');
    holds(R.DemandList, (await p.buyer.client.get('/api/demands/mine').expect(200)).body, 'demands mine');
    await new Promise((r) => setTimeout(r, 50));
    const feedSrv = await startTestServer({ FEED_SETTLE_MS: '0' });
    try {
      const anon = await new TestClient(feedSrv.url).init();
      const fa = (await anon.get('/api/feed/achievements').expect(200)).body;
      assert.ok(fa.entries.length >= 2);
      holds(R.AchievementFeedPage, fa, 'feed achievements');
      const fd = (await anon.get('/api/feed/demands').expect(200)).body;
      assert.ok(fd.entries.length >= 1);
      holds(R.DemandFeedPage, fd, 'feed demands');
    } finally {
      await feedSrv.close();
    }
    await srv.indexer.idle();
    const sa = (await supertest(srv.url).get('/api/search/achievements?q=锂电池').expect(200)).body;
    assert.ok(sa.hits.length >= 1);
    holds(R.AchievementSearchResult, sa, 'search achievements');
    const sd = (await supertest(srv.url).get('/api/search/demands').expect(200)).body;
    assert.ok(sd.hits.length >= 1);
    holds(R.DemandSearchResult, sd, 'search demands');
    holds(R.DealList, (await p.buyer.client.get('/api/deals').expect(200)).body, 'GET /api/deals');
    holds(R.DealDetail, (await p.buyer.client.get(`/api/deals/${p.dealId}`).expect(200)).body, 'GET /api/deals/:id');
    holds(R.ApiKeyView, (await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys/${key.id}/revoke`).expect(200)).body, 'revoke');
    // The checker itself: an answer with a field the schema does not name fails.
    assert.equal(R.Achievement.safeParse({ ...created, secret: 1 }).success, false);
  });

  it('serves the browsable reference from this server under the app’s CSP (no inline script, no CDN)', async () => {
    const c = supertest(srv.url);
    await c.get('/api/docs').expect(301).expect('location', '/api/docs/');
    const page = await c.get('/api/docs/').expect(200).expect('content-type', /html/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 2);
    for (const [, attrs, inline] of scripts) {
      assert.match(attrs!, /src="\.\//, 'a script from elsewhere');
      assert.equal(inline!.trim(), '', 'an inline script (the CSP would block it)');
    }
    assert.ok(!/https?:\/\//.test(page.text.replace(/<!DOCTYPE[^>]*>/, '')), 'the page loads something from another site');
    for (const src of [...page.text.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!)) await c.get(`/api/docs/${src}`).expect(200);
    assert.match((await c.get('/api/docs/start.js').expect(200)).text, /\/api\/openapi\.json/);
  });
});
