import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { User } from '../auth/user.model';
import type { SessionUser } from '../auth/auth.types';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Match } from '../matching/match.model';
import { Deal } from '../deals/deal.model';
import { Notification, type NotificationKind } from '../notifications/notification.model';
import { notifyUsers } from '../notifications/notifications.service';
import { EventBus } from '../events/bus';
import { Effects } from '../events/effects';
import { transitionAchievement } from '../achievements/achievements.service';
import { transitionDemand } from '../demands/demands.service';
import { ListingEvents, statusEvent } from './listing.events';

// Listings' status changes as stored events, through the services against the real store: who is
// told when an owner takes a listing off the market, once per user however often the event runs,
// and the recovery of an event a crash left recorded in the status write.
describe('listing events (withdrawn, closed)', () => {
  let n = 0;
  const org = async (kind: 'enterprise' | 'university' | 'agency', members = 1) => {
    const o = await Org.create({ kind, name: { zh: `机构${++n}`, en: `Org ${n}` }, region: '310000', verified: true });
    const users: string[] = [];
    for (let i = 0; i < members; i++)
      users.push(String((await User.create({ email: `${new Types.ObjectId().toHexString()}@example.cn`, passwordHash: 'x', name: 'm', org: o._id }))._id));
    return { id: o._id, users };
  };
  const actorOf = (o: { id: Types.ObjectId; users: string[] }): SessionUser => ({ id: o.users[0]!, email: 'a@example.cn', name: 'owner', orgId: String(o.id), roles: ['org-admin'], locale: 'zh' });
  const setup = () => {
    const effects = new Effects({ bus: new EventBus(), notify: (users, input, o) => notifyUsers(users, input, o) });
    return { effects, events: new ListingEvents({ effects }) };
  };
  const achievement = (owner: Types.ObjectId) =>
    Achievement.create({
      org: owner,
      createdBy: new Types.ObjectId(),
      title: { zh: '锂电池正极材料低温烧结工艺', en: 'Cathode sintering' },
      field: 'energy-storage',
      trl: 6,
      ipType: 'invention-patent',
      region: '310000',
      status: 'published',
    });
  const demand = (owner: Types.ObjectId) =>
    Demand.create({ org: owner, createdBy: new Types.ObjectId(), title: { zh: '寻求正极材料技术', en: 'Seeking cathode technology' }, field: 'energy-storage', region: '310000', status: 'open' });
  const match = (d: Types.ObjectId, a: Types.ObjectId, demandOrg: Types.ObjectId, supplierOrg: Types.ObjectId, status: 'suggested' | 'interested') =>
    Match.create({ demand: d, achievement: a, demandOrg, supplierOrg, score: 0.7, status });
  const deal = (a: Types.ObjectId, supplierOrg: Types.ObjectId, buyerOrg: Types.ObjectId, status: 'open' | 'negotiating' | 'cancelled', brokerOrg: Types.ObjectId | null = null) =>
    Deal.create({
      achievement: a,
      supplierOrg,
      buyerOrg,
      brokerOrg,
      participantOrgs: [supplierOrg, buyerOrg, ...(brokerOrg ? [brokerOrg] : [])],
      mode: 'license',
      status,
      openedBy: new Types.ObjectId(),
      liveKey: `${String(a)}:${String(buyerOrg)}:${status}:${++n}`,
    });
  const told = async (users: string[], kind: NotificationKind) => Promise.all(users.map((u) => Notification.countDocuments({ user: u, kind })));

  it('tells the organisations negotiating a withdrawn achievement or interested in it, once per user, and no one else', async () => {
    const supplier = await org('university', 2);
    const buyer = await org('enterprise', 2); // a live deal
    const broker = await org('agency'); // brokering that deal
    const interested = await org('enterprise'); // an interested match
    const suggested = await org('enterprise'); // a match nobody acted on
    const cancelled = await org('enterprise'); // a deal that ended
    const a = await achievement(supplier.id);
    await deal(a._id, supplier.id, buyer.id, 'negotiating', broker.id);
    await deal(a._id, supplier.id, cancelled.id, 'cancelled');
    await match((await demand(interested.id))._id, a._id, interested.id, supplier.id, 'interested');
    await match((await demand(suggested.id))._id, a._id, suggested.id, supplier.id, 'suggested');
    const { effects, events } = setup();

    const res = await transitionAchievement(actorOf(supplier), String(a._id), 'withdraw', undefined, events);
    assert.equal(res.status, 'withdrawn');
    await effects.idle();
    assert.deepEqual(await told([...buyer.users, ...broker.users, ...interested.users], 'listing.withdrawn'), [1, 1, 1, 1]);
    assert.deepEqual(await told([...supplier.users, ...suggested.users, ...cancelled.users], 'listing.withdrawn'), [0, 0, 0, 0]);
    const note = await Notification.findOne({ user: buyer.users[0] }).lean();
    assert.match(note?.body?.zh ?? '', /锂电池正极材料低温烧结工艺/);
    const stored = await Achievement.findById(a._id).lean();
    assert.equal(stored?.eventPending, undefined, 'the recorded event is cleared once its effects ran');
    assert.equal(await events.recover(), 0);

    // Published again and withdrawn again: a new event, told again.
    await transitionAchievement(actorOf(supplier), String(a._id), 'publish', undefined, events);
    await transitionAchievement(actorOf(supplier), String(a._id), 'withdraw', undefined, events);
    await effects.idle();
    assert.deepEqual(await told(buyer.users, 'listing.withdrawn'), [2, 2]);
  });

  it('tells the suppliers interested in a closed or withdrawn demand', async () => {
    const buyer = await org('enterprise');
    const keen = await org('university', 2);
    const idle = await org('university');
    const d = await demand(buyer.id);
    await match(d._id, (await achievement(keen.id))._id, buyer.id, keen.id, 'interested');
    await match(d._id, (await achievement(idle.id))._id, buyer.id, idle.id, 'suggested');
    const { effects, events } = setup();

    await transitionDemand(actorOf(buyer), String(d._id), 'withdraw', undefined, events);
    await effects.idle();
    assert.deepEqual(await told([...keen.users, ...idle.users, ...buyer.users], 'listing.withdrawn'), [1, 1, 0, 0]);
    await transitionDemand(actorOf(buyer), String(d._id), 'close', undefined, events);
    await effects.idle();
    assert.deepEqual(await told([...keen.users, ...idle.users, ...buyer.users], 'listing.closed'), [1, 1, 0, 0]);
    const note = await Notification.findOne({ user: keen.users[0], kind: 'listing.closed' }).lean();
    assert.equal(note?.link, `/demands/${String(d._id)}`);
  });

  it('recovers an event a crash left recorded in the status write: told once, and a second recovery adds nothing', async () => {
    const supplier = await org('university');
    const buyer = await org('enterprise', 2);
    const a = await achievement(supplier.id);
    await deal(a._id, supplier.id, buyer.id, 'open');
    // The status write with its event, and then the process died: nothing was told.
    await Achievement.updateOne({ _id: a._id }, { $set: { status: 'withdrawn', ...statusEvent('achievement', a._id, 'withdrawn', supplier.users[0]!) }, $inc: { version: 1 } });
    const recorded = (await Achievement.findById(a._id).lean())?.pendingEvent;
    assert.ok(recorded?.id);
    const { effects, events } = setup();
    assert.deepEqual(await told(buyer.users, 'listing.withdrawn'), [0, 0]);

    assert.equal(await events.recover({ minAgeMs: 60_000 }), 0, 'a fresh event is left to the process running it');
    assert.equal(await events.recover(), 1);
    await effects.idle();
    assert.deepEqual(await told(buyer.users, 'listing.withdrawn'), [1, 1]);
    assert.equal((await Achievement.findById(a._id).lean())?.eventPending, undefined);
    assert.equal(await events.recover(), 0);

    // The same event run again (a recovery racing the first run) tells nobody twice.
    await Achievement.updateOne({ _id: a._id }, { $set: { pendingEvent: recorded, eventPending: true } });
    assert.equal(await events.recover(), 1);
    await effects.idle();
    assert.deepEqual(await told(buyer.users, 'listing.withdrawn'), [1, 1]);
  });
});
