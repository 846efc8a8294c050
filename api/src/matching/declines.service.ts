// A match declined by one of its two sides, with a structured reason: the match leaves their inbox
// and the reason becomes the listing owner's feedback (`feedback.service.ts`).

import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { canSeeMatch, sideOf } from './matching.policy';
import type { DeclineInput } from './matching.schemas';
import { dismissMatch, findMatch } from './match.repository';
import { presentMatches } from './matching.service';

/** Either side declines a match with a structured reason; the listing owner sees it as feedback. */
export async function declineMatch(user: SessionUser, id: string, input: DeclineInput) {
  const m = await findMatch(id);
  if (!m) throw notFound('Match');
  const side = sideOf(user, m);
  if (!side) {
    if (canSeeMatch(user, m)) throw forbidden('Only the two parties can decline a match');
    throw notFound('Match');
  }
  const updated = await dismissMatch(m._id, { reason: input.reason, text: input.text, by: user.id, side });
  if (!updated) throw conflict('illegal_transition', `This match is ${m.status}`, { status: m.status });
  return (await presentMatches([updated], user))[0]!;
}
