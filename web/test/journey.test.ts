import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { confirmEmail, logIn, postAchievement, postDemand, signUpOrg, verifyOrg, type NewAchievement } from './flows';

/**
 * The whole journey in two (then three) browser contexts: a university and an enterprise register,
 * the platform admin verifies them, colleagues join by invitation…
 */
describe('journey: university and enterprise from sign-up to agreement', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const uni = { kind: '高校' as const, orgName: `华东理工技术大学${stamp}`, region: '上海', name: '王教授', email: uniqueEmail('uni'), password: 'university-pass-1' };
  const ent = { kind: '企业' as const, orgName: `宁远新能源科技有限公司${stamp}`, region: '江苏', name: '陈经理', email: uniqueEmail('ent'), password: 'enterprise-pass-1' };

  const achievement: NewAchievement = {
    title: `高镍三元锂电池正极材料低成本制备技术${stamp}`,
    summary: '本成果提出一种共沉淀—固相烧结联用工艺，可将高镍三元正极材料（NCM811）的制备成本降低约 18%，循环寿命提升 25%。已完成中试验证，适用于动力电池与储能电池企业。',
    field: '储能与电池',
    trl: 6,
    ipType: '发明专利',
    region: '上海',
    keywords: ['锂电池', '正极材料'],
    patent: { number: 'ZL202110456789.1', title: '一种高镍三元正极材料的制备方法', status: '已授权' },
    licenseFeeWan: 80,
    royaltyPct: 3,
    transferPriceWan: 300,
    details: '工艺窗口：烧结温度 760–780 ℃，氧分压 0.2 atm；前驱体粒径 D50 = 10.5 μm。',
  };
  let achievementId = '';
  let demandId = '';
  const demandTitle = `动力电池高镍正极材料降本技术需求${stamp}`;
  let dealUrl = '';

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  it('a university and an enterprise register; each waits for verification', async () => {
    for (const u of [uni, ent]) {
      const { context, page, errors } = await newPage(browser);
      try {
        await signUpOrg(page, stack.url, u);
        await page.getByText(`欢迎加入技术桥，${u.name}`).waitFor();
        await page.getByTestId('unverified-banner').waitFor();
        await screenshot(page, u === uni ? 'welcome-university' : 'welcome-enterprise');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('the platform admin verifies both organisations', async () => {
    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, ADMIN.email, ADMIN.password);
      await page.goto(`${stack.url}/admin/orgs`);
      await page.getByRole('button', { name: `通过认证：${uni.orgName}` }).waitFor();
      await screenshot(page, 'admin-verification');
      await verifyOrg(page, stack.url, uni.orgName);
      await verifyOrg(page, stack.url, ent.orgName);
      await page.locator('.ant-segmented-item').filter({ hasText: '已认证' }).click();
      await page.getByText(uni.orgName).waitFor();
    } finally {
      await context.close();
    }
  });

  it('once verified, the university sees no pending banner and its admin invites a colleague who joins', async () => {
    const { context, page } = await newPage(browser);
    let link: string;
    try {
      await logIn(page, stack.url, uni.email, uni.password);
      await page.getByTestId('user-menu').waitFor();
      assert.equal(await page.getByTestId('unverified-banner').count(), 0);
      await page.goto(`${stack.url}/org/invitations`);
      await page.getByLabel('受邀邮箱').fill('colleague.' + uni.email);
      await page.getByRole('button', { name: '生成邀请链接' }).click();
      link = (await page.getByTestId('invite-link').first().innerText()).trim();
      assert.match(link, /\/invite\/[A-Za-z0-9_-]{20,}$/);
      await screenshot(page, 'invitations');
    } finally {
      await context.close();
    }
    const joiner = await newPage(browser);
    try {
      await joiner.page.goto(link);
      await joiner.page.getByRole('heading', { name: '接受邀请' }).waitFor();
      await joiner.page.getByLabel('姓名').fill('刘研究员');
      await joiner.page.getByLabel('邮箱').fill('colleague.' + uni.email);
      await joiner.page.getByLabel('密码', { exact: true }).fill('colleague-pass-1');
      await joiner.page.getByLabel('确认密码').fill('colleague-pass-1');
      await joiner.page.getByRole('button', { name: '加入机构' }).click();
      // The invitation is consumed when the emailed link is followed (development outbox here).
      await confirmEmail(joiner.page, 'colleague.' + uni.email);
      await joiner.page.getByText(`机构：${uni.orgName}`).waitFor();
      // a used invitation cannot be used twice
      await joiner.page.getByTestId('user-menu').click();
      await joiner.page.getByText('退出登录').click();
      await joiner.page.goto(link);
      await joiner.page.getByLabel('姓名').fill('冒用者');
      await joiner.page.getByLabel('邮箱').fill('colleague.' + uni.email);
      await joiner.page.getByLabel('密码', { exact: true }).fill('colleague-pass-2');
      await joiner.page.getByLabel('确认密码').fill('colleague-pass-2');
      await joiner.page.getByRole('button', { name: '加入机构' }).click();
      await joiner.page.getByText('该邀请链接已被使用').first().waitFor();
    } finally {
      await joiner.context.close();
    }
  });

  it('the university lists an achievement in four steps (patents, modes with terms, confidential details) and publishes it', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await logIn(page, stack.url, uni.email, uni.password);
      // a wrong check digit is caught by the shared schema before anything is sent
      await page.goto(`${stack.url}/achievements/new`);
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByText('必填').first().waitFor();
      achievementId = await postAchievement(page, stack.url, achievement);
      await page.getByRole('heading', { level: 1, name: achievement.title }).waitFor();
      const body = await page.locator('main, #main').first().innerText();
      for (const text of ['80 万元', '300 万元', '3%', 'ZL202110456789.1', '已授权', '储能与电池', 'TRL 6']) assert.ok(body.includes(text), `missing ${text}`);
      // the owner sees its own confidential details
      assert.match(await page.getByTestId('confidential-details').innerText(), /760–780/);
      await screenshot(page, 'achievement-owner');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the editor shows the patent-number rule of the shared schema on the field', async () => {
    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, uni.email, uni.password);
      await page.goto(`${stack.url}/achievements/new`);
      await page.locator('.ant-steps-item').filter({ hasText: '知识产权' }).click();
      await page.getByRole('button', { name: '添加专利' }).click();
      await page.getByLabel('专利号').fill('ZL202110456789.3');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByText('校验位应为 1（填写的是 3），请核对专利号').waitFor();
      await screenshot(page, 'achievement-editor-error');
    } finally {
      await context.close();
    }
  });

  it('the enterprise opens the achievement, accepts the NDA and the confidential details appear', async () => {
    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, ent.email, ent.password);
      await page.goto(`${stack.url}/achievements/${achievementId}`);
      const gate = page.getByTestId('nda-gate');
      await gate.waitFor();
      assert.equal(await page.getByTestId('confidential-details').count(), 0);
      assert.doesNotMatch(await page.locator('#main').innerText(), /760–780/);
      await screenshot(page, 'achievement-nda-gate');
      await gate.getByRole('checkbox').check();
      await gate.getByRole('button', { name: '签署并查看资料' }).click();
      await page.getByTestId('confidential-details').getByText(/760–780/).waitFor();
      await page.reload();
      await page.getByTestId('confidential-details').waitFor();
      await screenshot(page, 'achievement-after-nda');
    } finally {
      await context.close();
    }
  });

  it('the enterprise posts a demand; an anonymous one hides its name from the university', async () => {
    const { context, page } = await newPage(browser);
    let anonId: string;
    try {
      await logIn(page, stack.url, ent.email, ent.password);
      demandId = await postDemand(page, stack.url, {
        title: demandTitle,
        description: '寻求可将 NCM811 正极材料成本降低 15% 以上的制备工艺，要求已完成中试，可在江苏常州工厂落地。',
        field: '储能与电池',
        region: '江苏',
        budgetMinWan: 50,
        budgetMaxWan: 150,
        minTrl: 5,
        keywords: ['锂电池', '正极材料'],
      });
      await page.getByTestId('demand-org').getByText(ent.orgName).waitFor();
      await screenshot(page, 'demand-owner');
      anonId = await postDemand(page, stack.url, {
        title: `固态电解质界面改性技术（匿名）${stamp}`,
        description: '寻求硫化物固态电解质界面稳定化方案。',
        field: '储能与电池',
        region: '江苏',
        budgetMinWan: 20,
        budgetMaxWan: 60,
        minTrl: 4,
        keywords: ['固态电池'],
        anonymous: true,
      });
    } finally {
      await context.close();
    }
    const other = await newPage(browser);
    try {
      await logIn(other.page, stack.url, uni.email, uni.password);
      await other.page.goto(`${stack.url}/demands/${anonId}`);
      await other.page.getByTestId('demand-org').getByText('匿名企业').waitFor();
      assert.doesNotMatch(await other.page.locator('#main').innerText(), new RegExp(ent.orgName));
      await other.page.goto(`${stack.url}/demands/${demandId}`);
      await other.page.getByTestId('demand-org').getByText(ent.orgName).waitFor();
    } finally {
      await other.context.close();
    }
  });

  it('my listings shows each organisation its own listings with their status', async () => {
    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, ent.email, ent.password);
      await page.goto(`${stack.url}/my`);
      await page.getByRole('link', { name: new RegExp(`动力电池高镍正极材料降本技术需求${stamp}`) }).waitFor();
      assert.equal(await page.getByText('征集中').count(), 2);
      await screenshot(page, 'my-listings');
    } finally {
      await context.close();
    }
  });

  it('the enterprise finds the achievement by searching on the home page, with highlights and a shareable URL', async () => {
    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, ent.email, ent.password);
      await page.goto(`${stack.url}/`);
      const box = page.getByRole('searchbox', { name: /搜索科技成果/ });
      await box.fill(`正极材料 ${stamp}`);
      await box.press('Enter');
      await page.waitForURL(/q=/);
      const card = page.getByTestId('listing-card').filter({ hasText: achievement.title });
      // the index catches up asynchronously (outbox); retry the search until it shows
      for (let i = 0; i < 20 && !(await card.count()); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      // matched words are highlighted (only <mark> is rendered from the API's escaped text)
      await card.locator('mark').filter({ hasText: '正极材料' }).first().waitFor();
      assert.match(await card.innerText(), /80 万元/);
      const shared = page.url();
      await screenshot(page, 'search-results');
      // the URL alone reproduces the search in a fresh browser
      const other = await newPage(browser);
      try {
        await other.page.goto(shared);
        await other.page.getByTestId('listing-card').filter({ hasText: achievement.title }).waitFor();
        assert.equal(await other.page.getByRole('searchbox', { name: /搜索科技成果/ }).inputValue(), `正极材料 ${stamp}`);
      } finally {
        await other.context.close();
      }
      await card.getByRole('link', { name: achievement.title }).click();
      await page.waitForURL(`**/achievements/${achievementId}`);
    } finally {
      await context.close();
    }
  });

  it('the enterprise sees the match for its demand with the reasons, and the university is notified', async () => {
    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, ent.email, ent.password);
      await page.goto(`${stack.url}/matches?tab=demand`);
      const card = page.getByTestId('match-card').filter({ hasText: achievement.title }).filter({ hasText: demandTitle });
      for (let i = 0; i < 30 && !(await card.count()); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await card.waitFor();
      const reasons = await card.getByTestId('match-reasons').innerText();
      assert.match(reasons, /关键词命中/);
      assert.match(reasons, /领域一致：储能与电池/);
      assert.match(reasons, /报价 80 万元在预算 50–150 万元内/);
      await screenshot(page, 'matches-enterprise');
    } finally {
      await context.close();
    }
    const u = await newPage(browser);
    try {
      await logIn(u.page, stack.url, uni.email, uni.password);
      const count = u.page.getByTestId('bell-count');
      await u.page.waitForFunction(() => Number(document.querySelector('[data-testid="bell-count"] .ant-scroll-number')?.getAttribute('title') ?? '0') > 0);
      assert.ok(await count.isVisible());
      await u.page.getByTestId('bell').click();
      await u.page.getByTestId('bell-panel').getByText(/您的成果匹配到需求/).first().waitFor();
    } finally {
      await u.context.close();
    }
  });

  it('a demand asking for more maturity than the achievement has shows it apart, as a near miss marked with the TRL it lacks (issue 18)', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await logIn(page, stack.url, ent.email, ent.password);
      const id = await postDemand(page, stack.url, {
        title: `量产级高镍正极材料制备工艺需求${stamp}`,
        description: '寻求已量产验证的 NCM811 高镍正极材料低成本制备工艺，用于动力电池。',
        field: '储能与电池',
        region: '江苏',
        budgetMinWan: 50,
        budgetMaxWan: 150,
        minTrl: 8,
        keywords: ['锂电池', '正极材料'],
      });
      await page.goto(`${stack.url}/demands/${id}`);
      const section = page.getByTestId('near-misses');
      const item = section.getByTestId('near-miss').filter({ hasText: achievement.title });
      // the demand is indexed asynchronously; ask again until the near miss shows
      for (let i = 0; i < 20 && !(await item.count()); i++) {
        if (i) await page.reload();
        await section.getByRole('button', { name: '显示接近匹配' }).click();
        await section.getByTestId('near-miss').first().or(section.getByText('暂无接近匹配')).waitFor();
        if (!(await item.count())) await page.waitForTimeout(500);
      }
      await item.locator('[data-constraint="trl"]').getByText('TRL 6，低于需求的最低 8').waitFor();
      await screenshot(page, 'demand-near-misses');
      // not among the demand's matches
      await page.goto(`${stack.url}/matches?tab=demand`);
      await page.getByTestId('match-card').first().waitFor();
      assert.equal(await page.getByTestId('match-card').filter({ hasText: `量产级高镍正极材料制备工艺需求${stamp}` }).count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the enterprise opens a deal from the match; both negotiate live in two browsers, counter, and agree', async () => {
    const e = await newPage(browser);
    const u = await newPage(browser);
    try {
      await Promise.all([logIn(e.page, stack.url, ent.email, ent.password), logIn(u.page, stack.url, uni.email, uni.password)]);
      // the university waits on its deals page; its bell counts what arrives
      await u.page.goto(`${stack.url}/deals`);
      await u.page.getByTestId('bell').waitFor();
      const unread = () => u.page.evaluate(() => Number(document.querySelector('[data-testid="bell-count"] .ant-scroll-number')?.getAttribute('title') ?? '0'));
      const before = await unread();

      await e.page.goto(`${stack.url}/matches?tab=demand`);
      const card = e.page.getByTestId('match-card').filter({ hasText: achievement.title }).filter({ hasText: demandTitle });
      await card.getByRole('button', { name: '发起洽谈' }).click();
      await e.page.getByRole('dialog').getByRole('button', { name: '进入洽谈室' }).click();
      await e.page.waitForURL(/\/deals\/[0-9a-f]{24}$/);
      dealUrl = e.page.url();
      await e.page.locator('[data-testid="connection"][data-state="connected"]').waitFor();

      // the bell rings without a reload, and its notification leads into the room
      await u.page.waitForFunction((n) => Number(document.querySelector('[data-testid="bell-count"] .ant-scroll-number')?.getAttribute('title') ?? '0') > n, before);
      await u.page.getByTestId('bell').click();
      await u.page.getByTestId('bell-panel').getByText(`「${achievement.title}」的洽谈已开启`).click();
      await u.page.waitForURL(dealUrl);
      await u.page.locator('[data-testid="connection"][data-state="connected"]').waitFor();

      // the buyer makes the first offer
      await e.page.getByTestId('open-composer').click();
      const dialog = e.page.getByRole('dialog');
      await dialog.getByLabel('使用领域').fill('动力电池正极材料');
      await dialog.getByLabel('入门费（万元）').fill('60');
      await dialog.getByLabel('提成比例（%）').fill('2.5');
      await dialog.locator('label').filter({ hasText: '独占许可' }).click();
      assert.ok(await dialog.getByRole('radio', { name: '独占许可' }).isChecked());
      await dialog.getByRole('button', { name: '发送报价' }).click();
      await e.page.locator('[data-testid="current-offer"][data-version="1"]').waitFor();

      // …and it appears for the supplier without a reload
      const uOffer = u.page.locator('[data-testid="current-offer"][data-version="1"]');
      await uOffer.waitFor();
      assert.match(await uOffer.innerText(), /60 万元/);
      assert.match(await uOffer.innerText(), /独占许可/);

      // the supplier counters with a higher upfront fee
      await u.page.getByTestId('open-composer').click();
      const udialog = u.page.getByRole('dialog');
      assert.equal(await udialog.getByLabel('入门费（万元）').inputValue(), '60');
      await udialog.getByLabel('入门费（万元）').fill('75');
      await udialog.getByLabel('附言').fill('入门费 75 万元，提成不变。');
      await udialog.getByRole('button', { name: '发送报价' }).click();
      await u.page.locator('[data-testid="current-offer"][data-version="2"]').waitFor();

      // the buyer sees version 2 live, with what changed from version 1
      await e.page.locator('[data-testid="current-offer"][data-version="2"]').waitFor();
      const diff = e.page.getByTestId('offer-v2').getByTestId('diff-row');
      await diff.first().waitFor();
      assert.match(await diff.allInnerTexts().then((x) => x.join('\n')), /入门费\s*60 万元\s*75 万元/);
      await screenshot(e.page, 'deal-room-buyer-counter');

      // chat goes both ways
      const msg = `75 万元可以接受 ${stamp}`;
      await e.page.getByLabel('消息内容').fill(msg);
      await e.page.getByLabel('消息内容').press('Enter');
      await u.page.getByTestId('chat').getByText(msg).waitFor();

      // both accept version 2: agreed
      await e.page.getByTestId('current-offer').getByRole('button', { name: '接受报价' }).click();
      await u.page.getByTestId('current-offer').getByText('需方已接受', { exact: false }).waitFor();
      await u.page.getByTestId('current-offer').getByRole('button', { name: '接受报价' }).click();
      for (const p of [e.page, u.page]) {
        await p.getByTestId('agreed-banner').waitFor();
        assert.equal(await p.getByTestId('deal-status').innerText(), '已达成一致');
      }
      await screenshot(u.page, 'deal-room-agreed');
      assert.deepEqual([...e.errors, ...u.errors], []);
    } finally {
      await e.context.close();
      await u.context.close();
    }
  });

  it('the room shows the dropped connection and recovers when the server comes back, without losing messages', async () => {
    const e = await newPage(browser);
    const u = await newPage(browser);
    try {
      await Promise.all([logIn(e.page, stack.url, ent.email, ent.password), logIn(u.page, stack.url, uni.email, uni.password)]);
      await Promise.all([e.page.goto(dealUrl), u.page.goto(dealUrl)]);
      for (const p of [e.page, u.page]) await p.locator('[data-testid="connection"][data-state="connected"]').waitFor();
      await stack.killApi('SIGKILL');
      for (const p of [e.page, u.page]) await p.locator('[data-testid="connection"][data-state="reconnecting"]').waitFor();
      await screenshot(e.page, 'deal-room-reconnecting');
      await stack.startApi();
      for (const p of [e.page, u.page]) await p.locator('[data-testid="connection"][data-state="connected"]').waitFor({ timeout: 30_000 });
      const msg = `合同草稿今天发出 ${stamp}`;
      await u.page.getByLabel('消息内容').fill(msg);
      await u.page.getByRole('button', { name: '发送' }).click();
      await e.page.getByTestId('chat').getByText(msg).waitFor();
      // every message is there once, in order
      const seqs = await e.page.locator('[data-seq]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq'))));
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      assert.equal(new Set(seqs).size, seqs.length);
    } finally {
      await e.context.close();
      await u.context.close();
    }
  });
});
