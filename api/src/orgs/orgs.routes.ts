import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams, objectId, pageQuery } from '../common/schemas';
import type { SessionUser } from '../auth/auth.types';
import { listDirectory, orgAchievements, orgDemands, orgProfile } from './directory.service';
import { z } from 'zod';
import { presentOrg } from './orgs.presenter';
import { createInvitation, getOrg, listInvitations, revokeInvitation, updateOrg } from './orgs.service';
import { decideVerification, getVerification, listForReview, submitVerification } from './verification.service';
import { DirectoryQuery, InvitationInput, OrgListQuery, OrgUpdateInput, VerificationInput, VerifyInput } from './orgs.schemas';

const invitationParams = z.strictObject({ id: objectId, invitationId: objectId });

/** Organisations: public profile, invitations, verification queue. */
export function orgRoutes(opts: { appUrl: string }): Router {
  const r = Router();

  r.get('/orgs', requireUser, validate({ query: OrgListQuery }), async (req, res) => {
    res.json(await listForReview(currentUser(req), valid(req, 'query')));
  });

  r.get('/orgs/:id/verification', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await getVerification(currentUser(req), String(req.params.id)));
  });

  r.put('/orgs/:id/verification', requireUser, validate({ params: idParams, body: VerificationInput }), async (req, res) => {
    res.json(await submitVerification(currentUser(req), String(req.params.id), req.body));
  });

  // The public directory and profile pages, for anyone (signed in or not).
  r.get('/directory', validate({ query: DirectoryQuery }), async (req, res) => {
    res.json(await listDirectory(valid(req, 'query')));
  });

  r.get('/orgs/:id/profile', validate({ params: idParams }), async (req, res) => {
    res.json(await orgProfile(String(req.params.id)));
  });

  r.get('/orgs/:id/achievements', validate({ params: idParams, query: pageQuery }), async (req, res) => {
    res.json(await orgAchievements(req.user as SessionUser | undefined, String(req.params.id), valid(req, 'query')));
  });

  r.get('/orgs/:id/demands', validate({ params: idParams, query: pageQuery }), async (req, res) => {
    res.json(await orgDemands(req.user as SessionUser | undefined, String(req.params.id), valid(req, 'query')));
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

  r.get('/orgs/:id/invitations', requireUser, validate({ params: idParams, query: pageQuery }), async (req, res) => {
    res.json(await listInvitations(currentUser(req), String(req.params.id), valid(req, 'query')));
  });

  r.delete('/orgs/:id/invitations/:invitationId', requireUser, validate({ params: invitationParams }), async (req, res) => {
    const p = valid<{ id: string; invitationId: string }>(req, 'params');
    res.json(await revokeInvitation(currentUser(req), p.id, p.invitationId));
  });

  r.post('/orgs/:id/verify', requireUser, validate({ params: idParams, body: VerifyInput }), async (req, res) => {
    res.json(await decideVerification(currentUser(req), String(req.params.id), req.body, opts.appUrl));
  });

  return r;
}
