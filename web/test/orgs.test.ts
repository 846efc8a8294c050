import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { withCreditCheck } from '@techbridge/api/orgs/credit-code';
import { newPage, screenshot, uniqueEmail, type Stack } from './harness';
import { ADMIN, sharedBrowser, sharedStack } from './stack';
import { ApiClient, registerVerified } from './api';
import { choose, logIn } from './flows';

// Runs in the page as a string: the test runner's transpiler would wrap named functions in a helper
// the page does not have.
const CONTRASTS = `(selector) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lin = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); };
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)]
    .filter((e) => e.offsetParent !== null && (e.textContent || '').trim())
    .map((e) => {
      const fg = rgb(getComputedStyle(e).color);
      const alpha = fg.length === 4 ? fg[3] : 1;
      const bg = background(e);
      const mixed = [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha));
      const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
      return { text: (e.textContent || '').trim().slice(0, 30), ratio: (a + 0.05) / (b + 0.05) };
    });
}`;

/** The contrast ratio (WCAG 2) of each visible element's text against the first opaque background behind it. */
function contrasts(page: Page, selector: string): Promise<{ text: string; ratio: number }[]> {
  return page.evaluate(`(${CONTRASTS})(${JSON.stringify(selector)})`);
}

describe('organisations in Chromium: verification, attachments, directory, titles, contrast', function () {
  let stack: Stack;
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const dir = mkdtempSync(join(tmpdir(), 'tb-files-'));
  const licence = join(dir, '营业执照.pdf');
  writeFileSync(licence, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x20)]));
  const fake = join(dir, 'report.pdf');
  writeFileSync(fake, '<html><body><script>alert(1)</script></body></html>');

  before(async function () {
    this.timeout(600_000);
    stack = await sharedStack();
    browser = await sharedBrowser();
  });

  /** A page as newPage gives it, with room for a loaded machine (these journeys load several lazy pages). */
  const open = async (...args: Parameters<typeof newPage>) => {
    const p = await newPage(...args);
    p.page.setDefaultTimeout(40_000);
    return p;
  };

  it('signs up with a checked credit code; the admin sees the submission and rejects with a reason; the org resubmits and is approved', async () => {
    const email = uniqueEmail('verify');
    const orgName = `认证测试大学${stamp}`;
    const good = withCreditCheck('12310000MB0A1B2C3');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const org = await open(browser);
    const adm = await open(browser);
    try {
      const p = org.page;
      await p.goto(`${stack.url}/signup`);
      await p.locator('label.ant-radio-button-wrapper').filter({ hasText: '高校' }).click();
      await p.getByLabel('机构中文名称').fill(orgName);
      await choose(p, '所在地区', '上海');
      await p.getByLabel('统一社会信用代码').fill(bad);
      await p.getByLabel('联系电话').fill('021-6543 2100');
      await p.getByLabel('姓名').fill('钱老师');
      await p.getByLabel('邮箱').fill(email);
      await p.getByLabel('密码', { exact: true }).fill('verify-password-1');
      await p.getByLabel('确认密码').fill('verify-password-1');
      await p.getByRole('button', { name: '注册', exact: true }).click();
      await p.locator('.ant-form-item').filter({ has: p.getByLabel('统一社会信用代码') }).getByText('校验位不正确（GB 32100），请核对').waitFor();
      await p.getByLabel('统一社会信用代码').fill(good.toLowerCase());
      await p.getByRole('button', { name: '注册', exact: true }).click();
      await p.getByTestId('check-email').waitFor();
      await p.getByTestId('dev-outbox-link').click();
      await p.getByRole('link', { name: `打开邮件中的链接: ${email}` }).first().click();
      await p.getByRole('button', { name: '验证并登录' }).click();
      await p.waitForURL('**/welcome');

      // the banner leads the org admin to the verification page: upload the licence
      await p.getByTestId('unverified-banner').getByRole('link', { name: '去完善认证资料' }).click();
      await p.waitForURL('**/org/verification');
      await p.waitForFunction(() => document.title === '机构认证 · 技术桥 TechBridge');
      await p.getByTestId('attachment-input-org-licence').setInputFiles(licence);
      await p.getByTestId('attachments-org-licence').getByText('营业执照.pdf').waitFor();

      // the platform admin sees the credit code, the contact and the licence, and rejects with a reason
      await logIn(adm.page, stack.url, ADMIN.email, ADMIN.password);
      await adm.page.goto(`${stack.url}/admin/orgs`);
      const row = adm.page.locator('tr').filter({ hasText: orgName });
      await row.getByText(good).waitFor();
      await row.getByText('钱老师 · 021-6543 2100').waitFor();
      const href = await row.getByTestId('licence-link').getAttribute('href');
      const file = await adm.page.request.get(stack.url + href!);
      assert.equal(file.status(), 200);
      assert.match(file.headers()['content-disposition']!, /^attachment;/);
      assert.equal(file.headers()['x-content-type-options'], 'nosniff');
      await row.getByRole('button', { name: `驳回：${orgName}` }).click();
      const modal = adm.page.getByRole('dialog');
      assert.ok(await modal.getByRole('button', { name: '驳回' }).isDisabled(), 'no rejection without a reason');
      await modal.getByLabel('驳回原因').fill('营业执照照片不清晰，请重新上传');
      await modal.getByRole('button', { name: '驳回' }).click();
      await adm.page.getByText(`已驳回：${orgName}`).waitFor();
      await screenshot(adm.page, 'admin-verification-queue');

      // the organisation is told: a notification and the reason on its verification page
      await p.reload();
      await p.getByTestId('rejection-reason').getByText('原因：营业执照照片不清晰，请重新上传。请修改后重新提交。').waitFor();
      const mail = await new ApiClient(stack.url).request<{ items: { kind: string; subject: { zh: string } }[] }>('GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
      assert.ok(mail.items.some((m) => m.kind === 'org-rejected' && m.subject.zh.includes('未通过')));
      await p.getByLabel('联系人姓名').fill('钱老师');
      await p.getByRole('button', { name: '提交审核' }).click();
      await p.getByTestId('verification-status').getByText('待审核').waitFor();

      // resubmitted: back in the queue, approved
      await adm.page.reload();
      await adm.page.getByRole('button', { name: `通过认证：${orgName}` }).click();
      await adm.page.getByText(`已认证：${orgName}`).waitFor();
      await p.reload();
      await p.getByTestId('verification-status').getByText('已认证').waitFor();
      assert.deepEqual([...org.errors, ...adm.errors], []);
    } finally {
      await org.context.close();
      await adm.context.close();
    }
  });

  it('attaches files to an achievement: the owner uploads, a bad file is refused, a visitor sees them locked until the NDA', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('files-u'), name: '孙教授', kind: 'university', orgName: `附件测试大学${stamp}`, region: '310000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('files-e'), name: '赵总', kind: 'enterprise', orgName: `附件测试企业${stamp}`, region: '320000' });
    const ach = await uni.client.request<{ id: string }>('POST', '/api/achievements', {
      title: { zh: `固态电解质薄膜${stamp}`, en: '' },
      summary: { zh: '一种高离子电导率的固态电解质薄膜。', en: '' },
      field: 'energy-storage',
      keywords: ['固态电池'],
      trl: 5,
      ipType: 'invention-patent',
      modes: [{ mode: 'license', askingPrice: 30_000_000, minRoyaltyRate: 3, exclusivity: ['non-exclusive'] }],
      region: '310000',
    });
    await uni.client.request('POST', `/api/achievements/${ach.id}/publish`, {});
    const owner = await open(browser);
    const buyer = await open(browser, { width: 390, height: 844 });
    try {
      await uni.client.shareSession(owner.context);
      await owner.page.goto(`${stack.url}/achievements/${ach.id}`);
      const box = owner.page.getByTestId('attachments-achievement');
      await box.getByText('暂无附件').waitFor();
      await owner.page.waitForFunction((t) => document.title === t, `固态电解质薄膜${stamp} · 技术桥 TechBridge`);
      await owner.page.getByTestId('attachment-input-achievement').setInputFiles(fake);
      await owner.page.getByText('不支持的文件类型：只接受内容与扩展名一致的 PDF、PNG、JPG、Word、Excel、PowerPoint 文件。').waitFor();
      await owner.page.getByTestId('attachment-input-achievement').setInputFiles(licence);
      await box.getByRole('link', { name: /营业执照\.pdf/ }).waitFor();

      await ent.client.shareSession(buyer.context);
      await buyer.page.goto(`${stack.url}/achievements/${ach.id}`);
      await buyer.page.getByTestId('attachments-locked').getByText('本成果有 1 个附件，签署保密协议后可下载。').waitFor();
      await buyer.page.getByRole('checkbox').check();
      await buyer.page.getByRole('button', { name: '签署并查看资料' }).click();
      const link = buyer.page.getByTestId('attachments-achievement').getByRole('link', { name: /营业执照\.pdf/ });
      await link.waitFor();
      const res = await buyer.page.request.get(stack.url + (await link.getAttribute('href'))!);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-disposition']!, /^attachment;/);
      await screenshot(buyer.page, 'achievement-attachments-390');
      assert.deepEqual([...owner.errors, ...buyer.errors], []);
    } finally {
      await owner.context.close();
      await buyer.context.close();
    }
  });

  it("shares files in a deal room between its two parties; an outsider cannot download them", async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('room-u'), name: '郑教授', kind: 'university', orgName: `洽谈附件大学${stamp}`, region: '310000' });
    const ent = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('room-e'), name: '冯总', kind: 'enterprise', orgName: `洽谈附件企业${stamp}`, region: '320000' });
    const ach = await uni.client.request<{ id: string }>('POST', '/api/achievements', {
      title: { zh: `钠离子电池负极${stamp}`, en: '' },
      summary: { zh: '一种硬碳负极材料。', en: '' },
      field: 'energy-storage',
      keywords: ['钠电池'],
      trl: 6,
      ipType: 'invention-patent',
      modes: [{ mode: 'license', askingPrice: 40_000_000, minRoyaltyRate: 3, exclusivity: ['non-exclusive'] }],
      region: '310000',
    });
    await uni.client.request('POST', `/api/achievements/${ach.id}/publish`, {});
    const deal = await ent.client.request<{ id: string }>('POST', '/api/deals', { achievementId: ach.id, mode: 'license' });
    const e = await open(browser);
    const u = await open(browser);
    try {
      await ent.client.shareSession(e.context);
      await uni.client.shareSession(u.context);
      await e.page.goto(`${stack.url}/deals/${deal.id}`);
      await e.page.getByTestId('attachments-deal').getByText('暂无附件').waitFor();
      await e.page.getByTestId('attachment-input-deal').setInputFiles(licence);
      await e.page.getByTestId('attachments-deal').getByRole('link', { name: /营业执照\.pdf/ }).waitFor();
      await u.page.goto(`${stack.url}/deals/${deal.id}`);
      const link = u.page.getByTestId('attachments-deal').getByRole('link', { name: /营业执照\.pdf/ });
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      assert.equal((await u.page.request.get(stack.url + href)).status(), 200);
      const outsider = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('room-x'), name: '外人', kind: 'enterprise', orgName: `无关企业${stamp}`, region: '330000' });
      const x = await open(browser);
      try {
        await outsider.client.shareSession(x.context);
        assert.equal((await x.page.request.get(stack.url + href)).status(), 404);
      } finally {
        await x.context.close();
      }
      assert.deepEqual([...e.errors, ...u.errors], []);
    } finally {
      await e.context.close();
      await u.context.close();
    }
  });

  it('finds organisations in the directory by name, kind and region; a profile shows the badge and its listings, titled in zh and en', async () => {
    const uni = await registerVerified(stack.url, ADMIN, { email: uniqueEmail('dir-u'), name: '吴教授', kind: 'university', orgName: `名录光电大学${stamp}`, region: '420000' });
    const ach = await uni.client.request<{ id: string }>('POST', '/api/achievements', {
      title: { zh: `硅光调制器${stamp}`, en: '' },
      summary: { zh: '一种低功耗硅光调制器。', en: '' },
      field: 'semiconductor',
      keywords: ['硅光'],
      trl: 5,
      ipType: 'invention-patent',
      modes: [{ mode: 'transfer', askingPrice: 80_000_000 }],
      region: '420000',
    });
    await uni.client.request('POST', `/api/achievements/${ach.id}/publish`, {});
    const { context, page, errors } = await open(browser, { width: 390, height: 844 });
    try {
      await page.goto(`${stack.url}/orgs?q=${encodeURIComponent(`名录光电大学${stamp}`)}`);
      await page.waitForFunction(() => document.title === '机构名录 · 技术桥 TechBridge');
      await page.getByTestId('directory-total').getByText('共 1 家机构').waitFor();
      await page.goto(`${stack.url}/orgs?kind=enterprise&q=${encodeURIComponent(`名录光电大学${stamp}`)}`);
      await page.getByTestId('directory-total').getByText('共 0 家机构').waitFor();
      await page.goto(`${stack.url}/orgs?kind=university&region=420000&q=${encodeURIComponent(stamp)}`);
      await page.getByRole('link', { name: new RegExp(`名录光电大学${stamp}`) }).click();
      await page.waitForURL(`**/orgs/${uni.org.id}`);
      await page.getByTestId('org-verified').waitFor();
      await page.getByTestId('profile-achievements').getByRole('link', { name: `硅光调制器${stamp}` }).waitFor();
      await page.waitForFunction((t) => document.title === t, `名录光电大学${stamp} · 技术桥 TechBridge`);
      await screenshot(page, 'org-profile-390');
      await page.evaluate(() => localStorage.setItem('tb.lang', 'en'));
      await page.reload();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.goto(`${stack.url}/orgs`);
      await page.waitForFunction(() => document.title === 'Organisations · 技术桥 TechBridge');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('keeps facet counts, the footer and secondary text at a contrast of at least 4.5:1', async () => {
    const { context, page } = await open(browser);
    try {
      await page.goto(`${stack.url}/`);
      await page.locator('.tb-facet-count').first().waitFor();
      const checked = [
        ...(await contrasts(page, '.tb-facet-count')),
        ...(await contrasts(page, '.tb-footer, .tb-footer div')),
        ...(await contrasts(page, '.ant-typography-secondary, .tb-listing-meta, .tb-price-label, .tb-price-neg')),
      ];
      await page.goto(`${stack.url}/orgs`);
      await page.locator('.tb-secondary').first().waitFor();
      checked.push(...(await contrasts(page, '.tb-secondary, .tb-count, .ant-typography-secondary')));
      assert.ok(checked.length >= 5, `measured ${checked.length} elements`);
      const low = checked.filter((c) => c.ratio < 4.5);
      assert.deepEqual(low, []);
    } finally {
      await context.close();
    }
  });
});
