import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newPage, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { licenceDeal } from './api';

/**
 * What one counter-offer costs each page in HTTP round trips (issue 10): the sender's command
 * travels over the room's socket and the counterpart's page is patched from the broadcast, so
 * neither page should re-read the deal or the offer history.
 */
describe('deal room traffic: HTTP round trips per counter-offer', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  /** Counts the page's HTTP requests from now on: the API's, and the socket's own long-polling ones apart. */
  function countRequests(page: Page) {
    const api: string[] = [];
    const socket: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/socket.io/')) socket.push(`${r.method()} ${url.pathname}`);
      else api.push(`${r.method()} ${url.pathname}`);
    });
    return { api, socket, reset: () => void (api.length = 0, socket.length = 0) };
  }

  it('a counter-offer costs the sender no HTTP round trip and the counterpart none: both pages patch from the socket', async () => {
    const { uni, ent, deal } = await licenceDeal(stack.url, ADMIN, {
      prefix: 'traffic',
      orgSuffix: stamp,
      uni: ['李教授', '流量测试大学'],
      ent: ['赵经理', '流量测试企业'],
      title: `固态电解质界面改性技术${stamp}`,
      summary: '一种提升固态电池界面稳定性的改性方法。',
      keyword: '固态电池',
      trl: 5,
    });

    const e = await newPage(browser);
    const u = await newPage(browser);
    try {
      await ent.client.shareSession(e.context);
      await uni.client.shareSession(u.context);
      const url = `${stack.url}/deals/${deal.id}`;
      await Promise.all([e.page.goto(url), u.page.goto(url)]);
      for (const p of [e.page, u.page]) await p.locator('[data-testid="connection"][data-state="connected"]').waitFor();
      const eReq = countRequests(e.page);
      const uReq = countRequests(u.page);

      /** Sends an offer from `from`'s composer with this upfront fee and waits until both pages show it (current offer and history). */
      async function offer(from: Page, feeWan: string, version: number) {
        await from.getByTestId('open-composer').click();
        const dialog = from.getByRole('dialog');
        await dialog.getByLabel('使用领域').fill('固态电池');
        await dialog.getByLabel('入门费（万元）').fill(feeWan);
        await dialog.getByRole('button', { name: '发送报价' }).click();
        for (const p of [e.page, u.page]) {
          await p.locator(`[data-testid="current-offer"][data-version="${version}"]`).waitFor();
          await p.getByTestId(`offer-v${version}`).waitFor();
        }
        await dialog.waitFor({ state: 'hidden' });
        // Anything a page would fetch because of the offer has been asked for by now.
        await new Promise((r) => setTimeout(r, 1000));
      }

      // The buyer's first offer (not counted), then the supplier's counter-offer (counted).
      await offer(e.page, '60', 1);
      eReq.reset();
      uReq.reset();
      await offer(u.page, '75', 2);

      // The counterpart's history shows the new version with its difference, patched from the broadcast.
      const diffRows = e.page.getByTestId('offer-v2').getByTestId('diff-row');
      await diffRows.first().waitFor();
      assert.match((await diffRows.allInnerTexts()).join('\n'), /入门费\s*60 万元\s*75 万元/);

      const figures = {
        sender_http: uReq.api.length,
        counterpart_http: eReq.api.length,
        sender_socket_polling: uReq.socket.length,
        counterpart_socket_polling: eReq.socket.length,
      };
      process.stdout.write(`      counter-offer HTTP round trips: ${JSON.stringify(figures)} sender=[${uReq.api.join(', ')}] counterpart=[${eReq.api.join(', ')}]\n`);
      assert.ok(figures.sender_http <= 1, `the sender made ${figures.sender_http} HTTP requests: ${uReq.api.join(', ')}`);
      assert.equal(figures.counterpart_http, 0, `the counterpart made HTTP requests: ${eReq.api.join(', ')}`);
      assert.deepEqual([...e.errors, ...u.errors], []);
    } finally {
      await e.context.close();
      await u.context.close();
    }
  });
});
