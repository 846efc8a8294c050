import { Types } from 'mongoose';
import { notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { DECLINE_REASONS } from './match.model';
import { Interest } from './match.model';
import { matchesOfListing } from './match.repository';
import { listingOrg } from './listings';

type Counts = Record<(typeof DECLINE_REASONS)[number], number>;
const zero = (): Counts => Object.fromEntries(DECLINE_REASONS.map((r) => [r, 0])) as Counts;

/**
 * Aggregated feedback on one listing for its owner: how many matches and interests it drew and
 * why counterparts declined (counts per structured reason, plus the free-text notes).
 */
export async function listingFeedback(user: SessionUser, kind: 'achievement' | 'demand', id: string) {
  const oid = Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;
  const owner = oid ? await listingOrg(kind, id) : null;
  if (!owner || (owner !== user.orgId && !isPlatformAdmin(user))) throw notFound(kind === 'achievement' ? 'Achievement' : 'Demand');

  const [matches, interests] = await Promise.all([
    matchesOfListing(kind, oid!),
    kind === 'achievement' ? Interest.find({ achievement: oid }, { status: 1, decline: 1 }).lean() : Promise.resolve([]),
  ]);
  const declines = zero();
  const notes: { reason: string; text: string; at: Date | null }[] = [];
  // The owner hears about declines made by the other side only.
  const otherSide = kind === 'achievement' ? 'buyer' : 'supplier';
  for (const x of [...matches, ...interests]) {
    if (!x.decline || x.decline.side !== otherSide) continue;
    declines[x.decline.reason as keyof Counts] += 1;
    if (x.decline.text) notes.push({ reason: x.decline.reason, text: x.decline.text, at: x.decline.at ?? null });
  }
  return {
    listingId: id,
    kind,
    matches: matches.length,
    interested: matches.filter((m) => m.status === 'interested' || m.status === 'converted').length + interests.length,
    interests: interests.length,
    declined: Object.values(declines).reduce((a, b) => a + b, 0),
    declines,
    notes: notes.slice(-50),
  };
}
