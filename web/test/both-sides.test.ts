import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { registerVerified, type Registered } from './api';

// Issue 17 items 2 and 3 in Chromium: a university answers a demand from its page (interest with
// an achievement and a message, then a deal), the enterprise answers it; the broker's match list
// is paged by the server; the full notifications page (paged, mark read) and the enterprise's
// 「开始洽谈」 on a received interest that offers an achievement, in English at 390 px.
describe('both sides act, lists page (issue 17) in Chromium', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  async function publishAchievement(uni: Registered, title: string) {
    const a = await uni.client.request<{ id: string; version: number }>('POST', '/api/achievements', {
      title: { zh: title, en: '' },
      summary: { zh: '电解法压载水处理，满足 IMO D-2 标准，已在 3 艘散货船上应用。', en: '' },
      field: 'marine',
      keywords: ['压载水', '电解'],
      trl: 7,
      ipType: 'invention-patent',
      modes: [{ mode: 'license', askingPrice: 80_000_000 }, { mode: 'transfer', askingPrice: 120_000_000 }],
      region: '370000',
    });
    await uni.client.request('POST', `/api/achievements/${a.id}/publish`, { version: a.version });
    return a.id;
  }

  async function publishDemand(ent: Registered, title: string, over: Record<string, unknown> = {}) {
    const d = await ent.client.request<{ id: string; version: number }>('POST', '/api/demands', {
      title: { zh: title, en: '' },
      description: { zh: '寻求满足 IMO D-2 标准的压载水处理技术，用于新造散货船。', en: '' },
      field: 'marine',
      keywords: ['压载水'],
      budgetMin: 50_000_000,
      budgetMax: 200_000_000,
      modes: ['license', 'transfer'],
      region: '370000',
      ...over,
    });
    await ent.client.request('POST', `/api/demands/${d.id}/publish`, { version: d.version });
    return d.id;
  }

  it('a university shows interest in a demand with its achievement and a message, the enterprise answers, the university opens a deal', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('bs-u'), name: '孙教授', kind: 'university', orgName: `海洋大学${stamp}`, region: '370000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('bs-e'), name: '钱总', kind: 'enterprise', orgName: `青岛船舶${stamp}`, region: '370000' });
    const achTitle = `压载水电解处理装置${stamp}`;
    await publishAchievement(uni, achTitle);
    const demandId = await publishDemand(ent, `压载水处理国产化需求${stamp}`);
    const anonymousId = await publishDemand(ent, `匿名的压载水需求${stamp}`, { anonymous: true });

    const u = await newPage(browser);
    const e = await newPage(browser);
    try {
      await uni.client.shareSession(u.context);
      await u.page.goto(`${stack.url}/demands/${demandId}`);
      await u.page.getByTestId('demand-interest').click();
      const dialog = u.page.getByRole('dialog', { name: '向需方表达合作意向' });
      await dialog.getByRole('combobox', { name: '附上成果（可选）' }).click();
      await u.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: achTitle }).click();
      await dialog.getByRole('textbox', { name: '留言' }).fill('我们的装置已在散货船上应用，欢迎交流');
      await dialog.getByRole('button', { name: '发送' }).click();
      await u.page.getByText('已发送意向，需方会收到通知').waitFor();
      await screenshot(u.page, 'demand-interest-sent');

      // the enterprise reads it among the interests in its demands, with the message, and answers
      await ent.client.shareSession(e.context);
      await e.page.goto(`${stack.url}/matches?tab=received&about=demands`);
      const item = e.page.getByTestId('demand-interest-item').filter({ hasText: `压载水处理国产化需求${stamp}` });
      await item.waitFor();
      const text = await item.innerText();
      assert.match(text, new RegExp(`海洋大学${stamp}`));
      assert.match(text, new RegExp(achTitle));
      assert.match(text, /我们的装置已在散货船上应用/);
      await item.getByRole('button', { name: '回复' }).click();
      await e.page.getByRole('textbox', { name: '回复内容' }).fill('欢迎下周来厂参观');
      await e.page.getByRole('dialog').getByRole('button', { name: '发送' }).click();
      await item.getByText('已回复').waitFor();
      assert.match(await item.innerText(), new RegExp(achTitle), 'the answered interest keeps its achievement');
      // its notification is a sentence with the message
      await e.page.getByTestId('bell').click();
      await e.page.getByTestId('bell-panel').getByText(new RegExp(`海洋大学${stamp}对您的需求感兴趣`)).first().waitFor();
      await screenshot(e.page, 'demand-interest-answered');

      // the university sees the answer, then opens a deal from the demand page
      await u.page.goto(`${stack.url}/matches?tab=sent&about=demands`);
      const sent = u.page.getByTestId('demand-interest-item').filter({ hasText: `压载水处理国产化需求${stamp}` });
      await sent.getByText('欢迎下周来厂参观').waitFor();
      await u.page.goto(`${stack.url}/demands/${demandId}`);
      await u.page.getByTestId('supplier-deal').click();
      const deal = u.page.getByRole('dialog', { name: '发起洽谈' });
      await deal.getByRole('combobox', { name: '洽谈的成果' }).click();
      await u.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: achTitle }).click();
      await deal.getByRole('radio', { name: '转让' }).check();
      await deal.getByRole('button', { name: '进入洽谈室' }).click();
      await u.page.waitForURL(/\/deals\/[0-9a-f]{24}$/);
      const dealId = u.page.url().split('/').pop()!;
      const view = await ent.client.request<{ buyer: { id: string }; supplier: { id: string }; mode: string }>('GET', `/api/deals/${dealId}`);
      assert.equal(view.buyer.id, ent.org.id);
      assert.equal(view.supplier.id, uni.org.id);
      assert.equal(view.mode, 'transfer');

      // an anonymous demand: interest yes, a deal only once the enterprise reveals itself
      await u.page.goto(`${stack.url}/demands/${anonymousId}`);
      await u.page.getByTestId('anonymous-deal-note').waitFor();
      assert.equal(await u.page.getByTestId('supplier-deal').count(), 0);
      assert.equal(await u.page.getByTestId('demand-interest').count(), 1);
      assert.ok(!(await u.page.content()).includes(`青岛船舶${stamp}`), 'the anonymous demand does not name its enterprise');

      // the wrong side: an enterprise on another enterprise's demand gets no supplier actions
      const other = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('bs-o'), name: '赵总', kind: 'enterprise', orgName: `另一企业${stamp}`, region: '370000' });
      const o = await newPage(browser);
      try {
        await other.client.shareSession(o.context);
        await o.page.goto(`${stack.url}/demands/${demandId}`);
        await o.page.getByRole('heading', { level: 1, name: `压载水处理国产化需求${stamp}` }).waitFor();
        assert.equal(await o.page.getByTestId('demand-interest').count(), 0);
        assert.equal(await o.page.getByTestId('supplier-deal').count(), 0);
      } finally {
        await o.context.close();
      }
      assert.deepEqual([...u.errors, ...e.errors], []);
    } finally {
      await u.context.close();
      await e.context.close();
    }
  });

  it("pages the broker's match list on the server: 10 a page, a pager, the next page's matches", async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('pg-u'), name: '吴教授', kind: 'university', orgName: `分页大学${stamp}`, region: '370000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('pg-e'), name: '郑总', kind: 'enterprise', orgName: `分页企业${stamp}`, region: '370000' });
    const broker = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('pg-b'), name: '王经纪', kind: 'agency', orgName: `分页转移中心${stamp}`, region: '370000' });
    const achievementId = await publishAchievement(uni, `分页测试成果${stamp}`);
    await broker.client.request('POST', '/api/brokers/portfolio', { orgId: uni.org.id });
    await uni.client.request('POST', `/api/orgs/${uni.org.id}/agencies/${broker.org.id}/accept`);
    const titles: string[] = [];
    for (let i = 1; i <= 13; i++) {
      const title = `分页需求${String(i).padStart(2, '0')}-${stamp}`;
      const demandId = await publishDemand(ent, title);
      await broker.client.request('POST', '/api/brokers/matches', { demandId, achievementId, note: `第 ${i} 条推荐` });
      titles.push(title);
    }
    const total = (await broker.client.request<{ total: number }>('GET', '/api/brokers/matches?pageSize=1')).total;
    assert.ok(total >= 13 && total <= 20, `total ${total}`);

    const { context, page, errors } = await newPage(browser);
    try {
      await broker.client.shareSession(context);
      await page.goto(`${stack.url}/broker`);
      await page.getByRole('tab', { name: '匹配管理' }).click();
      const cards = page.getByTestId('match-card');
      await cards.first().waitFor();
      assert.equal(await cards.count(), 10, 'ten on the first page');
      const pager = page.locator('.tb-pager');
      await pager.getByText(`共 ${total} 条匹配`).waitFor();
      const first = await cards.allInnerTexts();
      await pager.getByTitle('2', { exact: true }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="match-card"]').length === n, total - 10);
      const second = await cards.allInnerTexts();
      for (const t of second) assert.ok(!first.includes(t), 'page 2 shows other matches');
      const shown = [...first, ...second].join('\n');
      assert.ok(!shown.includes('broker'), "a broker's reason is named in Chinese, not by its code");
      for (const t of titles) assert.ok(shown.includes(t), `${t} is on one of the two pages`);
      await screenshot(page, 'broker-matches-page-2');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('in English at 390 px: the notifications page (paged, mark one and all read) from the bell, and the enterprise opens a deal from an interest that offers an achievement', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('nt-u'), name: '周教授', kind: 'university', orgName: `通知大学${stamp}`, region: '370000' });
    const bare = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('nt-i'), name: '冯研究员', kind: 'institute', orgName: `无成果研究所${stamp}`, region: '370000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('nt-e'), name: '陈总', kind: 'enterprise', orgName: `通知企业${stamp}`, region: '370000' });
    await ent.client.request('PATCH', '/api/me', { locale: 'en' });
    const achTitle = `通知页压载水装置${stamp}`;
    const achievementId = await publishAchievement(uni, achTitle);
    // 22 demands, each answered by the university, one also by the institute: 23 notifications for the
    // enterprise, with its verification's 24 (more than a page of 20). Equity only within 1 元: no achievement passes the matcher's constraints, so no match
    // notification arrives while the page is read.
    const demands: string[] = [];
    for (let i = 0; i < 22; i++)
      demands.push(await publishDemand(ent, `通知页需求${i}-${stamp}`, { modes: ['equity'], budgetMin: 100, budgetMax: 100, keywords: [`通知页${stamp}`] }));
    for (const demandId of demands.slice(1))
      await uni.client.request('POST', '/api/demand-interests', { demandId, message: '可以交流' });
    await uni.client.request('POST', '/api/demand-interests', { demandId: demands[0], achievementId, message: '附上我们的成果' });
    await bare.client.request('POST', '/api/demand-interests', { demandId: demands[0], message: '没有成果，只想交流' });
    type NoteList = { items: { id: string; read: boolean }[]; total: number; unread: number };
    // the notifications are effects run after each answer: wait until the last one is stored
    let before = await ent.client.request<NoteList>('GET', '/api/notifications?pageSize=1');
    for (let i = 0; i < 100 && before.total < 24; i++) {
      await new Promise((r) => setTimeout(r, 100));
      before = await ent.client.request<NoteList>('GET', '/api/notifications?pageSize=1');
    }
    assert.deepEqual([before.total, before.unread], [24, 24], 'one notification per interest and the verification, all unread');

    const { context, page, errors } = await newPage(browser, { lang: 'en', width: 390, height: 844 });
    try {
      await context.addInitScript(() => localStorage.setItem('tb.lang', 'en'));
      await ent.client.shareSession(context);
      await page.goto(`${stack.url}/matches?tab=received&about=demands`);
      // the bell keeps its latest 10 and leads to all of them
      await page.getByTestId('bell').click();
      const panel = page.getByTestId('bell-panel');
      await panel.locator('.tb-note').first().waitFor();
      assert.equal(await panel.locator('.tb-note').count(), 10, 'the bell lists the latest 10');
      await panel.getByRole('button', { name: 'View all notifications' }).click();
      await page.waitForURL(`${stack.url}/notifications`);
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.waitForFunction(() => document.title === 'Notifications · 技术桥 TechBridge');
      const summary = page.getByTestId('notes-summary');
      await summary.getByText(`${before.total} in all, ${before.total} unread`).waitFor();
      const rows = page.getByTestId('note-row');
      assert.equal(await rows.count(), 20, 'a page of 20');
      assert.match(await rows.first().innerText(), new RegExp(`无成果研究所${stamp}`), 'newest first, as a sentence naming the supplier');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0, 'no horizontal overflow at 390 px');
      await screenshot(page, 'notifications-en-390');
      // the second page holds the rest, none of the first
      const firstPage = await rows.allInnerTexts();
      await page.locator('.ant-pagination').getByTitle('2').click();
      await page.waitForURL(/\/notifications\?page=2$/);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="note-row"]').length === n, before.total - 20);
      assert.ok((await rows.allInnerTexts()).every((t) => !firstPage.includes(t)), 'page 2 shows other notifications');

      // mark one read: the count follows, on the server too
      await rows.first().getByRole('button', { name: 'Mark as read' }).click();
      await summary.getByText(`${before.total} in all, ${before.total - 1} unread`).waitFor();
      assert.equal(await rows.first().getByRole('button', { name: 'Mark as read' }).count(), 0);
      assert.equal((await ent.client.request<NoteList>('GET', '/api/notifications?pageSize=1')).unread, before.total - 1);
      // the unread filter, then mark all read
      await page.getByText('Unread', { exact: true }).click();
      await page.waitForURL(/\/notifications\?unread=true$/);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="note-row"]').length === n, 20);
      await page.getByTestId('notes-read-all').click();
      await page.getByText('No unread notifications').waitFor();
      await summary.getByText('0 unread', { exact: true }).waitFor();
      assert.equal((await ent.client.request<NoteList>('GET', '/api/notifications?pageSize=1')).unread, 0);
      await page.getByRole('button', { name: /^Notifications, 0 unread/ }).waitFor(); // the bell follows over the socket

      // 「开始洽谈」 on the received interest that offers an achievement; none on the one without
      await page.goto(`${stack.url}/matches?tab=received&about=demands`);
      const items = page.getByTestId('demand-interest-item').filter({ hasText: `通知页需求0-${stamp}` });
      const withAch = items.filter({ hasText: achTitle });
      const without = items.filter({ hasText: `无成果研究所${stamp}` });
      await withAch.waitFor();
      await without.waitFor();
      assert.equal(await without.getByRole('button', { name: 'Start negotiating' }).count(), 0, 'no deal button without an achievement');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0, 'no horizontal overflow at 390 px (interests)');
      await withAch.getByRole('button', { name: 'Start negotiating' }).click();
      const dialog = page.getByRole('dialog', { name: 'Start a negotiation' });
      await dialog.getByText(`Achievement to negotiate: ${achTitle}`).waitFor();
      await screenshot(page, 'interest-start-deal-en-390');
      await dialog.getByRole('button', { name: 'Open the room' }).click();
      await page.waitForURL(/\/deals\/[0-9a-f]{24}$/);
      const dealId = page.url().split('/').pop()!;
      const view = await uni.client.request<{ buyer: { id: string }; supplier: { id: string }; mode: string; achievement: { id: string } }>('GET', `/api/deals/${dealId}`);
      assert.deepEqual([view.buyer.id, view.supplier.id, view.mode, view.achievement.id], [ent.org.id, uni.org.id, 'license', achievementId]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
