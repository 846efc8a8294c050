import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import type { AgencyPerformanceResponse, DealPayments, IndicatorsResponse, PublicIndicatorsResponse } from '../src/api/types';
import { ADMIN_PASSWORD, DEMO_PASSWORD, buildDemoData } from '../../seed/src/demo';
import { formatWan } from '@techbridge/api/contract';
import { ApiClient } from './api';
import { launchBrowser, newPage, screenshot, startStack, type Stack } from './harness';
import { logIn } from './flows';

/**
 * Issue 15 in the browser, on the seeded demo (`npm run seed`: deals across 2025–2026, contracted
 * and paid): the platform admin's dashboard (/admin/indicators) — every chart drawn, its table and
 * its CSV agreeing with the API's figures, in zh and en, at 390 px —, the public summary
 * (/indicators, anonymous, no fees or commissions), an agency admin's commission statement
 * (/org/commission) reconciled with the deals' payment items, the annual report of a seeded year,
 * and an enterprise's admin refused by the server and told so by the pages.
 */

const YEAR = 2025;
const SEED_ADMIN = { email: 'admin@techbridge.cn', password: ADMIN_PASSWORD };
const CHARTS = ['activity', 'deals', 'turnover', 'funnel', 'field', 'province', 'city', 'mode', 'orgKind', 'university'];

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF), the BOM checked and dropped. */
function parseCsv(text: string): string[][] {
  assert.equal(text.charCodeAt(0), 0xfeff, 'the CSV starts with a UTF-8 BOM');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const downloaded = async (d: Download) => readFileSync((await d.path())!, 'utf8');

/**
 * Collects a page's console errors and its 401 answers (uncaught exceptions come through
 * `newPage`'s list); `check()` returns them all — none is expected on these pages.
 */
async function watchConsole(page: Page, errors: string[]): Promise<{ check: () => Promise<string[]> }> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() === 401) seen.push(`401 from ${new URL(r.url()).pathname}`);
  });
  return { check: async () => [...errors, ...seen] };
}

/** Pixels a canvas has drawn (alpha ≠ 0). */
const paintedPixels = (page: Page) =>
  page.$$eval('.tb-ind-card canvas', (cs) =>
    (cs as HTMLCanvasElement[]).map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]) n += 1;
      return n;
    }),
  );

const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('zone indicators in the browser (seeded demo)', function () {
  this.timeout(300_000);
  let stack: Stack;
  let browser: Browser;
  let admin: ApiClient;
  let ind: IndicatorsResponse;
  const data = buildDemoData();
  const enterpriseAdmin = data.users.find((u) => u.roles.includes('org-admin') && data.orgs.find((o) => o.key === u.orgKey)?.kind === 'enterprise')!;

  before(async function () {
    this.timeout(900_000);
    stack = await startStack({ seed: true });
    browser = await launchBrowser();
    admin = new ApiClient(stack.url);
    await admin.request('POST', '/api/auth/login', SEED_ADMIN);
    ind = await admin.request<IndicatorsResponse>('GET', `/api/indicators?year=${YEAR}`);
  });
  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await stack?.stop();
  });

  it('the seeded year has figures at every step of the funnel and a median time from match to agreement', () => {
    for (const f of ind.funnel) assert.ok(f.count > 0, `funnel step ${f.step}`);
    assert.ok(ind.matchToAgreement.medianDays! > 0 && ind.matchToAgreement.deals >= 5);
    assert.ok(ind.totals.turnover > 0 && ind.totals.paid > 0 && ind.totals.commission > 0);
  });

  it('the platform admin’s dashboard draws every chart, shows each as a table and downloads its CSV with the API’s figures (zh)', async () => {
    const { context, page, errors } = await newPage(browser);
    const watch = await watchConsole(page, errors);
    try {
      await logIn(page, stack.url, SEED_ADMIN.email, SEED_ADMIN.password);
      await page.goto(`${stack.url}/admin/indicators?year=${YEAR}`);
      await page.getByRole('heading', { name: '示范区指标看板' }).waitFor();
      await page.getByTestId('indicator-dashboard').waitFor();
      await page.getByTestId('indicator-period').getByText(`${YEAR}-01 至 ${YEAR}-12`).waitFor();

      // Key figures as the API gives them, the median in days.
      assert.equal(await page.getByTestId('kpi-dealsContracted').locator('.ant-statistic-content').innerText(), String(ind.totals.dealsContracted));
      assert.equal(await page.getByTestId('kpi-dealsOpened').locator('.ant-statistic-content').innerText(), String(ind.totals.dealsOpened));
      assert.equal(await page.getByTestId('kpi-medianDays').locator('.ant-statistic-content').innerText(), `${ind.matchToAgreement.medianDays} 天`);
      await page.getByTestId('kpi-medianDays').getByText(`基于 ${ind.matchToAgreement.deals} 笔洽谈`).waitFor();

      // Every chart drawn (no "no data"), with something on its canvas.
      const cards = page.locator('.tb-ind-card');
      assert.equal(await cards.count(), CHARTS.length);
      for (const id of CHARTS) assert.equal(await page.getByTestId(`chart-${id}`).locator('canvas').count(), 1, `chart ${id} drawn`);
      const painted = await paintedPixels(page);
      assert.equal(painted.length, CHARTS.length);
      painted.forEach((n, i) => assert.ok(n > 500, `chart ${CHARTS[i]} has pixels drawn (${n})`));
      await screenshot(page, 'admin-indicators-zh');

      // Each chart's table: as many rows as the chart has points.
      for (const id of CHARTS) {
        const card = page.getByTestId(`chart-${id}`);
        const points = Number(await card.locator('canvas').getAttribute('data-points'));
        await card.getByRole('button', { name: /^以表格查看：/ }).click();
        await card.locator('table').waitFor();
        assert.equal(await card.locator('tbody tr.ant-table-row').count(), points, `${id}: a row per point`);
        assert.equal(await card.locator('canvas').count(), 0);
      }
      // The funnel's table says the API's counts.
      const funnelRows = page.getByTestId('chart-funnel').locator('tbody tr.ant-table-row');
      for (const [i, f] of ind.funnel.entries()) assert.equal((await funnelRows.nth(i).locator('td').nth(1).innerText()).replace(/,/g, ''), String(f.count), `funnel ${f.step}`);
      await page.getByTestId('chart-funnel').getByRole('button', { name: /^以图表查看：/ }).click();
      await page.getByTestId('chart-funnel').locator('canvas').waitFor();

      // CSV of the breakdown by field: a row per field with the API's counts, money in 万元.
      const [fieldCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-field').getByTestId('chart-csv').click()]);
      assert.match(fieldCsv.suggestedFilename(), /^field-.*\.csv$/);
      const [header, ...rows] = parseCsv(await downloaded(fieldCsv));
      assert.deepEqual(header, ['代码', '技术领域', '成果', '需求', '洽谈发起', '签订合同', '技术合同成交额（万元）', '实际到账（万元）']);
      assert.equal(rows.length, ind.byField.length);
      for (const [i, r] of ind.byField.entries()) {
        const row = rows[i]!;
        assert.equal(row[0], r.key);
        assert.equal(row[1], r.label.zh);
        assert.deepEqual(row.slice(2, 6).map(Number), [r.listings, r.demands, r.dealsOpened, r.dealsContracted], `${r.key}: counts`);
        assert.ok(Math.abs(Number(row[6]) - r.turnover / 1_000_000) < 0.005, `${r.key}: turnover ${row[6]} 万元 = ${r.turnover} fen`);
        assert.ok(Math.abs(Number(row[7]) - r.paid / 1_000_000) < 0.005, `${r.key}: paid`);
      }
      assert.ok(rows.filter((r) => Number(r[6]) > 0).length >= 3, 'turnover in several fields');
      // CSV of the monthly turnover: twelve months adding up to the year's turnover.
      const [turnoverCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-turnover').getByTestId('chart-csv').click()]);
      const months = parseCsv(await downloaded(turnoverCsv)).slice(1);
      assert.deepEqual(
        months.map((m) => m[0]),
        ind.byMonth.map((m) => m.key),
      );
      assert.ok(Math.abs(months.reduce((s, m) => s + Number(m[2]), 0) - ind.totals.turnover / 1_000_000) < 0.05, 'the months add up to the turnover');
      assert.deepEqual(await watch.check(), []);
    } finally {
      await context.close();
    }
  });

  it('the dashboard in English, and at 390 px wide without horizontal scrolling', async () => {
    const { context, page, errors } = await newPage(browser, { lang: 'en' });
    const watch = await watchConsole(page, errors);
    try {
      await logIn(page, stack.url, SEED_ADMIN.email, SEED_ADMIN.password);
      await page.goto(`${stack.url}/admin/indicators?year=${YEAR}`);
      await page.getByTestId('indicator-dashboard').waitFor();
      // The admin's language is on the account: switched here, back to Chinese at the end.
      await page.getByTestId('lang-switch').getByText('EN').click();
      await page.getByRole('heading', { name: 'Zone indicators' }).waitFor();
      await page.getByTestId('indicator-dashboard').waitFor();
      await page.getByTestId('chart-field').getByRole('heading', { name: 'By technical field' }).waitFor();
      assert.equal(await page.getByTestId('kpi-medianDays').locator('.ant-statistic-content').innerText(), `${ind.matchToAgreement.medianDays} days`);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-mode').getByTestId('chart-csv').click()]);
      const [header, ...rows] = parseCsv(await downloaded(csv));
      assert.equal(header![1], 'Deal mode');
      assert.deepEqual(
        rows.map((r) => r[1]),
        ind.byMode.map((m) => m.label.en),
      );
      // The agencies' tab ranks them as the API does, with their commission.
      const perf = await admin.request<AgencyPerformanceResponse>('GET', `/api/indicators/agencies?year=${YEAR}`);
      const first = perf.agencies[0]!;
      assert.ok(first.commission > 0);
      await page.getByRole('tab', { name: 'Agencies' }).click();
      await page.waitForURL(/tab=agencies/);
      const topRow = page.getByTestId('agency-ranking').locator('tbody tr.ant-table-row').first();
      await topRow.getByText(first.agency.name.en).waitFor();
      await topRow.getByText(formatWan(first.commission, 'en')).waitFor();
      assert.equal(await page.getByTestId('agency-ranking').locator('tbody tr.ant-table-row').count(), Math.min(perf.agencies.length, 10));

      // Mobile width: charts and tables fit, the page does not scroll sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${stack.url}/admin/indicators?year=${YEAR}`);
      await page.getByRole('heading', { name: 'Zone indicators' }).waitFor();
      await page.getByTestId('indicator-dashboard').waitFor();
      assert.ok((await paintedPixels(page)).every((n) => n > 100), 'charts drawn at 390 px');
      assert.ok((await overflowX(page)) <= 0, 'no horizontal overflow at 390 px (dashboard)');
      await screenshot(page, 'admin-indicators-en-390-charts');
      await page.getByTestId('chart-field').getByRole('button', { name: /^Show as table/ }).click();
      await page.getByTestId('chart-field').locator('table').waitFor();
      assert.ok((await overflowX(page)) <= 0, 'no horizontal overflow at 390 px (a wide table)');
      await screenshot(page, 'admin-indicators-en-390');
      assert.deepEqual(await watch.check(), []);
    } finally {
      await context.close();
      await admin.request('PATCH', '/api/me', { locale: 'zh' });
    }
  });

  it('the public summary shows the figures to anyone, without fees or commissions', async () => {
    const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
    const watch = await watchConsole(page, errors);
    try {
      const answer = page.waitForResponse((r) => r.url().includes('/api/indicators/public'));
      await page.goto(`${stack.url}/indicators?year=${YEAR}`);
      const res = await answer;
      assert.equal(res.status(), 200);
      const body = (await res.json()) as PublicIndicatorsResponse;
      assert.ok(!/commission|platformFee/i.test(JSON.stringify(body)), 'no fees or commissions in the public answer');
      assert.equal(body.totals.turnover, ind.totals.turnover);
      assert.deepEqual(body.matchToAgreement, ind.matchToAgreement);
      await page.getByRole('heading', { name: '技术市场公开指标' }).waitFor();
      await page.getByTestId('indicator-dashboard').waitFor();
      assert.equal(await page.getByTestId('kpi-dealsContracted').locator('.ant-statistic-content').innerText(), String(ind.totals.dealsContracted));
      const text = await page.locator('body').innerText();
      for (const word of ['佣金', '服务费']) assert.ok(!text.includes(word), `no ${word} on the public page`);
      assert.ok((await paintedPixels(page)).filter((n) => n > 100).length >= 6, 'charts drawn');
      assert.ok((await overflowX(page)) <= 0, 'no horizontal overflow at 390 px (public)');
      await screenshot(page, 'public-indicators-390');
      assert.deepEqual(await watch.check(), []);
    } finally {
      await context.close();
    }
  });

  it('an agency’s admin downloads its commission statement (BOM), which reconciles with its deals’ payment items', async () => {
    const perf = await admin.request<AgencyPerformanceResponse>('GET', '/api/indicators/agencies?from=2025-01&to=2026-12');
    const top = perf.agencies.find((a) => a.commission > 0)!;
    assert.ok(top, 'an agency earned commission');
    const org = data.orgs.find((o) => o.kind === 'agency' && o.name.zh === top.agency.name.zh)!;
    const agencyAdmin = data.users.find((u) => u.orgKey === org.key && u.roles.includes('org-admin'))!;
    assert.equal(agencyAdmin.password, DEMO_PASSWORD);

    const { context, page, errors } = await newPage(browser);
    const watch = await watchConsole(page, errors);
    try {
      await logIn(page, stack.url, agencyAdmin.email, agencyAdmin.password);
      await page.goto(`${stack.url}/org/commission`);
      await page.getByRole('heading', { name: '佣金对账单' }).waitFor();
      await page.locator('input[type=date]').nth(0).fill('2025-01-01');
      await page.locator('input[type=date]').nth(1).fill('2026-12-31');
      await page.getByTestId('commission-total').waitFor();
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-link').click()]);
      const [header, ...rest] = parseCsv(await downloaded(csvDownload));
      assert.equal(header![0], '收款日期 Paid on');
      const total = rest.pop()!;
      assert.equal(total[0], '合计 Total');
      const fen = header!.indexOf('佣金（分） Commission (fen)');
      assert.ok(rest.length > 0, 'payments received');
      assert.equal(
        rest.reduce((s, r) => s + Number(r[fen]), 0),
        Number(total[fen]),
      );
      assert.equal(Number(total[fen]), top.commission, 'the statement’s total is the ranking’s commission');
      assert.equal(await page.getByTestId('commission-total').innerText(), formatWan(top.commission, 'zh'), 'the page’s total is the ranking’s');

      // Reconciled with the payments, read as this agency's admin: every paid item of every deal
      // the agency brokered is a row with its commission line, and nothing else is.
      const agency = new ApiClient(stack.url);
      await agency.request('POST', '/api/auth/login', { email: agencyAdmin.email, password: agencyAdmin.password });
      const dealIds = [...new Set(rest.map((r) => r[1]!))];
      const expected = new Map<string, number>();
      for (const id of dealIds) {
        const p = await agency.request<DealPayments>('GET', `/api/deals/${id}/payments`);
        for (const item of p.items) if (item.paidAt) expected.set(item.id, item.fees.brokerCommission);
      }
      assert.deepEqual(new Map(rest.map((r) => [r[2]!, Number(r[fen])])), expected);
      assert.deepEqual(await watch.check(), []);
    } finally {
      await context.close();
    }
  });

  it('the annual report of a seeded year: requested, followed to done, its CSV has the dashboard’s figures', async () => {
    const { context, page, errors } = await newPage(browser);
    const watch = await watchConsole(page, errors);
    try {
      await logIn(page, stack.url, SEED_ADMIN.email, SEED_ADMIN.password);
      await page.goto(`${stack.url}/admin/reports`);
      await page.getByRole('heading', { name: '年度报告' }).waitFor();
      await page.getByLabel('年度').fill(String(YEAR));
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/reports/annual') && r.request().method() === 'POST');
      await page.getByTestId('report-request').click();
      const { id } = (await (await posted).json()) as { id: string };
      const row = page.getByTestId(`report-${id}`);
      await row.getByText(`${YEAR} 年度报告 · 全国`).waitFor();
      await row.getByTestId('report-status').filter({ hasText: '已完成' }).waitFor({ timeout: 180_000 });
      const [pdf] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-pdf').click()]);
      const bytes = readFileSync((await pdf.path())!);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      assert.match(bytes.toString('latin1'), /\/FontName \/[A-Z]{6}\+NotoSansCJK/, 'the CJK font embedded (subset)');
      const [csv] = await Promise.all([page.waitForEvent('download'), row.getByTestId('report-csv').click()]);
      const [header, ...rows] = parseCsv(await downloaded(csv));
      const col = (name: string) => header!.indexOf(name);
      const figure = (key: string) => rows.find((r) => r[col('表 table')] === 'figures' && r[col('指标键 metric_key')] === key)?.[col('数值 value')];
      assert.equal(Number(figure('match_to_agreement_median_days')), ind.matchToAgreement.medianDays);
      assert.deepEqual(await watch.check(), []);
    } finally {
      await context.close();
    }
  });

  it('an enterprise’s admin is refused by the server, and the admin pages say so', async () => {
    const member = new ApiClient(stack.url);
    await member.request('POST', '/api/auth/login', { email: enterpriseAdmin.email, password: enterpriseAdmin.password });
    const agencyId = (await admin.request<AgencyPerformanceResponse>('GET', '/api/indicators/agencies?from=2025-01&to=2026-12')).agencies[0]!.agency.id;
    for (const path of [`/api/indicators?year=${YEAR}`, '/api/indicators/agencies', `/api/indicators/agencies/${agencyId}/commission`, `/api/indicators/agencies/${agencyId}/commission.csv`, '/api/reports']) {
      await assert.rejects(member.request('GET', path), /→ 403/, path);
    }
    await assert.rejects(member.request('POST', '/api/reports/annual', { year: YEAR }), /→ 403/);

    const { context, page } = await newPage(browser);
    try {
      await logIn(page, stack.url, enterpriseAdmin.email, enterpriseAdmin.password);
      for (const path of ['/admin/indicators', '/admin/reports', '/org/commission']) {
        await page.goto(`${stack.url}${path}`);
        await page.getByText('无权访问').waitFor();
        assert.equal(await page.getByTestId('indicator-dashboard').count(), 0, path);
      }
    } finally {
      await context.close();
    }
  });
});
