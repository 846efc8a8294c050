import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { registerVerified, type ApiClient } from './api';
import { choose } from './flows';

/** A partner's check written from the README alone. */
function verifies(secret: string, header: string, raw: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${raw}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const achievement = (title: string) => ({
  title: { zh: title, en: '' },
  summary: { zh: '一种降低能耗的正极材料制备方法。', en: '' },
  details: { zh: '机密工艺参数。', en: '' },
  field: 'energy-storage',
  keywords: ['锂电池'],
  trl: 6,
  ipType: 'invention-patent',
  patents: [{ number: 'ZL201710601862.3', title: '一种正极材料的制备方法', status: 'granted', expiry: '2037-07-20' }],
  modes: [{ mode: 'transfer', askingPrice: 200_000_000 }],
  region: '310000',
});

async function publish(client: ApiClient, title: string): Promise<string> {
  const a = await client.request<{ id: string; version: number }>('POST', '/api/achievements', achievement(title));
  await client.request('POST', `/api/achievements/${a.id}/publish`, { version: a.version });
  return a.id;
}

describe('interconnection in Chromium: webhooks and alerts', function () {
  let stack: Stack;
  let browser: Browser;
  let partner: Server;
  let partnerUrl = '';
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
    partner = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('received');
      });
    });
    await new Promise<void>((r) => partner.listen(0, '127.0.0.1', r));
    partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/techbridge`;
  });
  after(() => new Promise<void>((r) => partner.close(() => r())));

  const waitFor = async (what: string, check: () => boolean, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('an org admin subscribes a partner endpoint, copies the secret shown once, sees the signed delivery in the log and redelivers it', async () => {
    const admin = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('hook'), name: '周工', kind: 'enterprise', orgName: `对接平台${stamp}`, region: '310000' });
    const supplier = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('sup'), name: '吴老师', kind: 'university', orgName: `推送大学${stamp}`, region: '310000' });
    const { context, page, errors } = await newPage(browser);
    page.setDefaultTimeout(40_000);
    try {
      await admin.client.shareSession(context);
      await page.goto(`${stack.url}/org/webhooks`);
      await page.getByLabel('接收地址').fill(partnerUrl);
      await page.getByRole('button', { name: '创建' }).click();
      const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
      assert.match(secret, /^whsec_/);
      await page.reload();
      await page.getByText(partnerUrl).waitFor();
      assert.equal(await page.getByTestId('webhook-secret').count(), 0, 'the secret is not shown again');

      const before = got.length;
      const id = await publish(supplier.client, `推送测试成果${stamp}`);
      await waitFor('the delivery', () => got.slice(before).some((g) => g.body.includes(id)));
      const hit = got.slice(before).find((g) => g.body.includes(id))!;
      assert.equal(hit.headers['x-techbridge-event'], 'achievement.published');
      assert.ok(verifies(secret, String(hit.headers['x-techbridge-signature']), hit.body), 'the partner verifies the signature with the secret the page showed');

      await page.getByRole('button', { name: '推送记录' }).click();
      const log = page.getByTestId('delivery-log');
      await log.getByText('已送达').first().waitFor();
      await log.getByRole('button', { name: '重新推送' }).first().click();
      await waitFor('the redelivery', () => got.slice(before).filter((g) => g.body.includes(id)).length === 2);
      await log.getByRole('button', { name: '刷新' }).click();
      await log.locator('.ant-table-row-expand-icon').first().click();
      await log.getByText('received').first().waitFor();
      await screenshot(page, 'webhooks-log');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a user follows a field, saves a search from the search page and finds a new matching listing on the alerts page', async () => {
    const user = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('alert'), name: '郑经理', kind: 'enterprise', orgName: `订阅企业${stamp}`, region: '440000' });
    const supplier = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('sup2'), name: '冯老师', kind: 'university', orgName: `订阅大学${stamp}`, region: '310000' });
    const { context, page, errors } = await newPage(browser);
    page.setDefaultTimeout(40_000);
    try {
      await user.client.shareSession(context);
      await page.goto(`${stack.url}/alerts`);
      await choose(page, '技术领域', '储能与电池');
      await page.keyboard.press('Escape'); // a multiple select stays open
      await page.getByRole('button', { name: '添加关注' }).click();
      await page.getByText('关注', { exact: true }).first().waitFor();
      await page.goto(`${stack.url}/?q=${encodeURIComponent(`订阅${stamp}`)}`);
      await page.getByRole('button', { name: '保存检索' }).click();
      await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      const title = `订阅${stamp}固态电池`;
      const id = await publish(supplier.client, title);
      const alerts = await user.client.request<{ items: { kind: string; q: string }[] }>('GET', '/api/alerts');
      assert.deepEqual(alerts.items.map((a) => a.kind).sort(), ['follow', 'search']);
      let found = false;
      for (let i = 0; i < 60 && !found; i++) {
        const hits = await user.client.request<{ items: { listingId: string }[] }>('GET', '/api/alerts/hits');
        found = hits.items.some((h) => h.listingId === id);
        if (!found) await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(found, 'the listing was found by the alerts');
      await page.goto(`${stack.url}/alerts`);
      await page.getByRole('link', { name: title }).waitFor();
      await screenshot(page, 'alerts-page');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
