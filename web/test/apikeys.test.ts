import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { registerVerified } from './api';

describe('API keys and the API reference in Chromium', function () {
  let stack: Stack;
  let browser: Browser;

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  it('an org admin creates a key (shown once), a partner uses it without a cookie, the admin revokes it and it is refused', async function () {
    this.timeout(180_000);
    const reg = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('keys'), name: '孙老师', kind: 'university', orgName: `密钥测试大学${Date.now().toString(36)}`, region: '320000' });
    const { context, page, errors } = await newPage(browser);
    page.setDefaultTimeout(40_000);
    try {
      await reg.client.shareSession(context);
      await page.goto(`${stack.url}/org/api-keys`);
      await page.waitForFunction(() => document.title.startsWith('API 密钥'));
      await page.getByLabel('名称').fill('省技术市场同步');
      await page.getByRole('checkbox', { name: /listings:write/ }).check();
      await page.getByRole('button', { name: '创建密钥' }).click();
      const secret = (await page.getByTestId('api-key-secret').innerText()).trim();
      assert.match(secret, /^tbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      await page.getByTestId('api-key-row').filter({ hasText: '省技术市场同步' }).getByText('从未使用').waitFor();
      await screenshot(page, 'api-keys');

      // The partner's server: a bare request with the key, no cookie, no CSRF token.
      const write = await fetch(`${stack.url}/api/demands`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: { zh: '通过接口发布的需求', en: '' }, description: { zh: '合作平台同步而来。', en: '' }, field: 'new-energy-vehicles', keywords: [], modes: ['license'], region: '320000' }),
      });
      assert.equal(write.status, 201, await write.text());
      // Shown once: after a reload the page lists the key but no longer shows it.
      await page.reload();
      const row = page.getByTestId('api-key-row').filter({ hasText: '省技术市场同步' });
      await row.getByText(/最近使用/).waitFor();
      assert.equal(await page.getByTestId('api-key-secret').count(), 0);
      assert.ok(!(await page.content()).includes(secret));

      await row.getByRole('button', { name: '吊销' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: '吊销' }).click();
      await row.getByText('已吊销').waitFor();
      const refused = await fetch(`${stack.url}/api/feed/demands`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(refused.status, 401);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('renders the API reference at /api/docs/ with no CSP violation', async function () {
    this.timeout(120_000);
    const { context, page, errors } = await newPage(browser, { lang: 'en' });
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });
    try {
      await page.goto(`${stack.url}/api/docs/`);
      await page.getByText('TechBridge API').first().waitFor({ timeout: 60_000 });
      // Every tag listed (collapsed), the feed's opened.
      for (const tag of ['health', 'feed', 'alerts']) await page.locator(`#operations-tag-${tag}`).waitFor();
      await page.locator('#operations-tag-feed').click();
      await page.getByText('/api/feed/achievements').first().waitFor();
      await screenshot(page, 'api-docs');
      assert.deepEqual(blocked, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
