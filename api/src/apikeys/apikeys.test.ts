import assert from 'node:assert/strict';
import supertest from 'supertest';
import { startTestServer, type TestServer } from '../../test/server';
import { achievementInput, signUp, type SignedIn } from '../../test/factories';
import { openDealFor } from '../../test/deals.factories';
import { ApiKey } from './apikey.model';
import { hashKey } from './apikeys.service';
import { KeyBuckets } from './key-limiter';

/** A plain HTTP client: no cookie jar, no CSRF token — what a partner's server sends. */
const bare = (srv: TestServer, key: string) => {
  const c = supertest(srv.url);
  const auth = { authorization: `Bearer ${key}` };
  return {
    get: (p: string) => c.get(p).set(auth),
    post: (p: string, body?: object) => c.post(p).set(auth).send(body ?? {}),
    patch: (p: string, body?: object) => c.patch(p).set(auth).send(body ?? {}),
  };
};

async function newKey(admin: SignedIn, scopes: string[], name = 'partner sync') {
  const res = await admin.client.post(`/api/orgs/${admin.org!.id}/api-keys`, { name, scopes }).expect(201);
  return res.body as { id: string; key: string; prefix: string; scopes: string[] };
}

describe('API keys', function () {
  this.timeout(120_000);
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({ API_KEY_RATE_LIMIT: '1000' });
  });
  after(() => srv.close());

  it('are created by the org admin, shown once, stored as a sha-256 hash, and listed without secret or hash', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const created = await newKey(uni, ['listings:read', 'listings:write']);
    assert.match(created.key, /^tbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    assert.ok(created.key.includes(created.prefix));
    const stored = await ApiKey.findById(created.id).lean();
    assert.equal(stored!.hash, hashKey(created.key));
    assert.ok(!JSON.stringify(stored).includes(created.key.split('_')[2]!), 'the secret is stored');
    const list = (await uni.client.get(`/api/orgs/${uni.org!.id}/api-keys`).expect(200)).body;
    assert.deepEqual(list.items.map((k: { id: string }) => k.id), [created.id]);
    const wire = JSON.stringify(list);
    assert.ok(!wire.includes(created.key) && !wire.includes(stored!.hash), 'the list shows the key or its hash');
    assert.deepEqual(list.items[0].scopes, ['listings:read', 'listings:write']);
  });

  it('refuses key management to another organisation, to anonymous users and to an API key', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const other = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const k = await newKey(uni, ['listings:read']);
    assert.equal((await other.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name: 'x', scopes: ['listings:read'] }).expect(403)).body.error.code, 'not_org_admin');
    await other.client.get(`/api/orgs/${uni.org!.id}/api-keys`).expect(403);
    await other.client.post(`/api/orgs/${uni.org!.id}/api-keys/${k.id}/revoke`).expect(403);
    await supertest(srv.url).get(`/api/orgs/${uni.org!.id}/api-keys`).expect(401);
    const res = await bare(srv, k.key).get(`/api/orgs/${uni.org!.id}/api-keys`).expect(403);
    assert.equal(res.body.error.code, 'api_key_not_accepted');
    await bare(srv, k.key).post(`/api/orgs/${uni.org!.id}/api-keys`, { name: 'y', scopes: ['listings:write'] }).expect(403);
  });

  it('refuses a bad key input with 400 naming the field', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    assert.equal((await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name: 'x', scopes: ['admin:all'] }).expect(400)).body.error.field, 'scopes.0');
    assert.equal((await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name: 'x', scopes: [] }).expect(400)).body.error.field, 'scopes');
    assert.equal((await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name: '  ', scopes: ['deals:read'] }).expect(400)).body.error.field, 'name');
  });

  it('lets a listings:write key create, edit and publish its own listings with no cookie and no CSRF token, and not another org’s', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const rival = await signUp(srv.url, { kind: 'university', verified: true });
    const theirs = (await rival.client.post('/api/achievements', achievementInput()).expect(201)).body;
    const k = bare(srv, (await newKey(uni, ['listings:read', 'listings:write'])).key);
    const created = (await k.post('/api/achievements', achievementInput()).expect(201)).body;
    assert.equal(created.org.id, uni.org!.id);
    const edited = (await k.patch(`/api/achievements/${created.id}`, { version: created.version, keywords: ['api'] }).expect(200)).body;
    const published = (await k.post(`/api/achievements/${created.id}/publish`, { version: edited.version }).expect(200)).body;
    assert.equal(published.status, 'published');
    // Another organisation's draft does not exist for this key (as for its members).
    await k.patch(`/api/achievements/${theirs.id}`, { version: theirs.version, keywords: ['x'] }).expect(404);
    const mine = (await k.get('/api/achievements/mine').expect(200)).body;
    assert.deepEqual(mine.items.map((a: { id: string }) => a.id), [created.id]);
  });

  it('answers a key without the route’s scope with 403 naming the scope', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const reader = bare(srv, (await newKey(uni, ['listings:read'])).key);
    const res = await reader.post('/api/achievements', achievementInput()).expect(403);
    assert.equal(res.body.error.code, 'insufficient_scope');
    assert.match(res.body.error.message, /listings:write/);
    const dealsOnly = bare(srv, (await newKey(uni, ['deals:read'])).key);
    assert.match((await dealsOnly.get('/api/feed/achievements').expect(403)).body.error.message, /listings:read/);
    assert.match((await dealsOnly.get('/api/search/achievements').expect(403)).body.error.message, /listings:read/);
    assert.match((await reader.get('/api/deals').expect(403)).body.error.message, /deals:read/);
    await reader.get('/api/feed/achievements').expect(200);
  });

  it('lets a deals:read key read its organisation’s deals and open none', async () => {
    const p = await openDealFor(srv.url);
    const k = bare(srv, (await newKey(p.buyer, ['deals:read'])).key);
    const list = (await k.get('/api/deals').expect(200)).body;
    assert.deepEqual(list.items.map((d: { id: string }) => d.id), [p.dealId]);
    await k.get(`/api/deals/${p.dealId}`).expect(200);
    const outsider = await signUp(srv.url, { kind: 'enterprise', verified: true });
    const theirs = bare(srv, (await newKey(outsider, ['deals:read'])).key);
    await theirs.get(`/api/deals/${p.dealId}`).expect(404);
    assert.deepEqual((await theirs.get('/api/deals').expect(200)).body.items, []);
    assert.equal((await k.post('/api/deals', { achievementId: p.achievementId, mode: 'transfer' }).expect(403)).body.error.code, 'api_key_not_accepted');
  });

  it('refuses a revoked key at once, and unknown or forged keys, with 401', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const created = await newKey(uni, ['listings:read']);
    const k = bare(srv, created.key);
    await k.get('/api/achievements/mine').expect(200);
    const revoked = (await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys/${created.id}/revoke`).expect(200)).body;
    assert.ok(revoked.revokedAt);
    assert.equal((await k.get('/api/achievements/mine').expect(401)).body.error.code, 'invalid_api_key');
    // The right lookup id with another secret, a malformed key, and a key never issued.
    const forged = created.key.slice(0, -4) + (created.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await bare(srv, forged).get('/api/feed/achievements').expect(401);
    await bare(srv, 'not-a-key').get('/api/feed/achievements').expect(401);
    await bare(srv, `tbk_${'0'.repeat(12)}_${'A'.repeat(43)}`).get('/api/feed/achievements').expect(401);
  });

  it('ignores the cookie of a signed-in user on a request with a key (the key decides)', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const other = await signUp(srv.url, { kind: 'university', verified: true });
    await other.client.post('/api/achievements', achievementInput()).expect(201);
    const k = await newKey(uni, ['listings:read']);
    // The other user's session cookie rides along (their agent's jar); the key's org answers.
    const res = await other.client.agent.get('/api/achievements/mine').set('authorization', `Bearer ${k.key}`).expect(200);
    assert.deepEqual(res.body.items, []);
    // Nor does the cookie make a key request a session write.
    const write = await other.client.agent.post('/api/achievements').set('authorization', `Bearer ${k.key}`).send(achievementInput()).expect(403);
    assert.equal(write.body.error.code, 'insufficient_scope');
  });

  it('records the last use, writing it at most once a minute', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const created = await newKey(uni, ['listings:read']);
    assert.equal((await ApiKey.findById(created.id).lean())!.lastUsedAt, null);
    await bare(srv, created.key).get('/api/feed/demands').expect(200);
    const first = (await ApiKey.findById(created.id).lean())!.lastUsedAt;
    assert.ok(first instanceof Date);
    await bare(srv, created.key).get('/api/feed/demands').expect(200);
    assert.equal((await ApiKey.findById(created.id).lean())!.lastUsedAt!.getTime(), first.getTime());
    const list = (await uni.client.get(`/api/orgs/${uni.org!.id}/api-keys`).expect(200)).body;
    assert.equal(list.items[0].lastUsedAt, first.toISOString());
  });
});

describe('API keys: rate limit per key', function () {
  this.timeout(60_000);
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({ API_KEY_RATE_LIMIT: '5' });
  });
  after(() => srv.close());

  it('answers 429 with Retry-After once a key spent its bucket, without touching another key', async () => {
    const uni = await signUp(srv.url, { kind: 'university', verified: true });
    const a = bare(srv, (await newKey(uni, ['listings:read'], 'a')).key);
    const b = bare(srv, (await newKey(uni, ['listings:read'], 'b')).key);
    for (let i = 0; i < 5; i++) await a.get('/api/feed/achievements').expect(200);
    const res = await a.get('/api/feed/achievements').expect(429);
    assert.equal(res.body.error.code, 'rate_limited');
    assert.ok(Number(res.headers['retry-after']) >= 1);
    await b.get('/api/feed/achievements').expect(200);
  });

  it('refills the bucket over time (token bucket arithmetic)', () => {
    const buckets = new KeyBuckets(60);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) assert.equal(buckets.take('k', t0).ok, true);
    const empty = buckets.take('k', t0);
    assert.equal(empty.ok, false);
    assert.equal(empty.ok === false && empty.retryMs, 1000);
    assert.equal(buckets.take('k', t0 + 1000).ok, true);
    assert.equal(buckets.take('k', t0 + 1000).ok, false);
  });
});
