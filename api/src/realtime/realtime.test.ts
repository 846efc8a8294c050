import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../../test/server';
import { PASSWORD, signUp } from '../../test/factories';
import { TestClient } from '../../test/server';
import { collect, connect, connectDeals, settle, until } from '../../test/sockets';
import { notifyOrg, notifyUser } from './realtime';
import { notifyUsers } from '../notifications/notifications.service';

describe('realtime (Socket.IO)', () => {
  let srv: TestServer;
  const open: Socket[] = [];
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  after(() => srv.close());

  const track = <S extends Socket>(s: S) => {
    open.push(s);
    return s;
  };

  it('refuses a socket without a session, on both namespaces', async () => {
    for (const namespace of ['', '/deals']) {
      const err = await connect(srv.url, null, { namespace }).then(
        () => assert.fail('connected without a session'),
        (e: Error & { data?: { code: string } }) => e,
      );
      assert.equal(err.message, 'unauthenticated');
      assert.equal(err.data?.code, 'unauthenticated');
    }
  });

  it('refuses a forged or logged-out session cookie', async () => {
    await assert.rejects(connect(srv.url, 'tb.sid=s%3Aforged.signature', { namespace: '/deals' }), /unauthenticated/);
    const a = await signUp(srv.url);
    const cookie = a.client.cookieHeader();
    await a.client.post('/api/auth/logout').expect(204);
    await assert.rejects(connect(srv.url, cookie, { namespace: '/deals' }), /unauthenticated/);
  });

  it('refuses a browser socket opened from another site', async () => {
    const a = await signUp(srv.url);
    await assert.rejects(connect(srv.url, a.client.cookieHeader(), { headers: { origin: 'https://evil.example' } }));
    track(await connect(srv.url, a.client.cookieHeader(), { headers: { origin: srv.url } }));
  });

  it('accepts in development only the configured web origin, not any localhost port (issue 14)', async () => {
    const dev = await startTestServer({ NODE_ENV: 'development', WEB_ORIGIN: 'http://localhost:5173' }, {}, { realtime: true });
    try {
      const a = await signUp(dev.url);
      await assert.rejects(connect(dev.url, a.client.cookieHeader(), { headers: { origin: 'http://localhost:4444' } }));
      await assert.rejects(connect(dev.url, a.client.cookieHeader(), { headers: { origin: 'http://127.0.0.1:8080' } }));
      const ok = await connect(dev.url, a.client.cookieHeader(), { headers: { origin: 'http://localhost:5173' } });
      ok.close();
    } finally {
      await dev.close();
    }
  });

  it("authenticates with the HTTP session cookie and delivers notifyUser to that user's sockets only", async () => {
    const a = await signUp(srv.url);
    const b = await signUp(srv.url);
    const a1 = track(await connect(srv.url, a.client.cookieHeader()));
    const a2 = track(await connect(srv.url, a.client.cookieHeader(), { namespace: '/deals' }));
    const b1 = track(await connect(srv.url, b.client.cookieHeader()));
    const gotA1 = collect(a1, 'hello');
    const gotB1 = collect(b1, 'hello');
    notifyUser(a.user.id, 'hello', { n: 1 });
    notifyUser(b.user.id, 'hello', { n: 2 });
    await until(() => gotA1.length === 1 && gotB1.length === 1, 'both notifications');
    assert.deepEqual(gotA1, [{ n: 1 }]);
    assert.deepEqual(gotB1, [{ n: 2 }]);
    assert.ok(a2.connected);
  });

  it('pushes stored notifications to the user room, and org-wide events to the org room', async () => {
    const a = await signUp(srv.url);
    const outsider = await signUp(srv.url);
    const s = track(await connect(srv.url, a.client.cookieHeader()));
    const other = track(await connect(srv.url, outsider.client.cookieHeader()));
    const notes = collect<{ notification: { kind: string } }>(s, 'notification:created');
    const orgEvents = collect(s, 'org:news');
    const otherOrgEvents = collect(other, 'org:news');
    await notifyUsers([a.user.id], { kind: 'deal.status', title: { zh: '变更', en: 'Changed' }, body: { zh: '', en: '' } });
    notifyOrg(a.org!.id, 'org:news', { x: 1 });
    await until(() => notes.length === 1 && orgEvents.length === 1, 'notification and org event');
    assert.equal(notes[0]!.notification.kind, 'deal.status');
    await settle();
    assert.equal(otherOrgEvents.length, 0);
  });

  it("disconnects the user's other sessions' sockets at a password change; they cannot come back; this session's stay (issue 14)", async () => {
    const a = await signUp(srv.url);
    const outsider = await signUp(srv.url);
    const other = await new TestClient(srv.url).init();
    await other.post('/api/auth/login', { email: a.user.email, password: PASSWORD }).expect(200);
    const oldCookie = other.cookieHeader();
    const oldMain = track(await connect(srv.url, oldCookie));
    const oldDeals = track(await connectDeals(srv.url, oldCookie));
    const current = track(await connectDeals(srv.url, a.client.cookieHeader()));
    const bystander = track(await connect(srv.url, outsider.client.cookieHeader()));
    await a.client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-pass-2' }).expect(204);
    await until(() => !oldMain.connected && !oldDeals.connected, 'the old sockets to be disconnected');
    await settle();
    assert.ok(current.connected, "the session that changed the password keeps its socket");
    assert.ok(bystander.connected, 'another user is not affected');
    await assert.rejects(connectDeals(srv.url, oldCookie), /unauthenticated/);
    await assert.rejects(connect(srv.url, oldCookie), /unauthenticated/);
    track(await connectDeals(srv.url, a.client.cookieHeader()));
  });

  it('connects to /deals with the cookie from TestClient.cookieHeader()', async () => {
    const a = await signUp(srv.url);
    const s = track(await connectDeals(srv.url, a.client.cookieHeader()));
    assert.ok(s.connected);
  });
});
