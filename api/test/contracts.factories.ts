// Factories for contract tests: a deal agreed on given terms (through the room, as users do it),
// an invited plain member, a credit code on an organisation.
import { Org } from '../src/orgs/org.model';
import { withCreditCheck } from '../src/orgs/credit-code';
import { PASSWORD, registerAndVerify, uniqueEmail, type SignedIn } from './factories';
import { equityTerms, licenseTerms, parties, transferTerms, type Parties } from './deals.factories';

export type Mode = 'license' | 'transfer' | 'equity';
const TERMS = { license: licenseTerms, transfer: transferTerms, equity: equityTerms };

/** Valid credit codes for the two parties (a public institution and a company in Shanghai). */
export const SUPPLIER_CODE = withCreditCheck('12310000425010153');
export const BUYER_CODE = withCreditCheck('91310000132226589');

/** A deal between new parties, agreed on the mode's default terms (or `terms`): the supplier offers, both accept. */
export async function agreedDeal(url: string, mode: Mode = 'license', terms: Record<string, unknown> = TERMS[mode]()): Promise<Parties & { dealId: string }> {
  const p = await parties(url);
  await Org.updateOne({ _id: p.supplier.org!.id }, { $set: { creditCode: SUPPLIER_CODE } });
  await Org.updateOne({ _id: p.buyer.org!.id }, { $set: { creditCode: BUYER_CODE } });
  const opened = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode }).expect(201);
  const dealId = opened.body.id as string;
  await p.supplier.client.room('offer:create', { dealId, replacesVersion: 0, terms }).expect(201);
  await p.supplier.client.room('offer:accept', { dealId, version: 1 }).expect(200);
  await p.buyer.client.room('offer:accept', { dealId, version: 1 }).expect(200);
  return { ...p, dealId };
}

/** A plain member (no org-admin role) of `admin`'s organisation, joined through an invitation. */
export async function invitedMember(url: string, admin: SignedIn): Promise<SignedIn> {
  const inv = await admin.client.post(`/api/orgs/${admin.org!.id}/invitations`, { role: 'member' }).expect(201);
  const { client, res } = await registerAndVerify(url, { email: uniqueEmail('member'), password: PASSWORD, name: '普通成员', invitationToken: inv.body.token });
  return { client, user: res.body.user, org: res.body.org };
}
