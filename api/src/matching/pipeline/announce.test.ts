import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { User } from '../../auth/user.model';
import { EventBus } from '../../events/bus';
import { Effects } from '../../events/effects';
import { notifyUsers, type NotificationInput } from '../../notifications/notifications.service';
import { Notification } from '../../notifications/notification.model';
import { Org } from '../../orgs/org.model';
import { Demand } from '../../demands/demand.model';
import { Achievement } from '../../achievements/achievement.model';
import { Match } from '../match.model';
import { announce, recoverAnnouncements, registerMatchEffects } from './announce';
import { storeMatches, type StoredMatch } from './store';

// The announce step without HTTP: new matches become `match.created` events whose effects notify
// both sides, after the caller has its answer, under keys that make a re-run notify nobody twice.
describe('matcher pipeline: announce', () => {
  const buyerOrg = new Types.ObjectId();
  const supplierOrg = new Types.ObjectId();

  async function member(org: Types.ObjectId) {
    const u = await User.create({ email: `${new Types.ObjectId().toHexString()}@example.cn`, passwordHash: 'x', name: 'member', org });
    return String(u._id);
  }

  const match = (id = new Types.ObjectId()): StoredMatch => ({
    id: String(id),
    achievementId: new Types.ObjectId(),
    achievementTitle: '锂电池正极材料低温烧结工艺',
    demandId: new Types.ObjectId(),
    supplierOrgId: String(supplierOrg),
    supplierName: '某大学',
    score: 0.8123,
    summary: { zh: '关键词命中：锂电池', en: 'Keywords: lithium battery' },
    created: true,
  });
  const demand = { org: buyerOrg, title: { zh: '寻求正极材料技术', en: 'Seeking cathode technology' } };

  it('notifies the demand’s members and the supplier’s after it returns, keyed by the match', async () => {
    const buyer = await member(buyerOrg);
    const supplier = await member(supplierOrg);
    const sent: { users: readonly string[]; input: NotificationInput; key: string }[] = [];
    const effects = new Effects({ bus: new EventBus(), notify: async (users, input, { key }) => void sent.push({ users, input, key }) });
    registerMatchEffects(effects);
    registerMatchEffects(effects); // a second matcher on the same registry registers nothing twice

    const m = match();
    await announce(effects, [m], demand);
    assert.equal(sent.length, 0, 'nothing is notified before the caller has its answer');
    await effects.idle();
    assert.deepEqual(sent.map((s) => [s.users, s.input.kind, s.input.link]), [
      [[buyer], 'match.new', `/matches/${m.id}`],
      [[supplier], 'match.new', `/matches/${m.id}`],
    ]);
    assert.match(sent[1]!.input.title.zh, /81%/);
    assert.match(sent[1]!.input.body.en, /^Seeking cathode technology — Keywords/);

    await announce(effects, [m], demand);
    await effects.idle();
    assert.deepEqual(sent.slice(2).map((s) => s.key), sent.slice(0, 2).map((s) => s.key), 'the same match is the same event');
    assert.notEqual(sent[0]!.key, sent[1]!.key);
  });
});

// A match stored but never announced — the process died between the store step's insert and the
// announce step — is announced by the recovery, once per user however often the recovery runs.
describe('matcher pipeline: announcements a crash left owed', () => {
  async function listingsPair() {
    const buyerOrg = await Org.create({ kind: 'enterprise', name: { zh: '需方企业', en: 'Buyer Co' }, region: '310000' });
    const supplierOrg = await Org.create({ kind: 'university', name: { zh: '某大学', en: 'A University' }, region: '310000' });
    const users = async (org: Types.ObjectId, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++)
        out.push(String((await User.create({ email: `${new Types.ObjectId().toHexString()}@example.cn`, passwordHash: 'x', name: 'member', org }))._id));
      return out;
    };
    const demand = await Demand.create({
      org: buyerOrg._id,
      createdBy: new Types.ObjectId(),
      title: { zh: '寻求正极材料技术', en: 'Seeking cathode technology' },
      description: { zh: '描述', en: 'Description' },
      field: 'energy-storage',
      region: '310000',
      status: 'open',
    });
    const ach = await Achievement.create({
      org: supplierOrg._id,
      createdBy: new Types.ObjectId(),
      title: { zh: '锂电池正极材料低温烧结工艺', en: 'Cathode sintering' },
      field: 'energy-storage',
      trl: 6,
      ipType: 'invention-patent',
      region: '310000',
      status: 'published',
    });
    return { buyers: await users(buyerOrg._id, 2), suppliers: await users(supplierOrg._id, 1), demand: demand.toObject(), ach };
  }
  const scored = {
    score: 0.7,
    reasons: [
      { kind: 'keywords' as const, weight: 0.5, detail: { terms: [{ zh: '锂电池', en: 'lithium battery' }] }, text: { zh: '关键词命中：锂电池', en: 'Keywords: lithium battery' } },
      { kind: 'field' as const, weight: 0.1, detail: { field: 'energy-storage' }, text: { zh: '领域一致', en: 'same field' } },
    ],
    summary: { zh: '关键词命中：锂电池', en: 'Keywords: lithium battery' } };
  const effectsOnStore = () => {
    const effects = new Effects({ bus: new EventBus(), notify: (users, input, o) => notifyUsers(users, input, o) });
    registerMatchEffects(effects);
    return effects;
  };
  const perUser = async (users: string[]) =>
    Promise.all(users.map((u) => Notification.countDocuments({ user: u, kind: 'match.new' })));

  it('re-runs the effects of a stored, unannounced match once per user; a second recovery adds nothing', async () => {
    const { buyers, suppliers, demand, ach } = await listingsPair();
    const effects = effectsOnStore();
    // The store step's insert records the owed announcement; the crash comes before `announce`.
    const [m] = await storeMatches([{ demand, ach: { id: String(ach._id), org: String(ach.org), title: '锂电池正极材料低温烧结工艺' }, scored }], { announce: true });
    assert.ok(m?.created);
    assert.equal((await Match.findById(m.id).lean())?.announcePending, true);
    assert.deepEqual(await perUser([...buyers, ...suppliers]), [0, 0, 0]);

    assert.equal(await recoverAnnouncements(effects, { minAgeMs: 60_000 }), 0, 'a match younger than minAgeMs is left to its announcer');
    assert.equal(await recoverAnnouncements(effects), 1);
    await effects.idle();
    assert.deepEqual(await perUser([...buyers, ...suppliers]), [1, 1, 1], 'each member of both sides told once');
    const supplierNote = await Notification.findOne({ user: suppliers[0] }).lean();
    assert.equal(supplierNote?.link, `/matches/${m.id}`);
    assert.match(supplierNote?.body?.zh ?? '', /^寻求正极材料技术 — 关键词命中/);
    assert.equal((await Match.findById(m.id).lean())?.announcePending, undefined, 'no longer owed');

    assert.equal(await recoverAnnouncements(effects), 0);
    // Even a recovery that raced the first (the flag still set) stores nothing twice.
    await Match.updateOne({ _id: m.id }, { $set: { announcePending: true } });
    assert.equal(await recoverAnnouncements(effects), 1);
    await effects.idle();
    assert.deepEqual(await perUser([...buyers, ...suppliers]), [1, 1, 1]);
  });

  it('clears the owed announcement once the announce step’s notifications are stored', async () => {
    const { buyers, suppliers, demand, ach } = await listingsPair();
    const effects = effectsOnStore();
    const stored = await storeMatches([{ demand, ach: { id: String(ach._id), org: String(ach.org), title: 'x' }, scored }], { announce: true });
    await announce(effects, stored, demand);
    await effects.idle();
    assert.equal((await Match.findById(stored[0]!.id).lean())?.announcePending, undefined);
    assert.equal(await recoverAnnouncements(effects), 0);
    assert.deepEqual(await perUser([...buyers, ...suppliers]), [1, 1, 1]);
  });

  it('keeps the announcement owed when a notification could not be stored', async () => {
    const { demand, ach } = await listingsPair();
    const effects = new Effects({ bus: new EventBus(), notify: async () => Promise.reject(new Error('store down')) });
    registerMatchEffects(effects);
    const stored = await storeMatches([{ demand, ach: { id: String(ach._id), org: String(ach.org), title: 'x' }, scored }], { announce: true });
    await announce(effects, stored, demand);
    await effects.idle();
    assert.equal((await Match.findById(stored[0]!.id).lean())?.announcePending, true, 'left for the recovery');
  });
});
