import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';

/** Every route the app mounts under /api, as [method, path] (walked from the routers, so a new route is covered by itself). */
function apiRoutes(srv: TestServer): [string, string][] {
  const out: [string, string][] = [];
  type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push([m, prefix + layer.route.path]);
      } else if (layer.handle?.stack) walk(layer.handle.stack, prefix);
    }
  };
  const app = srv.bundle.app as unknown as { router: { stack: Layer[] } };
  // The api router is the one mounted at /api; its routes are written without the prefix.
  for (const layer of app.router.stack) if (layer.handle?.stack) walk(layer.handle.stack, '/api');
  return out.filter(([, p]) => p.startsWith('/api/'));
}

const BAD_SEGMENTS = ['%ZZ', '%E0%A4%A', 'not-an-id', 'zzzzzzzzzzzzzzzzzzzzzzzz', '0'.repeat(25), '%00', '..%2F..%2Fetc', '%F0%9F%92%A9'];
const BAD_ID = 'not-an-object-id';
const BAD_QUERIES = [
  `side=demand&demandId=${BAD_ID}`,
  `side=supply&achievementId=${BAD_ID}`,
  `orgId=${BAD_ID}&id=${BAD_ID}&matchId=${BAD_ID}&dealId=${BAD_ID}`,
  'demandId=%ZZ&page=abc&pageSize=-1&after=x&a=1&b=zz',
  'demandId=65f0c0ffee0000000000abcd&demandId=65f0c0ffee0000000000abce',
  'ids=1,2,3&verified=maybe&pinned=2',
];
const BAD_BODIES: unknown[] = [
  { achievementId: BAD_ID, demandId: BAD_ID, orgId: BAD_ID, matchId: BAD_ID, buyerOrgId: BAD_ID, demandIds: [BAD_ID], ids: [BAD_ID], dealId: BAD_ID },
  { achievementId: { $gt: '' }, orgId: ['65f0c0ffee0000000000abcd'], demandIds: 'x', ids: 7 },
  [BAD_ID],
];

/** Issue 14, item 3: no 5xx on bad input, anywhere. */
describe('malformed ids and encodings on every route', function () {
  this.timeout(300_000);
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  it('answers every route with a 4xx (never 5xx) for malformed path ids, percent-encodings, query ids and bodies', async () => {
    const routes = apiRoutes(srv);
    assert.ok(routes.length > 40, `found ${routes.length} routes`);
    const broker = await signUp(srv.url, { kind: 'agency', verified: true });
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const admin = await signInAdmin(srv.url);
    const anon = await new TestClient(srv.url).init();
    const failures: string[] = [];
    const check = async (who: string, c: TestClient, method: string, path: string, body?: unknown, raw?: string) => {
      let req = c.agent[method as 'get'](path).set('x-csrf-token', c.csrf);
      if (raw !== undefined) req = req.set('content-type', 'application/json').send(raw);
      else if (body !== undefined) req = req.send(body as object);
      const res = await req;
      if (res.status >= 500) failures.push(`${who} ${method.toUpperCase()} ${path} ${raw ?? JSON.stringify(body ?? '')} → ${res.status} ${JSON.stringify(res.body)}`);
    };
    for (const [who, c] of [['broker', broker.client], ['enterprise', ent.client], ['admin', admin.client], ['anonymous', anon]] as const) {
      for (const [method, route] of routes) {
        if (route === '/api/auth/logout') continue;
        const params = route.match(/:\w+/g) ?? [];
        const writes = method !== 'get' && method !== 'head';
        const paths = params.length ? BAD_SEGMENTS.map((seg) => route.replace(/:\w+/g, seg)) : [route];
        // A valid-looking id in the other params, so each bad segment is tried in every position.
        for (const [i] of params.entries())
          paths.push(params.reduce((p, name, j) => p.replace(name, j === i ? BAD_ID : '65f0c0ffee0000000000abcd'), route));
        for (const path of paths) await check(who, c, method, path, writes ? BAD_BODIES[0] : undefined);
        const base = params.length ? route.replace(/:\w+/g, '65f0c0ffee0000000000abcd') : route;
        for (const q of BAD_QUERIES) await check(who, c, method, `${base}?${q}`, writes ? {} : undefined);
        if (writes) {
          for (const body of BAD_BODIES) await check(who, c, method, base, body);
          await check(who, c, method, base, undefined, '{"achievementId": "x",');
        }
      }
    }
    await check('anonymous', anon, 'get', '/api/achievements/%ZZ');
    await check('anonymous', anon, 'get', '/api/%ZZ');
    assert.deepEqual(failures, [], `${failures.length} answers were 5xx:\n${failures.slice(0, 40).join('\n')}`);
  });

  it('answers bad percent-encoding in a path with 400 naming the path', async () => {
    const anon = await new TestClient(srv.url).init();
    const res = await anon.get('/api/achievements/%ZZ').expect(400);
    assert.equal(res.body.error.code, 'invalid_path');
  });

  it('answers an id that is not an ObjectId in a query with 400 naming the field', async () => {
    const ent = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const res = await ent.client.get(`/api/matches?side=demand&demandId=${BAD_ID}`).expect(400);
    assert.equal(res.body.error.field, 'demandId');
  });
});
