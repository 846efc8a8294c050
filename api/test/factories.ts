import { randomUUID } from 'node:crypto';
import { TestClient } from './server';
import { ensurePlatformAdmin } from '../src/auth/auth.service';
import { Org } from '../src/orgs/org.model';

export const PASSWORD = 'correct-horse-battery';

let counter = 0;
/** A unique email per call. */
export const uniqueEmail = (prefix = 'user') => `${prefix}.${++counter}.${randomUUID().slice(0, 8)}@example.cn`;

export interface SignedIn {
  client: TestClient;
  user: { id: string; email: string; roles: string[]; orgId: string | null };
  org: { id: string; kind: string; verified: boolean } | null;
}

/** Registers a user with a new organisation of the given kind and returns a signed-in client. */
export async function signUp(
  url: string,
  opts: { kind?: 'university' | 'institute' | 'enterprise' | 'agency'; verified?: boolean; email?: string; region?: string; nameZh?: string } = {},
): Promise<SignedIn> {
  const client = await new TestClient(url).init();
  const email = opts.email ?? uniqueEmail(opts.kind ?? 'user');
  const res = await client
    .post('/api/auth/register', {
      email,
      password: PASSWORD,
      name: '测试用户',
      org: { kind: opts.kind ?? 'university', name: { zh: opts.nameZh ?? `测试机构${counter}`, en: `Test org ${counter}` }, region: opts.region ?? '310000' },
    })
    .expect(201);
  client.csrf = res.body.csrfToken;
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
