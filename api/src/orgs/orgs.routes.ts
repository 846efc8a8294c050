import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams, objectId } from '../common/schemas';
import { z } from 'zod';
import { presentOrg } from './orgs.presenter';
import { createInvitation, getOrg, listInvitations, listOrgs, revokeInvitation, setVerified, updateOrg } from './orgs.service';
import { InvitationInput, OrgListQuery, OrgUpdateInput, VerifyInput } from './orgs.schemas';

const invitationParams = z.strictObject({ id: objectId, invitationId: objectId });

/** Organisations: public profile, invitations, verification queue. */
export function orgRoutes(): Router {
  const r = Router();

  r.get('/orgs', requireUser, validate({ query: OrgListQuery }), async (req, res) => {
    res.json(await listOrgs(currentUser(req), valid(req, 'query')));
  });

  r.get('/orgs/:id', validate({ params: idParams }), async (req, res) => {
    res.json(presentOrg(await getOrg(String(req.params.id))));
  });

  // An org admin edits the profile: description, 统一社会信用代码.
  r.patch('/orgs/:id', requireUser, validate({ params: idParams, body: OrgUpdateInput }), async (req, res) => {
    res.json(await updateOrg(currentUser(req), String(req.params.id), req.body));
  });

  r.post('/orgs/:id/invitations', requireUser, validate({ params: idParams, body: InvitationInput }), async (req, res) => {
    res.status(201).json(await createInvitation(currentUser(req), String(req.params.id), req.body));
  });

  r.get('/orgs/:id/invitations', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await listInvitations(currentUser(req), String(req.params.id)));
  });

  r.delete('/orgs/:id/invitations/:invitationId', requireUser, validate({ params: invitationParams }), async (req, res) => {
    const p = valid<{ id: string; invitationId: string }>(req, 'params');
    res.json(await revokeInvitation(currentUser(req), p.id, p.invitationId));
  });

  r.post('/orgs/:id/verify', requireUser, validate({ params: idParams, body: VerifyInput }), async (req, res) => {
    res.json(await setVerified(currentUser(req), String(req.params.id), req.body.verified));
  });

  return r;
}
