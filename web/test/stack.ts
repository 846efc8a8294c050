// One API stack and one Chromium per test run, started on first use and stopped by the root hook.
import type { Browser } from 'playwright-core';
import { launchBrowser, startStack, type Stack } from './harness';

export const ADMIN = { email: 'admin@techbridge.test', password: 'admin-password-1' };

let stack: Promise<Stack> | null = null;
let browser: Promise<Browser> | null = null;

/** The shared stack, with a platform admin created. */
export function sharedStack(): Promise<Stack> {
  stack ??= startStack().then(async (s) => {
    await s.createAdmin(ADMIN.email, ADMIN.password);
    return s;
  });
  return stack;
}

export function sharedBrowser(): Promise<Browser> {
  browser ??= launchBrowser();
  return browser;
}

export async function stopShared(): Promise<void> {
  const b = browser;
  const s = stack;
  browser = null;
  stack = null;
  await (await b?.catch(() => null))?.close();
  await (await s?.catch(() => null))?.stop();
}
