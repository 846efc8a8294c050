import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomCreditCode } from '@techbridge/api/orgs/credit-code';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { ApiClient, registerVerified } from './api';
import { choose } from './flows';

interface Mine {
  items: { id: string; status: string; title: { zh: string } }[];
  total: number;
}

/** An enterprise user whose organisation the platform has not verified yet. */
async function registerUnverified(base: string, email: string, orgName: string): Promise<ApiClient> {
  const client = new ApiClient(base);
  await client.request('POST', '/api/auth/register', {
    email,
    password: 'workspace-pass-1',
    name: '吴经理',
    org: { kind: 'enterprise', name: { zh: orgName, en: '' }, region: '320000', creditCode: randomCreditCode() },
  });
  const mail = await client.request<{ items: { kind: string; link: string }[] }>('GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
  const token = new URL(mail.items.find((m) => m.kind === 'verify-email')!.link).searchParams.get('token');
  await client.request('POST', '/api/auth/verify', { token });
  return client;
}

/** Fills the demand editor's required fields (Chinese UI). */
async function fillDemand(page: Page, title: string): Promise<void> {
  await page.getByLabel('中文标题').fill(title);
  await page.getByLabel('中文描述').fill('需要一种可在零下三十度稳定工作的储能电池热管理方案，用于北方储能电站。');
  await choose(page, '技术领域', '储能');
  await choose(page, '所在地区', '江苏');
  await page.getByLabel('最低预算（万元）').fill('50');
  await page.getByLabel('最高预算（万元）').fill('200');
}

/**
 * Issue 17, item 4: drafts can be deleted (with a confirmation, drafts only); a failed 「保存并发布」
 * retried leaves one listing, not two; 「发布」 is not offered to an unverified organisation. Item 6:
 * the page asks the API for answers in its own language.
 */
describe('drafts and failed saves (browser)', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  async function signedIn(client: ApiClient, lang: 'zh' | 'en' = 'zh'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const p = await newPage(browser, { lang });
    await client.shareSession(p.context);
    return p;
  }

  it('an unverified organisation saves a draft, is offered no 「发布」, and deletes the draft after confirming', async () => {
    const client = await registerUnverified(stack.url, uniqueEmail('draft-ent'), `草稿测试企业${stamp}`);
    const { context, page, errors } = await signedIn(client);
    try {
      await page.goto(`${stack.url}/demands/new`);
      assert.equal(await page.getByRole('button', { name: '保存并发布' }).isDisabled(), true, 'save-and-publish is not usable');
      await fillDemand(page, `待删除的草稿需求${stamp}`);
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/demands\/[0-9a-f]{24}$/);
      const id = page.url().split('/').pop()!;
      const del = page.locator('#main').getByRole('button', { name: '删除' }); // the listing's own button, not the confirmation's
      await del.waitFor();
      assert.equal(await page.getByRole('button', { name: '发布', exact: true }).count(), 0, 'no 「发布」 for an unverified organisation');

      // cancelling keeps it
      await del.click();
      await page.getByText('确定删除该草稿吗？删除后无法恢复，其附件也会一并删除。').waitFor();
      await screenshot(page, 'drafts-delete-confirm');
      await page.locator('.ant-popconfirm').getByRole('button', { name: '取消' }).click();
      assert.equal((await client.request<Mine>('GET', '/api/demands/mine')).total, 1);

      await del.click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
      await page.waitForURL(/\/my\?tab=demands$/);
      await page.getByText('已删除').first().waitFor();
      assert.equal((await client.request<Mine>('GET', '/api/demands/mine')).total, 0);
      await assert.rejects(client.request('GET', `/api/demands/${id}`), /404/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('offers 删除 on drafts only in the organisation’s list', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('draft-uni'), name: '郑老师', kind: 'university', orgName: `草稿测试大学${stamp}`, region: '310000' });
    const body = (title: string) => ({
      title: { zh: title, en: '' },
      summary: { zh: '一种用于检验草稿删除的成果。', en: '' },
      field: 'new-materials',
      keywords: ['草稿'],
      trl: 5,
      ipType: 'know-how',
      modes: [{ mode: 'transfer', askingPrice: 10_000_000 }],
      region: '310000',
    });
    const live = await uni.client.request<{ id: string; version: number }>('POST', '/api/achievements', body(`已发布成果${stamp}`));
    await uni.client.request('POST', `/api/achievements/${live.id}/publish`, { version: live.version });
    await uni.client.request('POST', '/api/achievements', body(`草稿成果${stamp}`));
    const { context, page, errors } = await signedIn(uni.client);
    try {
      await page.goto(`${stack.url}/my?tab=achievements`);
      const draftRow = page.locator('tr', { hasText: `草稿成果${stamp}` });
      const liveRow = page.locator('tr', { hasText: `已发布成果${stamp}` });
      await draftRow.getByRole('button', { name: '删除' }).waitFor();
      assert.equal(await liveRow.getByRole('button', { name: '删除' }).count(), 0, 'a published listing cannot be deleted');
      assert.equal(await liveRow.getByRole('button', { name: '撤回' }).count(), 1);
      await draftRow.getByRole('button', { name: '删除' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
      await draftRow.waitFor({ state: 'detached' });
      const mine = await uni.client.request<Mine>('GET', '/api/achievements/mine');
      assert.deepEqual(mine.items.map((i) => i.id), [live.id]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a 「保存并发布」 whose answer was lost, then retried, leaves one published demand with what the form holds', async () => {
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('retry-ent'), name: '钱经理', kind: 'enterprise', orgName: `重试测试企业${stamp}`, region: '320000' });
    const { context, page, errors } = await signedIn(ent.client);
    try {
      const keys: string[] = [];
      let dropped = 0;
      await page.route('**/api/demands', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (dropped++ === 0) {
          // the server stores the draft, but its answer never reaches the page
          await route.fetch();
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await page.goto(`${stack.url}/demands/new`);
      await fillDemand(page, `重试保存的需求${stamp}`);
      await page.getByRole('button', { name: '保存并发布' }).click();
      await page.getByTestId('form-error').getByText('无法连接服务器，请检查网络后重试。').waitFor();
      assert.equal((await ent.client.request<Mine>('GET', '/api/demands/mine')).total, 1, 'the first attempt was stored');

      // the user corrects the title and tries again
      await page.getByLabel('中文标题').fill(`重试保存的需求（改）${stamp}`);
      await page.getByRole('button', { name: '保存并发布' }).click();
      await page.waitForURL(/\/demands\/[0-9a-f]{24}$/);
      const mine = await ent.client.request<Mine>('GET', '/api/demands/mine');
      assert.equal(mine.total, 1, 'one demand, not two');
      assert.equal(mine.items[0]!.status, 'open');
      assert.equal(mine.items[0]!.title.zh, `重试保存的需求（改）${stamp}`);
      assert.equal(mine.items[0]!.id, page.url().split('/').pop());
      assert.equal(keys.length, 2);
      assert.match(keys[0]!, /^[0-9a-f]{32}$/);
      assert.equal(keys[1], keys[0], 'the retry sends the same key');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('asks the API in the page’s language, and the API answers a refusal in it', async () => {
    const client = await registerUnverified(stack.url, uniqueEmail('lang-ent'), `语言测试企业${stamp}`);
    for (const lang of ['zh', 'en'] as const) {
      await client.request('PATCH', '/api/me', { locale: lang }); // the signed-in page takes the account's language
      const { context, page, errors } = await signedIn(client, lang);
      try {
        // (the very first request, /api/me, goes before the page knows the account's language)
        const listed = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/demands/mine');
        await page.goto(`${stack.url}/my?tab=demands`);
        assert.equal((await listed).headers()['accept-language'], lang);
        // a refusal the page did not foresee is shown in the server's words, in the page's language
        const answer = await page.evaluate(async () => {
          const csrf = ((await (await fetch('/api/csrf')).json()) as { csrfToken: string }).csrfToken;
          const res = await fetch('/api/demands', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'accept-language': document.documentElement.lang },
            body: JSON.stringify({ title: { zh: '', en: '' } }),
          });
          return ((await res.json()) as { error: { message: string } }).error.message;
        });
        if (lang === 'zh') assert.match(answer, /^标题（title）：请至少填写中文或英文$/);
        else assert.equal(answer, 'title: needs Chinese or English text');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
