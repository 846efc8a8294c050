import assert from 'node:assert/strict';
import { startApiProcess, startRedis, type ApiProcess } from '../../test/processes';
import { signUp } from '../../test/factories';

/** A key's requests through two API processes linked by one Redis spend one bucket. */
describe('API keys: one rate limit across API processes sharing a Redis', function () {
  this.timeout(180_000);
  let redis: { url: string; stop: () => Promise<void> } | undefined;
  const apis: ApiProcess[] = [];

  before(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, API_KEY_RATE_LIMIT: '6' };
    apis.push(...(await Promise.all([startApiProcess({ env }), startApiProcess({ env })])));
  });
  after(async () => {
    await Promise.all(apis.splice(0).map((a) => a.stop()));
    await redis?.stop();
  });

  const feed = (base: string, key: string) => fetch(`${base}/api/feed/achievements?limit=1`, { headers: { authorization: `Bearer ${key}` } });

  it('answers 429 on either process once the key spent its bucket on both, and not for another key', async () => {
    const [one, two] = apis as [ApiProcess, ApiProcess];
    const uni = await signUp(one.url, { kind: 'university', verified: true });
    const newKey = async (name: string) =>
      ((await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name, scopes: ['listings:read'] }).expect(201)).body as { key: string }).key;
    const a = await newKey('a');
    const b = await newKey('b');

    // Six tokens, spent three on each process: each process alone would still have three.
    for (let i = 0; i < 6; i++) assert.equal((await feed(i % 2 ? two.url : one.url, a)).status, 200, `request ${i + 1} of 6`);
    for (const api of [one, two]) {
      const res = await feed(api.url, a);
      assert.equal(res.status, 429, 'the seventh request, whichever process takes it');
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'rate_limited');
      assert.ok(Number(res.headers.get('retry-after')) >= 1);
    }
    assert.equal((await feed(two.url, b)).status, 200, 'another key has its own bucket');
  });

  it('limits each process alone while Redis is away, and answers no 5xx', async () => {
    const [one] = apis as [ApiProcess, ApiProcess];
    const uni = await signUp(one.url, { kind: 'university', verified: true });
    const key = ((await uni.client.post(`/api/orgs/${uni.org!.id}/api-keys`, { name: 'c', scopes: ['listings:read'] }).expect(201)).body as { key: string }).key;
    await redis!.stop();
    redis = undefined;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await feed(one.url, key)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429]);
  });
});
