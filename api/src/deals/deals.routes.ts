import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import {
  actOnOffer,
  createOffer,
  dealAudit,
  getDeal,
  listMessages,
  listMyDeals,
  offerDiff,
  offerHistory,
  postMessage,
  transitionDeal,
} from './deals.service';
import { acceptProposal, declineProposal, listProposals, openOrPropose, withdrawProposal } from './proposals.service';
import {
  DealListQuery,
  ProposalListQuery,
  MessageInput,
  MessagePageQuery,
  OfferActionInput,
  OfferDiffQuery,
  OfferInput,
  OfferVersionParams,
  OpenDealInput,
  DealTransitionInput,
  type OfferAction,
} from './deals.schemas';

/** Deals, broker proposals and the negotiation rooms over REST; the `/deals` socket namespace calls the same service. */
export function dealRoutes(): Router {
  const r = Router();
  r.use('/deals', requireUser);

  // A buyer opens the deal (201, or 200 with its live one); a broker's request becomes a proposal
  // the enterprise answers (202).
  r.post('/deals', validate({ body: OpenDealInput }), async (req, res) => {
    const out = await openOrPropose(currentUser(req), req.body);
    if ('proposal' in out) return void res.status(202).json(out.proposal);
    res.status(out.created ? 201 : 200).json(out.deal);
  });

  r.get('/deal-proposals', requireUser, validate({ query: ProposalListQuery }), async (req, res) => {
    res.json(await listProposals(currentUser(req), valid<{ side: 'received' | 'sent' }>(req, 'query').side));
  });
  r.post('/deal-proposals/:id/accept', requireUser, validate({ params: idParams }), async (req, res) => {
    res.status(201).json(await acceptProposal(currentUser(req), String(req.params.id)));
  });
  r.post('/deal-proposals/:id/decline', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await declineProposal(currentUser(req), String(req.params.id)));
  });
  r.post('/deal-proposals/:id/withdraw', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await withdrawProposal(currentUser(req), String(req.params.id)));
  });

  r.get('/deals', validate({ query: DealListQuery }), async (req, res) => {
    res.json(await listMyDeals(currentUser(req), valid(req, 'query')));
  });

  r.get('/deals/:id', validate({ params: idParams }), async (req, res) => {
    res.json(await getDeal(currentUser(req), String(req.params.id)));
  });

  r.get('/deals/:id/messages', validate({ params: idParams, query: MessagePageQuery }), async (req, res) => {
    res.json(await listMessages(currentUser(req), String(req.params.id), valid(req, 'query')));
  });

  r.post('/deals/:id/messages', validate({ params: idParams, body: MessageInput }), async (req, res) => {
    const { message, created } = await postMessage(currentUser(req), String(req.params.id), req.body);
    res.status(created ? 201 : 200).json(message);
  });

  r.get('/deals/:id/offers', validate({ params: idParams }), async (req, res) => {
    res.json(await offerHistory(currentUser(req), String(req.params.id)));
  });

  r.get('/deals/:id/offers/diff', validate({ params: idParams, query: OfferDiffQuery }), async (req, res) => {
    const q = valid<{ a: number; b: number }>(req, 'query');
    res.json(await offerDiff(currentUser(req), String(req.params.id), q.a, q.b));
  });

  r.post('/deals/:id/offers', validate({ params: idParams, body: OfferInput }), async (req, res) => {
    res.status(201).json(await createOffer(currentUser(req), String(req.params.id), req.body));
  });

  r.post('/deals/:id/offers/:version/:action', validate({ params: OfferVersionParams, body: OfferActionInput }), async (req, res) => {
    const p = valid<{ id: string; version: number; action: OfferAction }>(req, 'params');
    res.json(await actOnOffer(currentUser(req), p.id, p.version, p.action, req.body));
  });

  r.post('/deals/:id/transitions', validate({ params: idParams, body: DealTransitionInput }), async (req, res) => {
    res.json(await transitionDeal(currentUser(req), String(req.params.id), req.body));
  });

  r.get('/deals/:id/audit', validate({ params: idParams }), async (req, res) => {
    res.json(await dealAudit(currentUser(req), String(req.params.id)));
  });

  return r;
}
