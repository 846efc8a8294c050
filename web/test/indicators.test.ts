import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, buildDemoData, DEMO_PASSWORD } from '@techbridge/seed';
import { fenToWan } from '@techbridge/api/contract';
import type { AgencyPerformanceResponse, IndicatorsResponse, PublicIndicatorsResponse } from '../src/api/types';
import { launchBrowser, newPage, screenshot, startStack, type Stack } from './harness';
import { logIn } from './flows';

// The demo's platform admin and an organisation admin of each kind (seed/src/demo.ts).
const demo = buildDemoData();
const ADMIN = { email: 'admin@techbridge.cn', password: ADMIN_PASSWORD };
const adminOf = (kind: string) => {
  const org = demo.orgs.find((o) => o.kind === kind)!;
  const user = demo.users.find((u) => u.orgKey === org.key && u.roles.includes('org-admin'))!;
  return { email: user.email, password: DEMO_PASSWORD, orgKey: org.key };
};

/** A page whose console errors and uncaught exceptions are collected. */
async function watchedPage(browser: Browser, opts: { width?: number; height?: number; lang?: 'zh' | 'en' } = {}) {
  const p = await newPage(browser, opts);
  p.page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // the app's session check answers 401 to a signed-out visitor (every page, not these pages' doing)
    if (new URL(msg.location().url || 'about:blank', 'http://x').pathname === '/api/me' && msg.text().includes('401')) return;
    p.errors.push(`${msg.text()} ${msg.location().url}`);
  });
  return p;
}

/** How many pixels of a chart's canvas are painted (a blank canvas has none). */
const paintedPixels = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

/** A CSV file's rows (BOM checked and removed; cells split on commas — the test data has none inside). */
function csvRows(text: string): string[][] {
  assert.equal(text.charCodeAt(0), 0xfeff, 'starts with a UTF-8 BOM');
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','));
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `page is ${scroll}px wide in a ${client}px viewport`);
}

/**
 * Issue 15's dashboard on the seeded demo (contracted and paid deals across 2025–2026): the admin's
 * charts agree with the API's figures, a chart's CSV has its rows, the public page works signed
 * out, other users get no admin dashboard, and a phone's 390 px show no sideways scrolling.
 */
describe('indicator dashboard (seeded demo, Chromium)', function () {
  let stack: Stack;
  let browser: Browser;
  const year = 2026;

  before(async function () {
    this.timeout(600_000);
    stack = await startStack({ seed: true });
    browser = await launchBrowser();
  });
  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await stack?.stop();
  });

  it('the platform admin sees non-trivial charts whose key figures are the API’s', async () => {
    const { context, page, errors } = await watchedPage(browser);
    try {
      await logIn(page, stack.url, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: '指标看板' }).first().click();
      await page.waitForURL(/\/admin\/indicators/);
      // the year picker: another year, then back to the one checked here
      for (const y of [year - 1, year]) {
        await page.getByTestId('filter-year').click();
        await page.locator('.ant-select-item-option').filter({ hasText: String(y) }).click();
        await page.waitForURL(new RegExp(`year=${y}`));
        await page.getByTestId('indicator-period').getByText(`${y}-01 至 ${y}-12`).waitFor();
      }
      const dashboard = page.getByTestId('indicator-dashboard');
      await dashboard.waitFor();
      const api = (await (await page.request.get(`${stack.url}/api/indicators?year=${year}`)).json()) as IndicatorsResponse;
      assert.ok(api.totals.listings > 0 && api.totals.dealsContracted > 0 && api.totals.turnover > 0 && api.totals.paid > 0, 'the seeded demo has contracted and paid deals this year');

      const kpi = async (id: string) => (await page.getByTestId(`kpi-${id}`).locator('.ant-statistic-content').innerText()).replace(/[,\s]/g, '');
      assert.equal(await kpi('listings'), String(api.totals.listings));
      assert.equal(await kpi('dealsContracted'), String(api.totals.dealsContracted));
      assert.equal(await kpi('turnover'), `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fenToWan(api.totals.turnover)).replace(/,/g, '')}万元`);

      for (const id of ['activity', 'deals', 'turnover', 'funnel', 'field', 'province', 'city', 'mode', 'orgKind', 'university']) {
        const card = page.getByTestId(`chart-${id}`);
        await card.locator('canvas').waitFor();
        assert.ok((await paintedPixels(page, `chart-${id}`)) > 2000, `chart ${id} is drawn`);
      }
      // every month of the year is a category of the monthly charts
      assert.equal(await page.getByTestId('chart-activity').locator('canvas').getAttribute('data-points'), '12');
      // the funnel's table view lists the seven steps with the API's counts
      await page.getByRole('button', { name: /以表格查看：转化漏斗/ }).click();
      const funnelRows = page.getByTestId('chart-funnel').locator('tbody tr.ant-table-row');
      assert.equal(await funnelRows.count(), 7);
      assert.equal((await funnelRows.nth(5).locator('td').nth(1).innerText()).replace(/,/g, ''), String(api.funnel[5]!.count));
      await screenshot(page, 'indicators-admin');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a chart’s CSV downloads with a row per category, money in 万元', async () => {
    const { context, page, errors } = await watchedPage(browser);
    try {
      await logIn(page, stack.url, ADMIN.email, ADMIN.password);
      await page.goto(`${stack.url}/admin/indicators?year=${year}`);
      await page.getByTestId('chart-field').locator('canvas').waitFor();
      const api = (await (await page.request.get(`${stack.url}/api/indicators?year=${year}`)).json()) as IndicatorsResponse;
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-field').getByTestId('chart-csv').click()]);
      assert.match(download.suggestedFilename(), /^field-.*\.csv$/);
      const rows = csvRows(await readFile((await download.path())!, 'utf8'));
      assert.deepEqual(rows[0], ['代码', '技术领域', '成果', '需求', '洽谈发起', '签订合同', '技术合同成交额（万元）', '实际到账（万元）']);
      assert.equal(rows.length - 1, api.byField.length);
      for (const [i, f] of api.byField.entries()) {
        assert.deepEqual(rows[i + 1], [f.key, f.label.zh, String(f.listings), String(f.demands), String(f.dealsOpened), String(f.dealsContracted), String(fenToWan(f.turnover)), String(fenToWan(f.paid))]);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the agencies tab ranks agencies and links each one’s commission statement', async () => {
    const { context, page, errors } = await watchedPage(browser);
    try {
      await logIn(page, stack.url, ADMIN.email, ADMIN.password);
      await page.goto(`${stack.url}/admin/indicators?year=${year}&tab=agencies`);
      const api = (await (await page.request.get(`${stack.url}/api/indicators/agencies?year=${year}`)).json()) as AgencyPerformanceResponse;
      assert.ok(api.agencies.length > 0, 'the demo has brokered deals');
      const ranking = page.getByTestId('agency-ranking');
      await ranking.locator('tbody tr.ant-table-row').first().waitFor();
      const first = api.agencies[0]!;
      assert.match(await ranking.locator('tbody tr.ant-table-row').first().innerText(), new RegExp(first.agency.name.zh));
      const [download] = await Promise.all([page.waitForEvent('download'), ranking.locator('tbody tr.ant-table-row').first().getByTestId('statement-link').click()]);
      const rows = csvRows(await readFile((await download.path())!, 'utf8'));
      assert.match(rows[0]![0]!, /收款日期/);
      assert.match(rows.at(-1)![0]!, /合计/);
      await screenshot(page, 'indicators-agencies');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a user who is not a platform admin gets no admin dashboard; a signed-out one is sent to log in', async () => {
    const ent = adminOf('enterprise');
    const { context, page, errors } = await watchedPage(browser);
    try {
      await page.goto(`${stack.url}/admin/indicators`);
      await page.waitForURL(/\/login\?next=%2Fadmin%2Findicators/);
      await logIn(page, stack.url, ent.email, ent.password);
      await page.goto(`${stack.url}/admin/indicators`);
      await page.getByText('无权访问').first().waitFor();
      assert.equal(await page.getByTestId('indicator-dashboard').count(), 0);
      assert.equal(await page.getByRole('link', { name: '指标看板' }).count(), 0, 'no admin navigation');
      assert.equal((await page.request.get(`${stack.url}/api/indicators?year=${year}`)).status(), 403);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('anyone reaches the public summary from the footer and sees its charts', async () => {
    const { context, page, errors } = await watchedPage(browser);
    try {
      await page.goto(stack.url);
      await page.getByRole('link', { name: '技术市场指标' }).click();
      await page.waitForURL(/\/indicators$/);
      await page.getByRole('heading', { name: '技术市场公开指标' }).waitFor();
      await page.getByTestId('chart-field').locator('canvas').waitFor();
      const api = (await (await page.request.get(`${stack.url}/api/indicators/public?year=${year}`)).json()) as PublicIndicatorsResponse;
      assert.equal((await page.getByTestId('kpi-listings').locator('.ant-statistic-content').innerText()).replace(/[,\s]/g, ''), String(api.totals.listings));
      assert.ok((await paintedPixels(page, 'chart-turnover')) > 2000);
      // a region: the province filter narrows the figures (and the URL keeps it)
      await page.getByTestId('filter-province').click();
      await page.keyboard.type('江苏');
      await page.keyboard.press('Enter');
      await page.waitForURL(/province=320000/);
      const js = (await (await page.request.get(`${stack.url}/api/indicators/public?year=${year}&province=320000`)).json()) as PublicIndicatorsResponse;
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="kpi-listings"] .ant-statistic-content')?.textContent?.replace(/[,\s]/g, '') === n,
        String(js.totals.listings),
      );
      await screenshot(page, 'indicators-public');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('at 390 px the public page and the admin dashboard have no horizontal overflow', async () => {
    for (const who of ['public', 'admin'] as const) {
      const { context, page, errors } = await watchedPage(browser, { width: 390, height: 844 });
      try {
        if (who === 'admin') await logIn(page, stack.url, ADMIN.email, ADMIN.password);
        await page.goto(`${stack.url}/${who === 'admin' ? 'admin/indicators' : 'indicators'}?year=${year}`);
        await page.getByTestId('chart-university').locator('canvas').waitFor();
        await noHorizontalOverflow(page);
        // the table view of a wide breakdown scrolls inside its card, not the page
        await page.getByRole('button', { name: /以表格查看：按技术领域/ }).click();
        await page.getByTestId('chart-field').locator('tbody tr.ant-table-row').first().waitFor();
        await noHorizontalOverflow(page);
        await screenshot(page, `indicators-${who}-390`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('an agency’s admin reads its own commission statement in the workspace', async () => {
    const { context, page, errors } = await watchedPage(browser);
    try {
      const perf = await (async () => {
        const p = await newPage(browser);
        await logIn(p.page, stack.url, ADMIN.email, ADMIN.password);
        const r = (await (await p.page.request.get(`${stack.url}/api/indicators/agencies?year=${year}`)).json()) as AgencyPerformanceResponse;
        await p.context.close();
        return r;
      })();
      const top = perf.agencies.find((a) => a.commission > 0)!;
      const org = demo.orgs.find((o) => o.name.zh === top.agency.name.zh)!;
      const user = demo.users.find((u) => u.orgKey === org.key && u.roles.includes('org-admin'))!;
      await logIn(page, stack.url, user.email, DEMO_PASSWORD);
      await page.getByTestId('user-menu').click();
      await page.getByRole('link', { name: '佣金对账单' }).click();
      await page.getByTestId('commission-statement').waitFor();
      await page.getByTestId('commission-total').waitFor();
      assert.ok((await page.getByTestId('commission-statement').locator('tbody tr.ant-table-row').count()) > 0);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-link').click()]);
      assert.match(csvRows(await readFile((await download.path())!, 'utf8'))[0]![0]!, /收款日期/);
      // and no other agency's
      const other = perf.agencies.find((a) => a.agency.id !== top.agency.id);
      if (other) assert.equal((await page.request.get(`${stack.url}/api/indicators/agencies/${other.agency.id}/commission.csv`)).status(), 403);
      assert.equal(await page.getByRole('link', { name: '指标看板' }).count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('reads in English', async () => {
    const { context, page, errors } = await watchedPage(browser, { lang: 'en' });
    try {
      await context.addInitScript(() => localStorage.setItem('tb.lang', 'en'));
      await page.goto(`${stack.url}/indicators?year=${year}`);
      await page.getByRole('heading', { name: 'Technology market indicators' }).waitFor();
      await page.getByRole('heading', { name: 'By technical field' }).waitFor();
      assert.match(await page.getByTestId('kpi-turnover').innerText(), /CN¥/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
