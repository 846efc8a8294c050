import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import { presentOrg } from './orgs.presenter';
import { createInvitation, getOrg, listOrgs, setVerified } from './orgs.service';
import { InvitationInput, OrgListQuery, VerifyInput } from './orgs.schemas';

/** Organisations: public profile, invitations, verification queue. */
export function orgRoutes(): Router {
  const r = Router();

  r.get('/orgs', requireUser, validate({ query: OrgListQuery }), async (req, res) => {
    res.json(await listOrgs(currentUser(req), valid(req, 'query')));
  });

  r.get('/orgs/:id', validate({ params: idParams }), async (req, res) => {
    res.json(presentOrg(await getOrg(String(req.params.id))));
  });

  r.post('/orgs/:id/invitations', requireUser, validate({ params: idParams, body: InvitationInput }), async (req, res) => {
    res.status(201).json(await createInvitation(currentUser(req), String(req.params.id), req.body));
  });

  r.post('/orgs/:id/verify', requireUser, validate({ params: idParams, body: VerifyInput }), async (req, res) => {
    res.json(await setVerified(currentUser(req), String(req.params.id), req.body.verified));
  });

  return r;
}
