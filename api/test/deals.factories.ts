// Factories for deal and negotiation-room tests: parties, a published achievement, offer terms.
import { Achievement } from '../src/achievements/achievement.model';
import { signUp, type SignedIn } from './factories';

type Mode = 'license' | 'transfer' | 'equity';

/** A published achievement of `org`, offered in `modes`, inserted directly (the listing API is not under test here). */
export async function publishedAchievement(orgId: string, userId: string, modes: Mode[] = ['license', 'transfer', 'equity']) {
  const a = await Achievement.create({
    org: orgId,
    createdBy: userId,
    title: { zh: '锂电池正极材料低温烧结工艺', en: 'Low-temperature sintering of cathode material' },
    summary: { zh: '一种降低能耗的正极材料制备方法。', en: 'A cathode preparation method that cuts energy use.' },
    field: 'energy-storage',
    trl: 6,
    ipType: 'invention-patent',
    region: '310000',
    modes: modes.map((mode) => ({ mode, askingPrice: 50_000_000 })),
    status: 'published',
    publishedAt: new Date(),
    indexDirty: false,
    indexedVersion: 1,
  });
  return String(a._id);
}

export interface Parties {
  supplier: SignedIn;
  buyer: SignedIn;
  achievementId: string;
}

/** A verified university with a published achievement, and an enterprise that may buy it. */
export async function parties(url: string, modes?: Mode[]): Promise<Parties> {
  const supplier = await signUp(url, { kind: 'university', verified: true });
  const buyer = await signUp(url, { kind: 'enterprise', verified: true });
  const achievementId = await publishedAchievement(supplier.org!.id, supplier.user.id, modes);
  return { supplier, buyer, achievementId };
}

/** Parties and an open deal between them (opened by the buyer). */
export async function openDealFor(url: string, mode: Mode = 'license'): Promise<Parties & { dealId: string }> {
  const p = await parties(url);
  const res = await p.buyer.client.post('/api/deals', { achievementId: p.achievementId, mode }).expect(201);
  return { ...p, dealId: res.body.id };
}

/**
 * A deal with a broker, the way it comes about (issue 14): a broker of a verified agency proposes
 * it for the buyer, the buyer's admin accepts.
 */
export async function brokeredDeal(url: string, p: Parties, mode: Mode = 'license'): Promise<{ broker: SignedIn; dealId: string }> {
  const broker = await signUp(url, { kind: 'agency', verified: true });
  const proposal = await broker.client.post('/api/deals', { achievementId: p.achievementId, mode, buyerOrgId: p.buyer.org!.id }).expect(202);
  const accepted = await p.buyer.client.post(`/api/deal-proposals/${proposal.body.id}/accept`, {}).expect(201);
  return { broker, dealId: accepted.body.deal.id };
}

export const licenseTerms = (over: Record<string, unknown> = {}) => ({
  mode: 'license',
  exclusivity: 'exclusive',
  territory: '中国大陆',
  fieldOfUse: '动力电池正极材料生产',
  termYears: 5,
  upfrontFee: 30_000_000,
  royaltyRate: 3.5,
  milestones: [
    { description: '技术交底完成', amount: 10_000_000, due: '2027-03-31' },
    { description: '首批量产', amount: 20_000_000, due: '2027-12-31' },
  ],
  ...over,
});

export const transferTerms = (over: Record<string, unknown> = {}) => ({
  mode: 'transfer',
  price: 200_000_000,
  paymentSchedule: [
    { description: '合同签订后', amount: 100_000_000, due: '2027-01-31' },
    { description: '专利变更登记后', amount: 100_000_000, due: '2027-06-30' },
  ],
  ...over,
});

export const equityTerms = (over: Record<string, unknown> = {}) => ({
  mode: 'equity',
  ipValuation: 300_000_000,
  equitySharePct: 15,
  company: { name: '上海锂新材料科技有限公司', registeredCapital: 2_000_000_000 },
  vesting: { totalMonths: 36, cliffMonths: 12 },
  ...over,
});

let msgCounter = 0;
/** A fresh clientMsgId. */
export const newClientMsgId = () => `cm-${Date.now().toString(36)}-${(++msgCounter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
