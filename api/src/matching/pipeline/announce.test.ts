import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { User } from '../../auth/user.model';
import { EventBus } from '../../events/bus';
import { Effects } from '../../events/effects';
import type { NotificationInput } from '../../notifications/notifications.service';
import { announce, registerMatchEffects } from './announce';
import type { StoredMatch } from './store';

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
