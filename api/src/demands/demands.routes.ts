import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { keyScope } from '../apikeys/apikeys.auth';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import type { SessionUser } from '../auth/auth.types';
import type { ListingEvents } from '../listings/listing.events';
import { idempotencyKeyOf } from '../listings/creation-key';
import { DemandInput, DemandPatch, MyDemandsQuery, RevealInput } from './demands.schemas';
import { TransitionInput } from '../achievements/achievements.schemas';
import { createDemand, deleteDemand, getDemand, listMyDemands, revealDemand, transitionDemand, updateDemand } from './demands.service';

/** Demands (技术需求): create, edit, publish, withdraw, close, reveal, mine, read. */
export function demandRoutes(deps: { listingEvents: ListingEvents }): Router {
  const r = Router();

  r.post('/demands', keyScope('listings:write'), requireUser, validate({ body: DemandInput }), async (req, res) => {
    const { listing, created } = await createDemand(currentUser(req), req.body, idempotencyKeyOf(req.headers['idempotency-key']));
    res.status(created ? 201 : 200).json(listing);
  });

  r.get('/demands/mine', keyScope('listings:read'), requireUser, validate({ query: MyDemandsQuery }), async (req, res) => {
    res.json(await listMyDemands(currentUser(req), valid(req, 'query')));
  });

  r.get('/demands/:id', keyScope('listings:read'), validate({ params: idParams }), async (req, res) => {
    res.json(await getDemand(req.user as SessionUser | undefined, String(req.params.id)));
  });

  r.patch('/demands/:id', keyScope('listings:write'), requireUser, validate({ params: idParams, body: DemandPatch }), async (req, res) => {
    res.json(await updateDemand(currentUser(req), String(req.params.id), req.body));
  });

  r.delete('/demands/:id', keyScope('listings:write'), requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await deleteDemand(currentUser(req), String(req.params.id)));
  });

  for (const action of ['publish', 'withdraw', 'close'] as const) {
    r.post(`/demands/:id/${action}`, keyScope('listings:write'), requireUser, validate({ params: idParams, body: TransitionInput }), async (req, res) => {
      res.json(await transitionDemand(currentUser(req), String(req.params.id), action, req.body.version, deps.listingEvents));
    });
  }

  r.post('/demands/:id/reveal', requireUser, validate({ params: idParams, body: RevealInput }), async (req, res) => {
    res.json(await revealDemand(currentUser(req), String(req.params.id), req.body.orgId));
  });

  return r;
}
