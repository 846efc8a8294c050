import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { logIn, postAchievement, postDemand, signUpOrg, verifyOrg, type NewAchievement } from './flows';

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
      await joiner.page.waitForURL('**/welcome');
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
      await joiner.page.getByText(/该邮箱已注册|该邀请链接已被使用/).first().waitFor();
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
        title: `动力电池高镍正极材料降本技术需求${stamp}`,
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
});
