import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { logIn } from './flows';

/**
 * Issue 15: the platform admin asks for the annual report at /admin/reports, sees it progress live
 * (pushed over the socket) to done, and downloads the PDF and the CSV.
 */
describe('annual report in the browser', function () {
  let stack: Stack;
  let browser: Browser;

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  it('the platform admin requests the year’s report, follows it to done and downloads the PDF and CSV', async function () {
    this.timeout(240_000);
    const { context, page, errors } = await newPage(browser);
    try {
      await logIn(page, stack.url, ADMIN.email, ADMIN.password);
      // Progress frames pushed to this user's socket.
      const pushed: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => typeof f.payload === 'string' && f.payload.includes('report:progress') && pushed.push(f.payload)));
      await page.goto(`${stack.url}/admin/reports`);
      await page.getByRole('heading', { name: '年度报告' }).waitFor();

      // A city without its province is refused before anything is sent.
      await page.getByLabel('城市').fill('南京市');
      await page.getByTestId('report-request').click();
      await page.getByText('请先选择省份').waitFor();
      await page.getByLabel('城市').fill('');

      const year = new Date().getFullYear();
      assert.equal(await page.getByLabel('年度').inputValue(), String(year));
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/reports/annual') && r.request().method() === 'POST');
      await page.getByTestId('report-request').click();
      const res = await posted;
      assert.equal(res.status(), 202);
      const { id } = (await res.json()) as { id: string };
      const row = page.getByTestId(`report-${id}`);
      await row.getByText(`${year} 年度报告 · 全国`).waitFor();
      await row.getByTestId('report-status').filter({ hasText: '已完成' }).waitFor({ timeout: 180_000 });
      assert.ok(pushed.length > 0, 'progress arrived over the socket');
      assert.ok(pushed.some((p) => p.includes('"status":"done"')));
      await screenshot(page, 'admin-annual-report');

      const [pdf] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-pdf').click()]);
      assert.equal(pdf.suggestedFilename(), `annual-report-${year}-all-zh.pdf`);
      assert.equal(readFileSync((await pdf.path())!).subarray(0, 5).toString(), '%PDF-');
      const [csv] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-csv').click()]);
      assert.equal(csv.suggestedFilename(), `annual-report-${year}-all.csv`);
      const text = readFileSync((await csv.path())!, 'utf8');
      assert.ok(text.startsWith('\uFEFF年度 year,地区 region'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
