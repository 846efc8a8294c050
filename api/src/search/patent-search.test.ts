import assert from 'node:assert/strict';
import { ACHIEVEMENTS_INDEX } from '@techbridge/search';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { achievementInput, signUp } from '../../test/factories';
import { Achievement } from '../achievements/achievement.model';
import { listingWritten } from './outbox';

describe('search by patent number', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  it('finds the listing by its CN-style number however it is written, and not by another number', async () => {
    await srv.indexer.idle();
    await srv.search.clear(ACHIEVEMENTS_INDEX);
    const uni = await signUp(srv.url, { verified: true, kind: 'university' });
    const [withPatent, other] = await Achievement.insertMany([
      { ...achievementInput(), org: uni.org!.id, createdBy: uni.user.id, status: 'published', publishedAt: new Date() },
      {
        ...achievementInput({ title: { zh: '另一项正极材料成果', en: 'Another cathode result' }, patents: [{ number: 'ZL201820123456.1', title: '一种装置', status: 'granted', expiry: '2028-01-01' }], ipType: 'utility-model' }),
        org: uni.org!.id,
        createdBy: uni.user.id,
        status: 'published',
        publishedAt: new Date(),
      },
    ] as never[]);
    listingWritten('achievement');
    await srv.indexer.idle();
    const anon = await new TestClient(srv.url).init();
    const ids = async (q: string) =>
      ((await anon.get(`/api/search/achievements?q=${encodeURIComponent(q)}`).expect(200)).body.hits as { id: string }[]).map((h) => h.id);
    // achievementInput's patent is ZL201710601862.3
    for (const typed of ['ZL201710601862.3', 'CN201710601862.3', '201710601862.3', '2017106018623', '201710601862', 'ZL 2017 1 0601862.3', 'zl201710601862.3'])
      assert.deepEqual(await ids(typed), [String(withPatent!._id)], typed);
    assert.deepEqual(await ids('ZL201820123456.1'), [String(other!._id)]);
  });
});
