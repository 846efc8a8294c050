// Page-level steps shared by the browser tests: they drive the UI the way a person does, by
// accessible names, so a missing label fails a test.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { randomCreditCode } from '@techbridge/api/orgs/credit-code';

export interface NewOrgUser {
  kind: '高校' | '科研院所' | '企业' | '技术转移机构';
  orgName: string;
  region: string;
  name: string;
  email: string;
  password: string;
}

/** Picks an option of an antd Select found by its label. */
export async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  if (await box.isEditable()) await box.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Registers a new organisation and its first user through /signup (Chinese UI). */
export async function signUpOrg(page: Page, base: string, u: NewOrgUser): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.locator('label.ant-radio-button-wrapper').filter({ hasText: u.kind }).click();
  await page.getByLabel('机构中文名称').fill(u.orgName);
  await choose(page, '所在地区', u.region);
  await page.getByLabel('统一社会信用代码').fill(randomCreditCode());
  await page.getByLabel('姓名').fill(u.name);
  await page.getByLabel('邮箱').fill(u.email);
  await page.getByLabel('密码', { exact: true }).fill(u.password);
  await page.getByLabel('确认密码').fill(u.password);
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await confirmEmail(page, u.email);
}

/** From the sign-up page's "check your email": opens the development outbox and follows the emailed link. */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.getByTestId('check-email').waitFor();
  await page.getByTestId('dev-outbox-link').click();
  await page.getByRole('link', { name: `打开邮件中的链接: ${email}` }).first().click();
  await page.waitForURL('**/verify-email?token=*');
  await page.getByRole('button', { name: '验证并登录' }).click();
  await page.waitForURL('**/welcome');
}

/** Logs in through /login. */
export async function logIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** The platform admin verifies an organisation from the queue. */
export async function verifyOrg(adminPage: Page, base: string, orgName: string): Promise<void> {
  await adminPage.goto(`${base}/admin/orgs`);
  const button = adminPage.getByRole('button', { name: `通过认证：${orgName}` });
  await button.click();
  await adminPage.getByText(`已认证：${orgName}`).waitFor();
  assert.equal(await adminPage.getByRole('button', { name: `通过认证：${orgName}` }).count(), 0);
}

export interface NewAchievement {
  title: string;
  summary: string;
  field: string;
  trl: number;
  ipType: string;
  region: string;
  keywords: string[];
  patent: { number: string; title: string; status: '申请中' | '已授权' };
  licenseFeeWan: number;
  royaltyPct: number;
  transferPriceWan: number;
  details: string;
}

/** Posts an achievement through the four-step editor and publishes it; returns its id. */
export async function postAchievement(page: Page, base: string, a: NewAchievement): Promise<string> {
  await page.goto(`${base}/achievements/new`);
  await page.getByLabel('中文标题').fill(a.title);
  await page.getByLabel('中文摘要').fill(a.summary);
  await choose(page, '技术领域', a.field);
  await choose(page, '技术成熟度（TRL）', `TRL ${a.trl}`);
  await choose(page, '知识产权类型', a.ipType);
  await choose(page, '所在地区', a.region);
  const kw = page.getByRole('combobox', { name: '关键词' });
  for (const k of a.keywords) {
    await kw.fill(k);
    await kw.press('Enter');
  }
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '添加专利' }).click();
  await page.getByLabel('专利号').fill(a.patent.number);
  await page.getByLabel('专利名称').fill(a.patent.title);
  await choose(page, '法律状态', a.patent.status);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('checkbox', { name: '转让' }).check();
  await page.getByLabel('入门费（万元）').fill(String(a.licenseFeeWan));
  await page.getByLabel('最低提成比例').fill(String(a.royaltyPct));
  await page.getByLabel('转让价格（万元）').fill(String(a.transferPriceWan));
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('保密技术资料（中文）').fill(a.details);
  await page.getByRole('button', { name: '保存并发布' }).click();
  await page.waitForURL(/\/achievements\/[0-9a-f]{24}$/);
  return page.url().split('/').pop()!;
}

export interface NewDemand {
  title: string;
  description: string;
  field: string;
  region: string;
  budgetMinWan: number;
  budgetMaxWan: number;
  minTrl: number;
  keywords: string[];
  anonymous?: boolean;
}

/** Posts a demand and publishes it; returns its id. */
export async function postDemand(page: Page, base: string, d: NewDemand): Promise<string> {
  await page.goto(`${base}/demands/new`);
  await page.getByLabel('中文标题').fill(d.title);
  await page.getByLabel('中文描述').fill(d.description);
  await choose(page, '技术领域', d.field);
  await choose(page, '所在地区', d.region);
  await page.getByLabel('最低预算（万元）').fill(String(d.budgetMinWan));
  await page.getByLabel('最高预算（万元）').fill(String(d.budgetMaxWan));
  await choose(page, '最低技术成熟度', `TRL ${d.minTrl}`);
  const kw = page.getByRole('combobox', { name: '关键词' });
  for (const k of d.keywords) {
    await kw.fill(k);
    await kw.press('Enter');
  }
  if (d.anonymous) await page.getByRole('switch', { name: '匿名发布' }).click();
  await page.getByRole('button', { name: '保存并发布' }).click();
  await page.waitForURL(/\/demands\/[0-9a-f]{24}$/);
  return page.url().split('/').pop()!;
}
