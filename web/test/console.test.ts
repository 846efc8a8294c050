// Issue 12, item 4: no console errors on any page. Every route of the app, on the seeded demo, as
// a visitor and as each kind of user who may open it, in Chromium against the real API with its
// CSP: a refused inline style (antd's CSS-in-JS without the nonce), a failed request, an uncaught
// exception or a React warning logged as an error all fail the test.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, startStack, type Stack } from './harness';
import { ApiClient } from './api';

const DEMO = 'Demo#2026';

interface Visit {
  who: string;
  login?: { email: string; password: string };
  paths: (ids: Ids) => string[];
}
interface Ids {
  achievement: string;
  demand: string;
  org: string;
  deal: string;
  match: string;
}

/** Console errors, failed requests (4xx/5xx) and CSP violations seen by `page`. */
function watch(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`exception: ${String(e)}`));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

describe('no console errors on any page (issue 12)', function () {
  let stack: Stack;
  let browser: Browser;
  let ids: Ids;

  before(async function () {
    this.timeout(900_000);
    stack = await startStack({ seed: true });
    browser = await launchBrowser();
    const visitor = new ApiClient(stack.url);
    const achievements = await visitor.request<{ hits: { id: string; listing: { org: { id: string } } }[] }>('GET', '/api/search/achievements');
    const demands = await visitor.request<{ hits: { id: string }[] }>('GET', '/api/search/demands');
    const enterprise = new ApiClient(stack.url);
    await enterprise.request('POST', '/api/auth/login', { email: 'admin@juneng.com', password: DEMO });
    const deals = await enterprise.request<{ items: { id: string }[] }>('GET', '/api/deals');
    const matches = await enterprise.request<{ items: { id: string }[] }>('GET', '/api/matches');
    ids = {
      achievement: achievements.hits[0]!.id,
      demand: demands.hits[0]!.id,
      org: achievements.hits[0]!.listing.org.id,
      deal: deals.items[0]!.id,
      match: matches.items[0]!.id,
    };
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const VISITS: Visit[] = [
    {
      who: 'a visitor',
      paths: (i) => ['/', '/demands', '/?q=锂电池', '/orgs', `/orgs/${i.org}`, `/achievements/${i.achievement}`, `/demands/${i.demand}`, '/indicators', '/login', '/signup', '/no-such-page'],
    },
    {
      who: 'an enterprise admin',
      login: { email: 'admin@juneng.com', password: DEMO },
      paths: (i) => ['/', `/achievements/${i.achievement}`, '/my', '/matches', `/matches/${i.match}`, '/deals', `/deals/${i.deal}`, '/demands/new', '/org/verification', '/org/invitations', '/org/requests', '/notifications', '/welcome'],
    },
    {
      who: 'a university admin',
      login: { email: 'admin@jhut.edu.cn', password: DEMO },
      paths: () => ['/my', '/achievements/new', '/achievements/import', '/matches', '/deals'],
    },
    {
      who: 'a broker',
      login: { email: 'broker1@yrdttc.org.cn', password: DEMO },
      paths: () => ['/broker', '/deals', '/matches', '/notifications'],
    },
    {
      who: 'an agency admin',
      login: { email: 'admin@yrdttc.org.cn', password: DEMO },
      paths: () => ['/org/commission'],
    },
    {
      who: 'the platform admin',
      login: { email: 'admin@techbridge.cn', password: 'Admin#2026' },
      paths: () => ['/admin/orgs', '/admin/reports', '/admin/indicators'],
    },
  ];

  for (const v of VISITS) {
    it(`shows ${v.who} every page without a console error`, async function () {
      this.timeout(600_000);
      const { context, page } = await newPage(browser);
      try {
        if (v.login) {
          const client = new ApiClient(stack.url);
          await client.request('POST', '/api/auth/login', v.login);
          await client.shareSession(context);
        }
        const problems: string[] = [];
        for (const path of v.paths(ids)) {
          const seen = watch(page);
          await page.goto(stack.url + path);
          await page.locator('#main').waitFor();
          // the page's own requests and lazy chunks settle
          await page.waitForLoadState('networkidle');
          if (path === '/no-such-page') {
            await page.getByTestId('error-state').or(page.locator('.tb-state')).first().waitFor();
            // the app's own 404 page is not an error of the page
          }
          problems.push(...seen.map((s) => `${path}: ${s}`));
          page.removeAllListeners('console');
          page.removeAllListeners('pageerror');
          page.removeAllListeners('response');
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
