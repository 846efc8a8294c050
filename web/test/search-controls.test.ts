import assert from 'node:assert/strict';
import type { Browser, Route } from 'playwright-core';
import { FIELDS } from '@techbridge/search/taxonomy';
import { newPage, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { ApiClient, registerVerified } from './api';

/**
 * Issue 17, item 1: the search page's controls. The TRL range moves by keyboard and mouse, the field
 * filter offers the whole taxonomy, the home page asks for its results once, and a search under way
 * shows that it is searching — never 「共 0 条结果」 with the empty picture.
 */
describe('search controls (browser)', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('controls-u'), name: '周老师', kind: 'university', orgName: `控件测试大学${stamp}`, region: '310000' });
    // a few published achievements at different TRLs, so the page has results to narrow
    for (const [i, trl] of [3, 5, 7, 9].entries()) {
      const a = await uni.client.request<{ id: string; version: number }>('POST', '/api/achievements', {
        title: { zh: `控件测试成果${i}号${stamp}`, en: '' },
        summary: { zh: '用于检验搜索筛选控件的成果。', en: '' },
        field: i % 2 ? 'energy-storage' : 'new-materials',
        keywords: ['控件测试'],
        trl,
        ipType: 'invention-patent',
        modes: [{ mode: 'license', askingPrice: 10_000_000, minRoyaltyRate: 2, exclusivity: ['non-exclusive'] }],
        region: '310000',
      });
      await uni.client.request('POST', `/api/achievements/${a.id}/publish`, { version: a.version });
    }
  });

  it('asks for the home page results once (the prefetched answer is used, not fetched again)', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      const searches: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/search/')) searches.push(r.url());
      });
      await page.goto(stack.url + '/');
      await page.getByTestId('results').waitFor();
      await page.getByTestId('filters').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(searches.length, 1, searches.join('\n'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('offers every field of the taxonomy in the field filter, even those with no result now', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(stack.url + '/?field=energy-storage');
      const fields = page.locator('[aria-labelledby="f-field"] .ant-checkbox-wrapper');
      await fields.first().waitFor();
      assert.equal(await fields.count(), FIELDS.length);
      assert.equal(FIELDS.length, 21);
      // a second field can be added to the first (its count is zero under the first filter)
      await page.getByRole('checkbox', { name: /新材料/ }).click();
      await page.waitForURL((u) => u.searchParams.get('field') === 'energy-storage,new-materials');
    } finally {
      await context.close();
    }
  });

  it('moves the TRL range with the arrow keys and with the mouse, and searches with it', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(stack.url + '/');
      const low = page.getByRole('slider', { name: '最低成熟度' });
      await low.waitFor();
      await low.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForURL((u) => u.searchParams.get('trlMin') === '3');
      assert.equal(await low.getAttribute('aria-valuenow'), '3');

      // drag the upper handle from 9 to the middle of the rail
      const high = page.getByRole('slider', { name: '最高成熟度' });
      const rail = await page.locator('.ant-slider').first().boundingBox();
      const handle = await high.boundingBox();
      assert.ok(rail && handle);
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(rail.x + rail.width * 0.5, handle.y + handle.height / 2, { steps: 8 });
      await page.mouse.up();
      await page.waitForURL((u) => u.searchParams.get('trlMax') === '5');
      assert.equal(await high.getAttribute('aria-valuenow'), '5');
      // the results follow: only TRL 3–5 listings
      await page.getByTestId('results').getByText(`控件测试成果3号${stamp}`).waitFor({ state: 'detached' });
      await page.getByTestId('results').getByText(`控件测试成果2号${stamp}`).waitFor({ state: 'detached' });
      await page.getByTestId('results').getByText(`控件测试成果1号${stamp}`).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows that it is searching while a new search loads, not 「共 0 条结果」 with the empty picture', async () => {
    const { context, page } = await newPage(browser);
    try {
      let hold: ((r: Route) => void) | null = null;
      const held = new Promise<Route>((resolve) => (hold = resolve));
      await page.route('**/api/search/**', async (route) => {
        if (new URL(route.request().url()).searchParams.get('q') === `没有这个词${stamp}`)
          return route.fulfill({ status: 200, json: { hits: [], total: 0, facets: {}, page: 1, pageSize: 10, processingTimeMs: 1 } });
        if (new URL(route.request().url()).searchParams.get('q') === '控件测试') return hold!(route);
        return route.continue();
      });
      // a search with no result first: the empty picture is right here
      await page.goto(`${stack.url}/?q=${encodeURIComponent(`没有这个词${stamp}`)}`);
      await page.getByText('没有找到符合条件的结果', { exact: false }).waitFor();
      await page.getByTestId('result-count').getByText('共 0 条结果', { exact: false }).waitFor();
      // a new search, whose answer is held back
      const box = page.getByRole('searchbox', { name: /搜索科技成果/ });
      await box.fill('控件测试');
      await box.press('Enter');
      const route = await held;
      await page.getByTestId('searching').waitFor();
      assert.equal(await page.getByText('没有找到符合条件的结果', { exact: false }).count(), 0);
      assert.equal(await page.getByText('共 0 条结果', { exact: false }).count(), 0);
      assert.equal(await page.locator('.ant-empty').count(), 0);
      assert.equal(await page.locator('[aria-busy="true"]').count(), 1);
      await route.continue();
      await page.getByTestId('result-count').getByText(/共 4 条结果/).waitFor();
      assert.equal(await page.getByTestId('searching').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('does not offer 「发布」 on a draft of an unverified organisation; once verified it does (issue 17, item 4)', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('unverified-u'), name: '钱老师', kind: 'university', orgName: `未认证大学${stamp}`, region: '310000' });
    const admin = new ApiClient(stack.url);
    await admin.request('POST', '/api/auth/login', ADMIN);
    await admin.request('POST', `/api/orgs/${uni.org.id}/verify`, { verified: false, reason: '测试：撤销认证以检查「发布」按钮' });
    const a = await uni.client.request<{ id: string }>('POST', '/api/achievements', {
      title: { zh: `未认证草稿${stamp}`, en: '' },
      summary: { zh: '未认证机构的草稿。', en: '' },
      field: 'new-materials',
      keywords: ['认证检验'],
      trl: 4,
      ipType: 'invention-patent',
      modes: [{ mode: 'license', askingPrice: 10_000_000, minRoyaltyRate: 2, exclusivity: ['non-exclusive'] }],
      region: '310000',
    });
    const { context, page } = await newPage(browser);
    try {
      await uni.client.shareSession(context);
      await page.goto(`${stack.url}/achievements/${a.id}`);
      await page.getByText('草稿', { exact: true }).waitFor();
      await page.getByRole('link', { name: '编辑' }).first().waitFor();
      assert.equal(await page.getByRole('button', { name: '发布', exact: true }).count(), 0);
      await admin.request('POST', `/api/orgs/${uni.org.id}/verify`, { verified: true });
      await page.reload();
      await page.getByRole('button', { name: '发布', exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });
});
