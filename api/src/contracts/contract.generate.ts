import type { Types } from 'mongoose';
import { conflict, notFound } from '../errors';
import { Org } from '../orgs/org.model';
import { Achievement } from '../achievements/achievement.model';
import type { DealLean } from '../deals/deal.model';
import type { DealStatus, OfferTerms } from '../deals/deals.schemas';
import { Contract, type ContractLean } from './contract.model';
import { DEFAULT_PARTICULARS, buildContent, contentHash, type ContentInput, type PartyInput } from './contract.content';

// Generating a deal's contract from its agreed offer: once per deal (the unique index on `deal`
// decides between concurrent generators — a request's read and the agreed event's reaction).

/** The statuses in which a deal has (or gets) a contract. */
export const CONTRACT_STATUSES: readonly DealStatus[] = ['agreed', 'contracted', 'paying', 'completed'];

const isDuplicate = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

async function partyOf(id: Types.ObjectId | null | undefined, fallback: { zh?: string | null; en?: string | null } | null | undefined): Promise<PartyInput | null> {
  if (!id) return null;
  const org = await Org.findById(id).lean();
  const name = org?.name ?? fallback ?? {};
  return { id: String(id), name: { zh: name.zh ?? '', en: name.en ?? '' }, region: org?.region ?? '', creditCode: org?.creditCode ?? null };
}

/** What the contract's content is computed from, read from the store (all but the particulars). */
export async function contentSources(deal: DealLean): Promise<Omit<ContentInput, 'particulars'>> {
  const offer = deal.offers.find((o) => o.version === deal.agreedOfferVersion);
  if (!offer) throw conflict('not_agreed', 'The deal has no agreed offer', { status: deal.status });
  const [supplier, buyer, broker, achievement] = await Promise.all([
    partyOf(deal.supplierOrg, deal.supplierName),
    partyOf(deal.buyerOrg, deal.buyerName),
    partyOf(deal.brokerOrg, deal.brokerName),
    Achievement.findById(deal.achievement).lean(),
  ]);
  return {
    dealId: String(deal._id),
    mode: deal.mode as ContentInput['mode'],
    offerVersion: offer.version,
    terms: offer.terms as OfferTerms,
    supplier: supplier!,
    buyer: buyer!,
    broker,
    achievement: {
      id: String(deal.achievement),
      title: { zh: achievement?.title?.zh ?? deal.achievementTitle?.zh ?? '', en: achievement?.title?.en ?? deal.achievementTitle?.en ?? '' },
      field: achievement?.field ?? '',
      ipType: achievement?.ipType ?? '',
      patents: achievement?.patents ?? [],
    },
  };
}

/** The deal's contract, generated from its agreed offer when it has none yet; null before agreement. */
export async function ensureContract(deal: DealLean): Promise<ContractLean | null> {
  const existing = await Contract.findOne({ deal: deal._id }).lean<ContractLean>();
  if (existing) return existing;
  if (!CONTRACT_STATUSES.includes(deal.status as DealStatus) || !deal.agreedOfferVersion) return null;
  const sources = await contentSources(deal);
  const content = buildContent({ ...sources, particulars: DEFAULT_PARTICULARS });
  try {
    const created = await Contract.create({
      deal: deal._id,
      mode: deal.mode,
      category: content.category.code,
      offerVersion: sources.offerVersion,
      particulars: DEFAULT_PARTICULARS,
      content,
      hash: contentHash(content),
    });
    return created.toObject() as unknown as ContractLean;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const winner = await Contract.findOne({ deal: deal._id }).lean<ContractLean>();
    if (!winner) throw notFound('Contract');
    return winner;
  }
}
