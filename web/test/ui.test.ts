import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail } from './harness';
import { sharedBrowser, sharedStack } from './stack';
import { randomCreditCode } from '@techbridge/api/orgs/credit-code';
import { logIn, signUpOrg } from './flows';
import { ApiClient } from './api';

const EMPTY_SEARCH = { hits: [], total: 0, facets: {}, page: 1, pageSize: 10, processingTimeMs: 1 };

describe('web app basics in Chromium', function () {
  let base: string;
  let browser: Browser;

  before(async function () {
    this.timeout(600_000);
    base = (await sharedStack()).url;
    browser = await sharedBrowser();
  });

  it('is Chinese by default and switches to English, remembered after a reload', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await page.goto(base + '/');
      await page.getByRole('heading', { level: 1, name: '科技成果与技术需求，一站对接' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await page.getByTestId('lang-switch').getByText('EN').click();
      await page.getByRole('heading', { level: 1, name: 'Research results and technical demands, matched' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.ok(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Technologies' }).isVisible());
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Research results and technical demands, matched' }).waitFor();
      await screenshot(page, 'home-en');
      await page.getByTestId('lang-switch').getByText('中文').click();
      await page.getByRole('heading', { level: 1, name: '科技成果与技术需求，一站对接' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('saves the language on the account of a signed-in user, so another browser opens in it', async () => {
    const email = uniqueEmail('lang');
    const password = 'lang-password-1';
    const a = await newPage(browser);
    try {
      await signUpOrg(a.page, base, { kind: '企业', orgName: `语言测试企业${Date.now()}`, region: '上海', name: '韩梅梅', email, password });
      const saved = a.page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
      await a.page.getByTestId('lang-switch').getByText('EN').click();
      assert.equal((await saved).status(), 200);
    } finally {
      await a.context.close();
    }
    const b = await newPage(browser);
    try {
      await logIn(b.page, base, email, password);
      await b.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Technologies' }).waitFor();
      assert.equal(await b.page.getAttribute('html', 'lang'), 'en');
    } finally {
      await b.context.close();
    }
  });

  it('shows an error state with a working retry when a request fails, never a blank page', async () => {
    const { context, page } = await newPage(browser);
    try {
      let fail = true;
      await page.route('**/api/search/**', (route) =>
        fail
          ? route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'Internal server error' } } })
          : route.fulfill({ status: 200, json: EMPTY_SEARCH }),
      );
      await page.goto(base + '/?q=电池');
      const state = page.getByTestId('error-state');
      await state.waitFor();
      assert.match(await state.innerText(), /服务器出错了/);
      // the header and search box are still there
      assert.ok(await page.getByRole('searchbox', { name: /搜索科技成果/ }).isVisible());
      await screenshot(page, 'error-state');
      fail = false;
      await state.getByRole('button', { name: '重试' }).click();
      await page.getByText('没有找到符合条件的结果', { exact: false }).waitFor();
      assert.equal(await page.getByTestId('error-state').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('explains a network failure and keeps the page usable when the session check fails', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.route('**/api/search/**', (route) => route.abort('connectionrefused'));
      await page.route('**/api/session', (route) => route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'down' } } }));
      await page.goto(base + '/');
      await page.getByText('无法连接服务器', { exact: false }).waitFor();
      await page.getByText('暂时无法确认登录状态').waitFor();
      assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
    } finally {
      await context.close();
    }
  });

  for (const path of ['/', '/demands', '/login', '/signup']) {
    it(`renders ${path} at phone width (375 px) without horizontal scrolling`, async () => {
      const { context, page } = await newPage(browser, { width: 375, height: 812 });
      try {
        await page.route('**/api/search/**', (route) => route.fulfill({ status: 200, json: EMPTY_SEARCH }));
        await page.goto(base + path);
        await page.locator('.tb-container > *').first().waitFor();
        await page.waitForLoadState('networkidle');
        const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        assert.ok(scroll <= inner, `${path}: scrollWidth ${scroll} > ${inner}`);
        await screenshot(page, `phone${path === '/' ? '-home' : path.replace(/\//g, '-')}`);
        // navigation lives behind the menu button on a phone
        await page.getByRole('button', { name: '打开菜单' }).click();
        await page.getByRole('dialog').getByRole('link', { name: '需求大厅' }).waitFor();
      } finally {
        await context.close();
      }
    });
  }

  it('can be used from the keyboard: skip link, then search with Enter', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.route('**/api/search/**', (route) => route.fulfill({ status: 200, json: EMPTY_SEARCH }));
      await page.goto(base + '/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
      const box = page.getByRole('searchbox', { name: /搜索科技成果/ });
      await box.focus();
      await page.keyboard.type('锂电池');
      await page.keyboard.press('Enter');
      await page.waitForURL(/q=%E9%94%82%E7%94%B5%E6%B1%A0/);
    } finally {
      await context.close();
    }
  });

  it('answers a registered email as a new one, and shows the server’s field error on the form field it names', async () => {
    const { context, page } = await newPage(browser);
    try {
      const email = uniqueEmail('dup');
      await signUpOrg(page, base, { kind: '高校', orgName: `重复邮箱大学${Date.now()}`, region: '北京', name: '张三', email, password: 'dup-password-1' });
      await page.getByTestId('user-menu').click();
      await page.getByText('退出登录').click();
      // The same address again: "check your email", exactly as for a new one (issue 14).
      await page.goto(base + '/signup');
      await page.getByLabel('机构中文名称').fill('另一所大学');
      await page.getByRole('combobox', { name: '所在地区' }).click();
      await page.keyboard.type('天津');
      await page.keyboard.press('Enter');
      await page.getByLabel('统一社会信用代码').fill(randomCreditCode('120000'));
      await page.getByLabel('姓名').fill('李四');
      await page.getByLabel('邮箱').fill(email);
      await page.getByLabel('密码', { exact: true }).fill('dup-password-1');
      await page.getByLabel('确认密码').fill('dup-password-1');
      await page.getByRole('button', { name: '注册', exact: true }).click();
      await page.getByTestId('check-email').getByText(email).waitFor();
      // A server-side field error: an invitation issued for another address.
      const admin = new ApiClient(base);
      await admin.request('POST', '/api/auth/login', { email, password: 'dup-password-1' });
      const me = await admin.request<{ org: { id: string } }>('GET', '/api/me');
      const inv = await admin.request<{ token: string }>('POST', `/api/orgs/${me.org.id}/invitations`, { email: uniqueEmail('invitee') });
      await page.goto(`${base}/invite/${inv.token}`);
      await page.getByLabel('姓名').fill('李四');
      await page.getByLabel('邮箱').fill(uniqueEmail('someone-else'));
      await page.getByLabel('密码', { exact: true }).fill('dup-password-1');
      await page.getByLabel('确认密码').fill('dup-password-1');
      await page.getByRole('button', { name: '加入机构', exact: true }).click();
      const emailItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('邮箱') });
      await emailItem.getByText('该邀请是发给另一个邮箱的。').waitFor();
      // client-side: the shared zod schema rejects a short password before any request
      let posted = false;
      page.on('request', (r) => {
        if (r.url().endsWith('/api/auth/register')) posted = true;
      });
      await page.getByLabel('密码', { exact: true }).fill('short');
      await page.getByLabel('确认密码').fill('short');
      await page.getByRole('button', { name: '加入机构', exact: true }).click();
      await page.locator('.ant-form-item').filter({ has: page.getByLabel('密码', { exact: true }) }).getByText('至少 10 个字符').first().waitFor();
      assert.equal(posted, false);
    } finally {
      await context.close();
    }
  });
});
