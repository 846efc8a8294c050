import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../test/server';
import { signUp } from '../../test/factories';

// a built chunk: big enough to be worth compressing
const ASSET = `export const x = ${JSON.stringify('科技成果 technology '.repeat(400))};\n`;

/** Issue 14, items 2 and 5: headers; issue 12, item 4: caching and compression of the web app. */
describe('security headers', () => {
  let srv: TestServer;
  before(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'tb-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>t</title></head><body><div id="root"></div></body></html>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-AbC123xy.js'), ASSET);
    writeFileSync(join(dist, 'prefetch.js'), '/* prefetch */');
    srv = await startTestServer({ WEB_DIST: dist, PUBLIC_URL: 'https://techbridge.example.cn' });
  });
  after(() => srv.close());

  const csp = (h: Record<string, string>) => Object.fromEntries(h['content-security-policy']!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it("limits connect-src to the app's own origin and its exact websocket origin", async () => {
    const res = await fetch(`${srv.url}/api/health`);
    const d = csp(Object.fromEntries(res.headers));
    assert.deepEqual(d['connect-src'], ["'self'", 'wss://techbridge.example.cn']);
  });

  it("allows styles by a per-response nonce, not 'unsafe-inline', and gives the page that nonce", async () => {
    const a = await fetch(`${srv.url}/some/page`);
    const b = await fetch(`${srv.url}/some/page`);
    const da = csp(Object.fromEntries(a.headers));
    assert.ok(!da['style-src']!.includes("'unsafe-inline'"));
    const nonce = da['style-src']!.find((v: string) => v.startsWith("'nonce-"))!.slice(7, -1);
    assert.ok(nonce.length >= 16);
    assert.match(await a.text(), new RegExp(`<meta name="csp-nonce" content="${nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.notEqual(csp(Object.fromEntries(b.headers))['style-src']!.join(' '), da['style-src']!.join(' '), 'a fresh nonce per response');
    const direct = await fetch(`${srv.url}/index.html`, { redirect: 'manual' });
    assert.equal(direct.status, 301, 'the page is never served without its nonce');
  });

  it('sends Cache-Control: no-store on authenticated API responses', async () => {
    const u = await signUp(srv.url);
    for (const path of ['/api/me', '/api/notifications', '/api/deals', '/api/csrf']) {
      const res = await u.client.get(path).expect(200);
      assert.equal(res.headers['cache-control'], 'no-store', path);
    }
    const err = await u.client.get('/api/deals/not-an-id').expect(400);
    assert.equal(err.headers['cache-control'], 'no-store');
  });

  it('lets the browser keep hashed assets for good, checks the page on every visit, and 404s a missing asset', async () => {
    const asset = await fetch(`${srv.url}/assets/index-AbC123xy.js`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control')!, /max-age=31536000/);
    assert.match(asset.headers.get('cache-control')!, /immutable/);
    assert.equal(await asset.text(), ASSET);
    const unhashed = await fetch(`${srv.url}/prefetch.js`);
    assert.equal(unhashed.headers.get('cache-control'), 'public, max-age=3600');
    const page = await fetch(`${srv.url}/`);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    const missing = await fetch(`${srv.url}/assets/gone-0000.js`);
    assert.equal(missing.status, 404);
    assert.doesNotMatch(missing.headers.get('content-type') ?? '', /html/);
  });

  it('compresses what it sends with brotli or gzip, as the browser accepts', async () => {
    for (const enc of ['br', 'gzip']) {
      const res = await fetch(`${srv.url}/assets/index-AbC123xy.js`, { headers: { 'accept-encoding': enc } });
      assert.equal(res.headers.get('content-encoding'), enc);
      assert.equal(await res.text(), ASSET, 'the body decodes to the file');
    }
    const plain = await fetch(`${srv.url}/assets/index-AbC123xy.js`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
  });
});
