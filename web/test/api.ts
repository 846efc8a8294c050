// A small cookie-and-CSRF-aware HTTP client for setting up browser tests through the real API.
import type { BrowserContext } from 'playwright-core';
import { randomCreditCode } from '@techbridge/api/orgs/credit-code';
import { uniqueEmail } from './harness';

export class ApiClient {
  private cookie = '';
  private csrf = '';
  constructor(readonly base: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.csrf && method !== 'GET') await this.request('GET', '/api/csrf');
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const data = (res.status === 204 ? null : await res.json().catch(() => null)) as (T & { csrfToken?: string }) | null;
    if (data?.csrfToken) this.csrf = data.csrfToken;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(data)}`);
    return data as T;
  }

  /** Gives a browser context this client's session, so the page starts signed in. */
  async shareSession(context: BrowserContext): Promise<void> {
    const [name, value] = this.cookie.split('=');
    await context.addCookies([{ name: name!, value: value!, url: this.base }]);
  }
}

export interface Registered {
  client: ApiClient;
  user: { id: string; email: string; name: string };
  org: { id: string; name: { zh: string; en: string } };
}

/** Registers a user with a new organisation through the API (following the emailed link), and has the admin verify it. */
export async function registerVerified(
  base: string,
  admin: { email: string; password: string },
  who: { email: string; name: string; kind: 'university' | 'institute' | 'enterprise' | 'agency'; orgName: string; region: string },
): Promise<Registered> {
  const client = new ApiClient(base);
  await client.request('POST', '/api/auth/register', {
    email: who.email,
    password: 'workspace-pass-1',
    name: who.name,
    org: { kind: who.kind, name: { zh: who.orgName, en: '' }, region: who.region, creditCode: randomCreditCode() },
  });
  // The address is proven by the emailed link, read from the development outbox.
  const mail = await client.request<{ items: { kind: string; link: string }[] }>('GET', `/api/dev/outbox?to=${encodeURIComponent(who.email)}`);
  const token = new URL(mail.items.find((m) => m.kind === 'verify-email')!.link).searchParams.get('token');
  const r = await client.request<Registered>('POST', '/api/auth/verify', { token });
  const a = new ApiClient(base);
  await a.request('POST', '/api/auth/login', admin);
  await a.request('POST', `/api/orgs/${r.org.id}/verify`, { verified: true });
  return { client, user: r.user, org: r.org };
}

/**
 * A university and an enterprise, both verified, and a licence deal the enterprise opened on the
 * university's newly published achievement (title and keyword in Chinese only).
 */
export async function licenceDeal(
  base: string,
  admin: { email: string; password: string },
  who: { prefix: string; orgSuffix: string; uni: [person: string, org: string]; ent: [person: string, org: string]; title: string; summary: string; keyword: string; trl: number },
) {
  const uni = await registerVerified(base, admin, { email: uniqueEmail(`${who.prefix}-u`), name: who.uni[0], kind: 'university', orgName: `${who.uni[1]}${who.orgSuffix}`, region: '310000' });
  const ent = await registerVerified(base, admin, { email: uniqueEmail(`${who.prefix}-e`), name: who.ent[0], kind: 'enterprise', orgName: `${who.ent[1]}${who.orgSuffix}`, region: '320000' });
  const achievement = await uni.client.request<{ id: string }>('POST', '/api/achievements', {
    title: { zh: who.title, en: '' },
    summary: { zh: who.summary, en: '' },
    field: 'energy-storage',
    keywords: [who.keyword],
    trl: who.trl,
    ipType: 'invention-patent',
    modes: [{ mode: 'license', askingPrice: 50_000_000, minRoyaltyRate: 3, exclusivity: ['exclusive', 'non-exclusive'] }],
    region: '310000',
  });
  await uni.client.request('POST', `/api/achievements/${achievement.id}/publish`, {});
  const deal = await ent.client.request<{ id: string }>('POST', '/api/deals', { achievementId: achievement.id, mode: 'license' });
  return { uni, ent, achievement, deal };
}
