import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { signUp } from '../../test/factories';
import { appBus } from '../events/bus';
import { notifyUsers } from './notifications.service';
import { Notification } from './notification.model';

describe('notifications', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  let off: (() => void) | undefined;
  afterEach(() => off?.());
  after(() => srv.close());

  const note = (n: number) => ({
    kind: 'match.new' as const,
    title: { zh: `新匹配 ${n}`, en: `New match ${n}` },
    body: { zh: '正文', en: 'body' },
  });

  it('stores before it pushes, and lists newest first with the unread count', async () => {
    const a = await signUp(srv.url);
    const pushed: { userId: string; stored: number }[] = [];
    off = appBus.on('push:user', ({ userId, event }) => {
      if (event === 'notification:created') pushed.push({ userId, stored: -1 });
    });
    await notifyUsers([a.user.id, a.user.id], note(1));
    await notifyUsers([a.user.id], note(2));
    assert.equal(pushed.length, 2, 'one push per stored notification, duplicates folded');
    const res = await a.client.get('/api/notifications').expect(200);
    assert.equal(res.body.total, 2);
    assert.equal(res.body.unread, 2);
    assert.equal(res.body.items[0].title.zh, '新匹配 2');
  });

  it('stores an event’s notification once per user however often it is re-run (keyed by the event id)', async () => {
    const a = await signUp(srv.url);
    const b = await signUp(srv.url);
    const pushed: string[] = [];
    off = appBus.on('push:user', ({ userId, event }) => {
      if (event === 'notification:created') pushed.push(userId);
    });
    await notifyUsers([a.user.id], note(1), { key: 'srv-event-1' });
    await notifyUsers([a.user.id, b.user.id], note(1), { key: 'srv-event-1' });
    await notifyUsers([a.user.id], note(2), { key: 'srv-event-2' });
    assert.equal(await Notification.countDocuments({ user: a.user.id }), 2);
    assert.equal(await Notification.countDocuments({ user: b.user.id }), 1);
    assert.deepEqual(pushed.sort(), [a.user.id, a.user.id, b.user.id].sort(), 'a repeat pushes nothing');
  });

  it('marks only the caller’s own notifications read', async () => {
    const a = await signUp(srv.url);
    const b = await signUp(srv.url);
    await notifyUsers([a.user.id], note(1));
    await notifyUsers([b.user.id], note(2));
    const theirs = await Notification.findOne({ user: b.user.id }).lean();
    const res = await a.client.post('/api/notifications/read', { ids: [String(theirs!._id)] }).expect(200);
    assert.equal(res.body.updated, 0);
    assert.equal((await b.client.get('/api/notifications/unread-count').expect(200)).body.unread, 1);
    const all = await a.client.post('/api/notifications/read', { all: true }).expect(200);
    assert.equal(all.body.unread, 0);
  });

  it('refuses anonymous callers and malformed ids', async () => {
    await new TestClient(srv.url).get('/api/notifications').expect(401);
    const a = await signUp(srv.url);
    const res = await a.client.post('/api/notifications/read', { ids: [{ $gt: '' }] }).expect(400);
    assert.equal(res.body.error.field, 'ids.0');
  });
});
