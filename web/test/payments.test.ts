import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { startStripeMock } from '../../scripts/services.mjs';
import { launchBrowser, newPage, screenshot, startStack, uniqueEmail, type Stack } from './harness';
import { ADMIN } from './stack';
import { registerVerified, type ApiClient, type Registered } from './api';

type Mode = 'license' | 'transfer' | 'equity';
const METHOD_NAMES = { card: '银行卡', alipay: '支付宝', wechat_pay: '微信支付' } as const;

/** An offer made and accepted by both sides over the room socket (the browser part starts at agreed). */
async function agree(base: string, parties: { buyer: Registered; supplier: Registered }, dealId: string, terms: object): Promise<void> {
  const command = async (client: ApiClient, event: string, payload: object) => {
    const cookie = (client as unknown as { cookie: string }).cookie;
    const s = io(`${base}/deals`, { transports: ['websocket'], extraHeaders: { cookie } });
    try {
      const ack = (await s.timeout(10_000).emitWithAck(event, { dealId, ...payload })) as { error?: unknown };
      if (ack.error) throw new Error(`${event}: ${JSON.stringify(ack.error)}`);
    } finally {
      s.close();
    }
  };
  await command(parties.buyer.client, 'offer:create', { replacesVersion: 0, terms });
  await command(parties.supplier.client, 'offer:accept', { version: 1 });
  await command(parties.buyer.client, 'offer:accept', { version: 1 });
}

/**
 * Issue 11, "how we will check it": a licence, a transfer and an equity deal each go agreed → both
 * org admins sign in the deal room → the buyer pays every scheduled item (deposit, upfront fee or
 * instalment, milestone or cash payment) on the test checkout against stripe-mock → completed.
 */
describe('paying a signed contract in the browser (test checkout, stripe-mock)', function () {
  let mock: Awaited<ReturnType<typeof startStripeMock>>;
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    mock = await startStripeMock();
    stack = await startStack({ env: { STRIPE_API_BASE: mock.url } });
    await stack.createAdmin(ADMIN.email, ADMIN.password);
    browser = await launchBrowser();
  });
  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await stack?.stop();
    await mock?.stop();
  });

  async function dealFor(mode: Mode) {
    const supplier = await registerVerified(stack.url, ADMIN, { email: uniqueEmail(`pay-u-${mode}`), name: '李教授', kind: 'university', orgName: `付款测试大学${mode}${stamp}`, region: '310000' });
    const buyer = await registerVerified(stack.url, ADMIN, { email: uniqueEmail(`pay-e-${mode}`), name: '赵总', kind: 'enterprise', orgName: `付款测试企业${mode}${stamp}`, region: '320000' });
    const ach = await supplier.client.request<{ id: string }>('POST', '/api/achievements', {
      title: { zh: `固态电解质界面改性技术${mode}${stamp}`, en: '' },
      summary: { zh: '一种提升固态电池界面稳定性的改性方法。', en: '' },
      field: 'energy-storage',
      keywords: ['固态电池'],
      trl: 6,
      ipType: 'invention-patent',
      modes: [mode === 'equity' ? { mode } : { mode, askingPrice: 100_000_000, ...(mode === 'license' ? { minRoyaltyRate: 3, exclusivity: ['exclusive'] } : {}) }],
      region: '310000',
    });
    await supplier.client.request('POST', `/api/achievements/${ach.id}/publish`, {});
    const deal = await buyer.client.request<{ id: string }>('POST', '/api/deals', { achievementId: ach.id, mode });
    return { supplier, buyer, dealId: deal.id };
  }

  async function openRoom(client: ApiClient, dealId: string) {
    const p = await newPage(browser);
    await client.shareSession(p.context);
    await p.page.goto(`${stack.url}/deals/${dealId}`);
    await p.page.locator('[data-testid="connection"][data-state="connected"]').waitFor();
    return p;
  }

  /** Both org admins sign the contract; the deal moves on to paying. */
  async function signBoth(pages: Page[]) {
    for (const p of pages) {
      await p.getByTestId('contract-panel').waitFor();
      await p.getByTestId('contract-sign').click();
      await p.locator('[data-testid="contract-panel"][data-status="signed"], [data-testid="contract-signatures"]').first().waitFor();
    }
    for (const p of pages) await p.getByTestId('deal-status').filter({ hasText: '付款中' }).waitFor();
  }

  /** The buyer pays `key` on the test checkout with `method` (or has it fail first), back in the room it shows paid. */
  async function pay(page: Page, key: string, method: 'card' | 'alipay' | 'wechat_pay', failFirst = false) {
    for (const outcome of failFirst ? ['fail', 'succeed'] : ['succeed']) {
      await page.getByTestId(`pay-${key}`).click();
      await page.getByRole('dialog').getByTestId('fee-breakdown').waitFor();
      await page.getByTestId('confirm-pay').click();
      await page.getByTestId('test-checkout').waitFor();
      await page.getByText('测试模式 · TEST MODE').waitFor();
      await page.getByTestId('fee-breakdown').waitFor();
      await page.getByTestId('test-checkout').getByText(METHOD_NAMES[method], { exact: true }).click();
      assert.equal(await page.getByTestId(`test-checkout-method-${method}`).isChecked(), true);
      if (key === 'deposit') await screenshot(page, 'payments-test-checkout');
      await page.getByTestId(outcome === 'fail' ? 'test-checkout-fail' : 'test-checkout-pay').click();
      await page.getByTestId('payments-panel').waitFor();
      await page.locator(`[data-testid="payment-status-${key}"][data-status="${outcome === 'fail' ? 'failed' : 'paid'}"]`).waitFor();
    }
  }

  async function journey(
    mode: Mode,
    terms: object,
    payments: [string, 'card' | 'alipay' | 'wechat_pay'][],
    opts: { failFirst?: string; then?: (buyer: Page, supplier: Page) => Promise<void> } = {},
  ) {
    const d = await dealFor(mode);
    await agree(stack.url, d, d.dealId, terms);
    const b = await openRoom(d.buyer.client, d.dealId);
    const s = await openRoom(d.supplier.client, d.dealId);
    try {
      await b.page.getByTestId('agreed-banner').waitFor();
      await signBoth([b.page, s.page]);
      await b.page.getByTestId('payments-panel').waitFor();
      const fees = await b.page.getByTestId('payments-panel').innerText();
      assert.match(fees, /待付款/);
      for (const [key, method] of payments) await pay(b.page, key, method, opts.failFirst === key);
      for (const p of [b.page, s.page]) await p.getByTestId('deal-status').filter({ hasText: '已完成' }).waitFor();
      await s.page.locator(`[data-testid="payment-status-${payments[0]![0]}"][data-status="paid"]`).waitFor();
      await s.page.getByTestId('chat').getByText('已收到付款', { exact: false }).first().waitFor();
      assert.equal(await b.page.locator('[data-testid^="pay-"]').count(), 0, 'nothing left to pay');
      await screenshot(b.page, `payments-${mode}-completed`);
      const audit = await d.buyer.client.request<{ items: { action: string; to: string | null }[] }>('GET', `/api/deals/${d.dealId}/audit`);
      assert.equal(audit.items.filter((a) => a.action === 'payment.succeeded').length, payments.length);
      assert.ok(audit.items.some((a) => a.action === 'deal.transitioned' && a.to === 'completed'));
      const contract = await d.buyer.client.request<{ hash: string }>('GET', `/api/deals/${d.dealId}/contract`);
      const list = await d.buyer.client.request<{ items: { contractHash: string | null }[] }>('GET', `/api/deals/${d.dealId}/payments`);
      assert.ok(list.items.every((i) => i.contractHash === contract.hash), 'items issued from the signed contract');
      await opts.then?.(b.page, s.page);
      assert.deepEqual([...b.errors, ...s.errors], []);
      return { ...d, buyerPage: b.page };
    } finally {
      await b.context.close();
      await s.context.close();
    }
  }

  it('licence: signed, the deposit, upfront fee and milestone paid (card, Alipay, WeChat Pay), completed', async () => {
    await journey(
      'license',
      { mode: 'license', exclusivity: 'exclusive', territory: '中国大陆', fieldOfUse: '固态电池', termYears: 5, upfrontFee: 600_000_00, royaltyRate: 3, milestones: [{ description: '首批量产', amount: 200_000_00, due: '2027-06-30' }] },
      [['deposit', 'card'], ['upfront', 'alipay'], ['milestone-1', 'wechat_pay']],
    );
  });

  it('transfer: signed, the deposit and both instalments paid (one after a failed attempt), completed', async () => {
    await journey(
      'transfer',
      { mode: 'transfer', price: 1_000_000_00, paymentSchedule: [{ description: '合同签订后', amount: 600_000_00, due: '2027-01-31' }, { description: '专利变更登记后', amount: 400_000_00, due: '2027-06-30' }] },
      [['deposit', 'alipay'], ['installment-1', 'card'], ['installment-2', 'wechat_pay']],
      {
        failFirst: 'installment-1',
        // The supplier's admin refunds the deposit in full; both sides see it refunded.
        then: async (buyer, supplier) => {
          assert.equal(await buyer.locator('[data-testid^="refund-"]').count(), 0, 'the buyer has no refund button');
          await supplier.getByTestId('refund-deposit').click();
          await supplier.getByRole('dialog').getByRole('button', { name: '退款' }).click();
          for (const p of [supplier, buyer]) await p.locator('[data-testid="payment-status-deposit"][data-status="refunded"]').waitFor();
          await buyer.getByTestId('chat').getByText('已退款', { exact: false }).first().waitFor();
        },
      },
    );
  });

  it('equity: cash payments composed in the offer form, signed, the deposit and cash payments paid, completed', async () => {
    const d = await dealFor('equity');
    const b = await openRoom(d.buyer.client, d.dealId);
    const s = await openRoom(d.supplier.client, d.dealId);
    try {
      await b.page.getByTestId('open-composer').click();
      const dialog = b.page.getByRole('dialog');
      await dialog.getByLabel('作价金额（万元）').fill('500');
      await dialog.getByLabel('股权比例（%）').fill('10');
      await dialog.getByLabel('合资公司名称').fill('苏州固态新能源有限公司');
      await dialog.getByLabel('归属期（月）').fill('36');
      await dialog.getByLabel('锁定期（月）').fill('12');
      for (const [n, desc, wan, due] of [[1, '设立出资', '30', '2027-03-31'], [2, '首年分红前', '20', '2027-12-31']] as const) {
        await dialog.getByRole('button', { name: '添加现金付款' }).click();
        await dialog.getByLabel(`第 ${n} 笔说明`).fill(desc);
        await dialog.getByLabel(`第 ${n} 笔金额（万元）`).fill(wan);
        await dialog.getByLabel(`第 ${n} 笔到期日`).fill(due);
        await dialog.getByLabel(`第 ${n} 笔到期日`).press('Enter');
      }
      await dialog.getByRole('button', { name: '发送报价' }).click();
      for (const p of [b.page, s.page]) await p.locator('[data-testid="current-offer"][data-version="1"]').waitFor();
      await s.page.getByRole('button', { name: '接受报价' }).click();
      await b.page.getByRole('button', { name: '接受报价' }).click();
      for (const p of [b.page, s.page]) await p.getByTestId('agreed-banner').waitFor();
      await signBoth([b.page, s.page]);
      await b.page.getByTestId('payment-cash-2').waitFor();
      for (const [key, method] of [['deposit', 'wechat_pay'], ['cash-1', 'card'], ['cash-2', 'alipay']] as const) await pay(b.page, key, method);
      for (const p of [b.page, s.page]) await p.getByTestId('deal-status').filter({ hasText: '已完成' }).waitFor();
      const items = await d.buyer.client.request<{ items: { key: string; amount: number; status: string }[] }>('GET', `/api/deals/${d.dealId}/payments`);
      assert.deepEqual(items.items.map((i) => [i.key, i.amount, i.status]), [['deposit', 5_000_000], ['cash-1', 25_000_000], ['cash-2', 20_000_000]].map(([k, a]) => [k, a, 'paid']));
      await screenshot(b.page, 'payments-equity-completed');
      assert.deepEqual([...b.errors, ...s.errors], []);
    } finally {
      await b.context.close();
      await s.context.close();
    }
  });
});
