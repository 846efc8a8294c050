import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../test/server';
import { detectDbKind } from '../db';

describe('GET /api/health', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  it('reports the database kind and reachability, version and uptime', async () => {
    const res = await fetch(`${srv.url}/api/health`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.database.reachable, true);
    assert.equal(body.database.kind, 'ferretdb');
    assert.equal(typeof body.version, 'string');
    assert.equal(typeof body.uptimeS, 'number');
  });

  it('detects the real server kind from buildInfo', async () => {
    const expected = process.env.EXPECT_DB_KIND ?? 'ferretdb';
    assert.equal(await detectDbKind(), expected);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${srv.url}/api/nope`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'not_found');
  });
});
