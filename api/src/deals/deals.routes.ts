import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { keyScope } from '../apikeys/apikeys.auth';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import type { DealServices } from './deals.module';
import { acceptProposal, declineProposal, listProposals, openOrPropose, withdrawProposal } from './proposals.service';
import { DealListQuery, ProposalListQuery, MessagePageQuery, OfferDiffQuery, OpenDealInput } from './deals.schemas';

/**
 * Deals and broker proposals over REST, and the rooms' reads (deal, message pages, offer history
 * and diffs, audit). The room commands — messages, offers, transitions — are `/deals` socket
 * events only (`deals.socket.ts`).
 */
export function dealRoutes(services: DealServices): Router {
  const { deals, offers, room } = services;
  const r = Router();
  // An API key reads its organisation's deals with `deals:read`; it opens none (no key route writes).
  const dealsRead = keyScope('deals:read');
  r.use('/deals', (req, res, next) => (req.method === 'GET' ? dealsRead(req, res, next) : next()));
  r.use('/deals', requireUser);

  // A buyer opens the deal (201, or 200 with its live one); a broker's request becomes a proposal
  // the enterprise answers (202).
  r.post('/deals', validate({ body: OpenDealInput }), async (req, res) => {
    const out = await openOrPropose(deals, currentUser(req), req.body);
    if ('proposal' in out) return void res.status(202).json(out.proposal);
    res.status(out.created ? 201 : 200).json(out.deal);
  });

  r.get('/deal-proposals', requireUser, validate({ query: ProposalListQuery }), async (req, res) => {
    res.json(await listProposals(currentUser(req), valid(req, 'query')));
  });
  r.post('/deal-proposals/:id/accept', requireUser, validate({ params: idParams }), async (req, res) => {
    res.status(201).json(await acceptProposal(deals, currentUser(req), String(req.params.id)));
  });
  r.post('/deal-proposals/:id/decline', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await declineProposal(currentUser(req), String(req.params.id)));
  });
  r.post('/deal-proposals/:id/withdraw', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await withdrawProposal(currentUser(req), String(req.params.id)));
  });

  r.get('/deals', dealsRead, validate({ query: DealListQuery }), async (req, res) => {
    res.json(await deals.listMine(currentUser(req), valid(req, 'query')));
  });

  r.get('/deals/:id', dealsRead, validate({ params: idParams }), async (req, res) => {
    res.json(await deals.get(currentUser(req), String(req.params.id)));
  });

  r.get('/deals/:id/messages', dealsRead, validate({ params: idParams, query: MessagePageQuery }), async (req, res) => {
    res.json(await room.listMessages(currentUser(req), String(req.params.id), valid(req, 'query')));
  });

  r.get('/deals/:id/offers', dealsRead, validate({ params: idParams }), async (req, res) => {
    res.json(await offers.history(currentUser(req), String(req.params.id)));
  });

  r.get('/deals/:id/offers/diff', dealsRead, validate({ params: idParams, query: OfferDiffQuery }), async (req, res) => {
    const q = valid<{ a: number; b: number }>(req, 'query');
    res.json(await offers.diff(currentUser(req), String(req.params.id), q.a, q.b));
  });

  r.get('/deals/:id/audit', dealsRead, validate({ params: idParams }), async (req, res) => {
    res.json(await deals.audit(currentUser(req), String(req.params.id)));
  });

  return r;
}
