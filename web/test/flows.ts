// Page-level steps shared by the browser tests: they drive the UI the way a person does, by
// accessible names, so a missing label fails a test.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

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
  await box.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Registers a new organisation and its first user through /signup (Chinese UI). */
export async function signUpOrg(page: Page, base: string, u: NewOrgUser): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.locator('label.ant-radio-button-wrapper').filter({ hasText: u.kind }).click();
  await page.getByLabel('机构中文名称').fill(u.orgName);
  await choose(page, '所在地区', u.region);
  await page.getByLabel('姓名').fill(u.name);
  await page.getByLabel('邮箱').fill(u.email);
  await page.getByLabel('密码', { exact: true }).fill(u.password);
  await page.getByLabel('确认密码').fill(u.password);
  await page.getByRole('button', { name: '注册', exact: true }).click();
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
