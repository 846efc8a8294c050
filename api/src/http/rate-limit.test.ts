import assert from 'node:assert/strict';
import { rateLimit } from 'express-rate-limit';
import { rateKey } from './rate-limit';

describe('rate limiter key', () => {
  it('keys a request by its address, IPv6 by its /56', () => {
    assert.equal(rateKey({ ip: '10.1.2.3' }), '10.1.2.3');
    assert.equal(rateKey({ ip: '2001:db8:aa:bb01::1' }), rateKey({ ip: '2001:db8:aa:bb02::2' }));
  });

  it('does not throw for a request whose client has gone (no address)', async () => {
    assert.equal(rateKey({ ip: undefined, socket: {} }), 'gone');
    // As the app's limiters: draft-8 headers carry a hash of the key (which throws on no key).
    const limiter = rateLimit({ keyGenerator: rateKey, limit: 5, windowMs: 60_000, standardHeaders: 'draft-8', legacyHeaders: false, validate: false });
    const headers: Record<string, unknown> = {};
    const res = { setHeader: (k: string, v: unknown) => (headers[k] = v), append: (k: string, v: unknown) => (headers[k] = v), getHeader: () => undefined, headersSent: false, status() { return this; }, send() {} };
    let failed: unknown;
    await new Promise<void>((resolve) => {
      void limiter({ ip: undefined, socket: {}, method: 'POST', headers: {}, app: { get: () => undefined } } as never, res as never, (err?: unknown) => {
        failed = err;
        resolve();
      });
    });
    assert.equal(failed, undefined);
    assert.ok(headers.RateLimit, 'the limiter ran to its headers');
  });
});
