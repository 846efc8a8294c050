import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { registerVerified } from './api';
import { choose } from './flows';

/** Waits until the search index (filled asynchronously through the outbox) finds `title`. */
async function waitIndexed(base: string, kind: 'achievements' | 'demands', q: string, title: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const res = (await (await fetch(`${base}/api/search/${kind}?q=${encodeURIComponent(q)}`)).json()) as { hits?: { listing: { title: { zh: string } } }[] };
    if (res.hits?.some((h) => h.listing.title.zh === title)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`"${title}" never reached the ${kind} index`);
}

const HEADER = 'title_zh,summary_zh,field,trl,ip_type,region,patents,modes,license_fee_yuan';

describe('workspaces in Chromium: CSV import, broker, decline feedback', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  it('imports a CSV: valid rows become drafts, invalid rows are reported with the column and the reason', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('csv'), name: '周老师', kind: 'university', orgName: `导入测试大学${stamp}`, region: '420000' });
    const dir = mkdtempSync(join(tmpdir(), 'tb-csv-'));
    const csv = join(dir, 'achievements.csv');
    writeFileSync(
      csv,
      `${HEADER}\n` +
        `高效钙钛矿太阳能电池封装技术${stamp},一种提升钙钛矿组件寿命的封装工艺。,new-energy,5,invention-patent,420000,,license,50万\n` +
        `无效的一行${stamp},摘要,new-energy,12,invention-patent,420000,ZL202110456789.3|granted|2040-01-01|x,license,100\n`,
    );
    const xlsx = join(dir, 'book.xlsx');
    writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));

    const { context, page } = await newPage(browser);
    try {
      await uni.client.shareSession(context);
      await page.goto(`${stack.url}/achievements/import`);
      await page.locator('input[type=file]').setInputFiles(csv);
      await page.getByRole('button', { name: '开始导入' }).click();
      const report = page.getByTestId('import-report');
      await report.waitFor();
      const text = await report.innerText();
      assert.match(text, /已创建草稿\s*1/);
      assert.match(text, /无效行\s*1/);
      assert.match(text, /技术成熟度/);
      assert.match(text, /校验位应为 1/);
      await screenshot(page, 'csv-import-report');
      await report.getByRole('link', { name: '打开草稿' }).click();
      await page.waitForURL(/\/achievements\/[0-9a-f]{24}\/edit$/);
      assert.equal(await page.getByLabel('中文标题').inputValue(), `高效钙钛矿太阳能电池封装技术${stamp}`);
      // edit the draft (the version travels with the change), then publish it from its page
      await page.getByLabel('中文标题').fill(`高效钙钛矿太阳能电池组件封装技术${stamp}`);
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/achievements\/[0-9a-f]{24}$/);
      await page.getByRole('heading', { level: 1, name: `高效钙钛矿太阳能电池组件封装技术${stamp}` }).waitFor();
      await page.getByText('草稿', { exact: true }).waitFor();
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await page.getByRole('button', { name: '撤回' }).waitFor();
      assert.equal(await page.getByText('草稿', { exact: true }).count(), 0);

      // a workbook is refused with a useful message, not a blank page
      await page.goto(`${stack.url}/achievements/import`);
      await page.locator('input[type=file]').setInputFiles(xlsx);
      await page.getByRole('button', { name: '开始导入' }).click();
      await page.getByTestId('import-error').getByText('这是 XLSX 文件').waitFor();
    } finally {
      await context.close();
    }
  });

  it('a broker adds a client to the portfolio, runs batch docking and downloads the report', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('bu'), name: '孙教授', kind: 'university', orgName: `海洋工程学院${stamp}`, region: '370000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('be'), name: '钱总', kind: 'enterprise', orgName: `青岛船舶装备${stamp}`, region: '370000' });
    const broker = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('br'), name: '李经纪', kind: 'agency', orgName: `山东技术转移中心${stamp}`, region: '370000' });
    const a = await uni.client.request<{ id: string; version: number }>('POST', '/api/achievements', {
      title: { zh: `船舶压载水电解处理装置${stamp}`, en: '' },
      summary: { zh: '电解法压载水处理，满足 IMO D-2 标准，已在 3 艘散货船上应用。', en: '' },
      field: 'marine',
      keywords: ['压载水', '电解'],
      trl: 7,
      ipType: 'invention-patent',
      modes: [{ mode: 'transfer', askingPrice: 120_000_000 }],
      region: '370000',
    });
    await uni.client.request('POST', `/api/achievements/${a.id}/publish`, { version: a.version });
    const d = await ent.client.request<{ id: string; version: number }>('POST', '/api/demands', {
      title: { zh: `压载水处理系统国产化需求${stamp}`, en: '' },
      description: { zh: '寻求满足 IMO D-2 标准的压载水处理技术，用于新造散货船。', en: '' },
      field: 'marine',
      keywords: ['压载水'],
      budgetMin: 50_000_000,
      budgetMax: 200_000_000,
      modes: ['transfer'],
      region: '370000',
    });
    await ent.client.request('POST', `/api/demands/${d.id}/publish`, { version: d.version });
    await waitIndexed(stack.url, 'demands', `压载水 ${stamp}`, `压载水处理系统国产化需求${stamp}`);

    const { context, page } = await newPage(browser);
    try {
      await broker.client.shareSession(context);
      await page.goto(`${stack.url}/broker`);
      await page.getByRole('tab', { name: '服务机构' }).click();
      const picker = page.getByRole('combobox', { name: '通过成果或需求查找机构' });
      await picker.click();
      await picker.fill(`压载水 ${stamp}`);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `青岛船舶装备${stamp}` }).first().click({ timeout: 30_000 });
      await page.getByRole('button', { name: '加入服务机构' }).click();
      // Issue 14: an invitation until the enterprise's administrator accepts it.
      await page.getByTestId('portfolio-invitations').getByText(`青岛船舶装备${stamp}`).waitFor();
      const admin = await newPage(browser);
      try {
        await ent.client.shareSession(admin.context);
        await admin.page.goto(`${stack.url}/org/requests`);
        const agencies = admin.page.getByTestId('org-agencies');
        await agencies.getByText(`山东技术转移中心${stamp}`).waitFor();
        await agencies.getByRole('button', { name: '同意' }).click();
        await agencies.getByText('已同意').waitFor();
        await screenshot(admin.page, 'org-requests-accepted');
      } finally {
        await admin.context.close();
      }
      await page.reload();
      await page.getByRole('tab', { name: '服务机构' }).click();
      await page.getByText(`青岛船舶装备${stamp}`).first().waitFor();
      assert.equal(await page.getByTestId('portfolio-invitations').count(), 0, 'no invitation left pending');

      await page.getByRole('tab', { name: '批量对接' }).click();
      await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '指定需求' }).click();
      const demands = page.getByRole('combobox', { name: '需求列表' });
      await demands.click();
      await demands.fill(`压载水处理系统 ${stamp}`);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `压载水处理系统国产化需求${stamp}` }).first().click({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '开始对接' }).click();
      const run = page.getByTestId('docking-run');
      await run.waitFor();
      assert.match(await run.innerText(), new RegExp(`压载水处理系统国产化需求${stamp}`));
      await screenshot(page, 'broker-docking');
      const href = await page.getByTestId('docking-report').getAttribute('href');
      const res = await page.request.get(`${stack.url}${href}`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'] ?? '', /text\/csv/);
      assert.match(await res.text(), /需求/);
    } finally {
      await context.close();
    }
  });

  it('a declined match shows its reason, and the listing owner sees the feedback', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('fu'), name: '吴教授', kind: 'university', orgName: `农业大学${stamp}`, region: '410000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('fe'), name: '郑经理', kind: 'enterprise', orgName: `中原种业${stamp}`, region: '410000' });
    const a = await uni.client.request<{ id: string; version: number }>('POST', '/api/achievements', {
      title: { zh: `抗旱小麦新品种选育技术${stamp}`, en: '' },
      summary: { zh: '通过分子标记辅助选育的抗旱小麦品种，亩产提高 12%。', en: '' },
      field: 'agriculture',
      keywords: ['小麦', '抗旱', '育种'],
      trl: 8,
      ipType: 'plant-variety',
      modes: [{ mode: 'license', askingPrice: 30_000_000, minRoyaltyRate: 2, exclusivity: ['non-exclusive'] }],
      region: '410000',
    });
    await uni.client.request('POST', `/api/achievements/${a.id}/publish`, { version: a.version });
    const d = await ent.client.request<{ id: string; version: number }>('POST', '/api/demands', {
      title: { zh: `抗旱小麦品种引进需求${stamp}`, en: '' },
      description: { zh: '寻求适合豫北地区的抗旱小麦新品种及其育种技术。', en: '' },
      field: 'agriculture',
      keywords: ['小麦', '抗旱'],
      budgetMin: 10_000_000,
      budgetMax: 50_000_000,
      modes: ['license'],
      region: '410000',
    });
    await ent.client.request('POST', `/api/demands/${d.id}/publish`, { version: d.version });

    const e = await newPage(browser);
    try {
      await ent.client.shareSession(e.context);
      await e.page.goto(`${stack.url}/matches?tab=demand`);
      const card = e.page.getByTestId('match-card').filter({ hasText: `抗旱小麦新品种选育技术${stamp}` });
      for (let i = 0; i < 30 && !(await card.count()); i++) {
        await e.page.waitForTimeout(500);
        await e.page.reload();
      }
      await card.getByRole('button', { name: '婉拒' }).click();
      const dialog = e.page.getByRole('dialog');
      await dialog.locator('label').filter({ hasText: '价格不合适' }).click();
      assert.ok(await dialog.getByRole('radio', { name: '价格不合适' }).isChecked());
      await dialog.getByLabel('补充说明').fill('入门费超出今年预算');
      await dialog.getByRole('button', { name: '确认婉拒' }).click();
      await card.getByText('已婉拒：价格不合适').waitFor();
    } finally {
      await e.context.close();
    }
    const u = await newPage(browser);
    try {
      await uni.client.shareSession(u.context);
      await u.page.goto(`${stack.url}/achievements/${a.id}`);
      const fb = u.page.getByTestId('listing-feedback');
      await fb.getByText('价格不合适 × 1').waitFor();
      await fb.getByText('入门费超出今年预算').waitFor();
      await screenshot(u.page, 'listing-feedback');
    } finally {
      await u.context.close();
    }
  });

  it('the demand form checks the shared schema before sending: required fields, budget range', async () => {
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('dv'), name: '冯经理', kind: 'enterprise', orgName: `校验企业${stamp}`, region: '110000' });
    const { context, page } = await newPage(browser);
    try {
      await ent.client.shareSession(context);
      await page.goto(`${stack.url}/demands/new`);
      // nothing filled: the schema's required fields are marked before any request is sent
      let posted = false;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/api/demands')) posted = true;
      });
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      assert.equal(posted, false);
      await page.getByLabel('中文标题').fill('预算校验');
      await page.getByLabel('中文描述').fill('预算上限低于下限');
      await choose(page, '技术领域', '人工智能');
      await choose(page, '所在地区', '北京');
      await page.getByLabel('最低预算（万元）').fill('100');
      await page.getByLabel('最高预算（万元）').fill('50');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.locator('.ant-form-item').filter({ has: page.getByLabel('最高预算（万元）') }).getByText('不能低于最低预算').waitFor();
      assert.equal(posted, false);
    } finally {
      await context.close();
    }
  });
});
