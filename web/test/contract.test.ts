import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { licenceDeal } from './api';

/**
 * Issue 11: from an agreed offer to a signed contract in the browser. Both org admins see the same
 * contract and hash in the deal room, open its PDF, and sign; the deal then leaves `agreed`.
 */
describe('contract signing in the deal room (browser)', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  it('shows the contract once agreed; both org admins sign it and the deal is contracted', async () => {
    const { uni, ent, deal } = await licenceDeal(stack.url, ADMIN, {
      prefix: 'contract',
      orgSuffix: stamp,
      uni: ['王教授', '合同测试大学'],
      ent: ['陈总', '合同测试企业'],
      title: `高镍正极包覆技术${stamp}`,
      summary: '一种提升高镍正极循环寿命的包覆方法。',
      keyword: '正极材料',
      trl: 6,
    });
    await ent.client.request('PATCH', `/api/orgs/${ent.org.id}`, { creditCode: '91350100M000100Y43' });

    const e = await newPage(browser);
    const u = await newPage(browser);
    try {
      await ent.client.shareSession(e.context);
      await uni.client.shareSession(u.context);
      const url = `${stack.url}/deals/${deal.id}`;
      await Promise.all([e.page.goto(url), u.page.goto(url)]);
      for (const p of [e.page, u.page]) await p.locator('[data-testid="connection"][data-state="connected"]').waitFor();
      assert.equal(await e.page.getByTestId('contract-panel').count(), 0, 'no contract before agreement');

      // The buyer offers, both accept the same version: agreed.
      await e.page.getByTestId('open-composer').click();
      const dialog = e.page.getByRole('dialog');
      await dialog.getByLabel('使用领域').fill('动力电池正极材料');
      await dialog.getByLabel('入门费（万元）').fill('60');
      await dialog.getByRole('button', { name: '发送报价' }).click();
      for (const p of [e.page, u.page]) await p.locator('[data-testid="current-offer"][data-version="1"]').waitFor();
      await e.page.getByRole('button', { name: '接受报价' }).click();
      await u.page.getByRole('button', { name: '接受报价' }).click();
      for (const p of [e.page, u.page]) await p.getByTestId('agreed-banner').waitFor();

      // Both see the same contract, in Chinese, with its hash and PDF.
      const hashOf = async (p: Page) => (await p.getByTestId('contract-hash').innerText()).trim();
      for (const p of [e.page, u.page]) await p.getByTestId('contract-panel').waitFor();
      const hash = await hashOf(e.page);
      assert.match(hash, /^[0-9a-f]{64}$/);
      assert.equal(await hashOf(u.page), hash);
      await e.page.getByTestId('contract-panel').getByText('专利实施许可合同').waitFor();
      await e.page.getByTestId('contract-panel').getByText('91350100M000100Y43').waitFor();
      const href = await e.page.getByTestId('contract-pdf-zh').getAttribute('href');
      const pdf = await e.page.request.get(`${stack.url}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      // The buyer signs; the supplier's panel shows the signature, then the supplier signs.
      await e.page.getByTestId('contract-sign').click();
      await e.page.getByTestId('contract-signatures').getByText('陈总').waitFor();
      await u.page.getByTestId('contract-signatures').getByText('陈总').waitFor();
      await screenshot(u.page, 'contract-one-signature');
      await u.page.getByTestId('contract-sign').click();
      for (const p of [e.page, u.page]) {
        await p.locator('[data-testid="contract-panel"][data-status="signed"]').waitFor();
        await p.getByTestId('deal-status').filter({ hasText: /已签约|付款中/ }).waitFor();
      }
      assert.equal(await e.page.getByTestId('contract-sign').count(), 0);
      const audit = await ent.client.request<{ items: { action: string; to: string | null }[] }>('GET', `/api/deals/${deal.id}/audit`);
      assert.ok(audit.items.some((a) => a.action === 'deal.transitioned' && a.to === 'contracted'));
      assert.equal(audit.items.filter((a) => a.action === 'contract.signed').length, 2);
      await screenshot(u.page, 'contract-signed');
      assert.deepEqual([...e.errors, ...u.errors], []);
    } finally {
      await e.context.close();
      await u.context.close();
    }
  });
});
