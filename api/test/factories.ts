import { randomUUID } from 'node:crypto';
import { TestClient } from './server';
import { ensurePlatformAdmin } from '../src/auth/auth.service';
import { Org } from '../src/orgs/org.model';
import { EmailMessage } from '../src/mail/email-message.model';
import { randomCreditCode } from '../src/orgs/credit-code';

export const PASSWORD = 'correct-horse-battery';

let counter = 0;
/** A unique email per call. */
export const uniqueEmail = (prefix = 'user') => `${prefix}.${++counter}.${randomUUID().slice(0, 8)}@example.cn`;

export interface SignedIn {
  client: TestClient;
  user: { id: string; email: string; roles: string[]; orgId: string | null };
  org: { id: string; kind: string; verified: boolean } | null;
}

/** The token of the newest verification email to `email` (read from the outbox, as its owner would). */
export async function verificationToken(email: string): Promise<string> {
  const mail = await EmailMessage.findOne({ to: email.toLowerCase(), kind: 'verify-email' }).sort({ createdAt: -1 }).lean();
  if (!mail?.link) throw new Error(`no verification email to ${email}`);
  return new URL(mail.link).searchParams.get('token')!;
}

/**
 * Registers through the API (202), follows the emailed link and returns the client signed in,
 * with the verification's answer (`{user, org, csrfToken}`).
 */
export async function registerAndVerify(url: string, body: Record<string, unknown> & { email: string }, client?: TestClient) {
  const c = client ?? (await new TestClient(url).init());
  await c.post('/api/auth/register', body).expect(202);
  const res = await c.post('/api/auth/verify', { token: await verificationToken(body.email) }).expect(200);
  c.csrf = res.body.csrfToken;
  return { client: c, res };
}

/** Registers a user with a new organisation of the given kind, verifies the address and returns a signed-in client. */
export async function signUp(
  url: string,
  opts: { kind?: 'university' | 'institute' | 'enterprise' | 'agency'; verified?: boolean; email?: string; region?: string; nameZh?: string } = {},
): Promise<SignedIn> {
  const email = opts.email ?? uniqueEmail(opts.kind ?? 'user');
  const { client, res } = await registerAndVerify(url, {
    email,
    password: PASSWORD,
    name: '测试用户',
    org: { kind: opts.kind ?? 'university', name: { zh: opts.nameZh ?? `测试机构${counter}`, en: `Test org ${counter}` }, region: opts.region ?? '310000', creditCode: randomCreditCode() },
  });
  if (opts.verified) await Org.updateOne({ _id: res.body.org.id }, { $set: { verified: true, verifiedAt: new Date() } });
  return { client, user: res.body.user, org: { ...res.body.org, verified: !!opts.verified } };
}

/** A signed-in platform administrator (created the way the CLI does). */
export async function signInAdmin(url: string): Promise<SignedIn> {
  const email = uniqueEmail('admin');
  await ensurePlatformAdmin(email, PASSWORD);
  const client = await new TestClient(url).init();
  const res = await client.post('/api/auth/login', { email, password: PASSWORD }).expect(200);
  client.csrf = res.body.csrfToken;
  return { client, user: res.body.user, org: null };
}

/** A valid achievement body for POST /api/achievements (override any field). */
export function achievementInput(over: Record<string, unknown> = {}) {
  return {
    title: { zh: '锂电池正极材料低温烧结工艺', en: 'Low-temperature sintering of lithium battery cathode material' },
    summary: { zh: '一种降低能耗的正极材料制备方法。', en: 'A cathode preparation method that cuts energy use.' },
    details: { zh: '烧结温度 680℃，保温 6 小时（机密）。', en: 'Sinter at 680 °C for 6 h (confidential).' },
    field: 'energy-storage',
    keywords: ['锂电池', '正极材料', 'cathode'],
    trl: 6,
    ipType: 'invention-patent',
    patents: [{ number: 'ZL201710601862.3', title: '一种正极材料的制备方法', status: 'granted', expiry: '2037-07-20' }],
    modes: [
      { mode: 'license', askingPrice: 50_000_000, minRoyaltyRate: 3, exclusivity: ['exclusive', 'non-exclusive'] },
      { mode: 'transfer', askingPrice: 200_000_000 },
    ],
    region: '310000',
    ...over,
  };
}

/** A valid demand body for POST /api/demands (override any field). */
export function demandInput(over: Record<string, unknown> = {}) {
  return {
    title: { zh: '寻求动力电池热管理方案', en: 'Seeking a battery thermal management solution' },
    description: { zh: '需要在 -20℃ 下保持续航的电池包热管理技术。', en: 'Battery pack thermal management that keeps range at -20 °C.' },
    field: 'new-energy-vehicles',
    keywords: ['热管理', '电池包'],
    budgetMin: 100_000_000,
    budgetMax: 300_000_000,
    deadline: '2030-12-31',
    modes: ['license', 'transfer'],
    minTrl: 5,
    region: '440000',
    anonymous: false,
    ...over,
  };
}
