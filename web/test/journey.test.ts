import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { logIn, signUpOrg, verifyOrg } from './flows';

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
});
