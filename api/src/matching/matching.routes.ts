import { Router } from 'express';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { idParams } from '../common/schemas';
import { forbidden, notFound } from '../errors';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { brokerScope } from '../brokers/portfolio.service';
import { getMatch, listMatches } from './matching.service';
import { declineMatch } from './declines.service';
import { listInterests } from './interests.service';
import { listDemandInterests } from './demand-interests.service';
import { listingFeedback } from './feedback.service';
import { listNearMisses } from './near-misses.service';
import { listingOrg } from './listings';
import type { MatchingServices } from './matching.module';
import { AnswerInput, DeclineInput, DemandInterestInput, DemandInterestListQuery, InterestInput, InterestListQuery, MatchListQuery } from './matching.schemas';

/** Matches, interest and decline feedback, over the matching domain the composition root built. */
export function matchingRoutes(deps: { matching: MatchingServices }): Router {
  const { matcher, interests, demandInterests } = deps.matching;
  const r = Router();

  r.get('/matches', requireUser, validate({ query: MatchListQuery }), async (req, res) => {
    res.json(await listMatches(currentUser(req), valid(req, 'query')));
  });

  r.get('/matches/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    const user = currentUser(req);
    res.json(await getMatch(user, String(req.params.id), await brokerScope(user)));
  });

  r.post('/matches/:id/decline', requireUser, validate({ params: idParams, body: DeclineInput }), async (req, res) => {
    res.json(await declineMatch(currentUser(req), String(req.params.id), req.body));
  });

  // Re-runs the matcher for one of my listings now (it also runs on every publish and edit).
  for (const kind of ['demand', 'achievement'] as const) {
    r.post(`/${kind}s/:id/rematch`, requireUser, validate({ params: idParams }), async (req, res) => {
      const user = currentUser(req);
      const id = String(req.params.id);
      const org = await listingOrg(kind, id);
      if (!org || (org !== user.orgId && !isPlatformAdmin(user))) throw notFound(kind === 'demand' ? 'Demand' : 'Achievement');
      const stored = kind === 'demand' ? await matcher.matchDemand(id) : await matcher.matchAchievement(id);
      res.json({ matches: stored.length });
    });
  }

  // Near misses of one of my demands: on its subject, but breaking one of its hard constraints.
  r.get('/demands/:id/near-misses', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await listNearMisses(matcher, currentUser(req), String(req.params.id)));
  });

  r.post('/interests', requireUser, validate({ body: InterestInput }), async (req, res) => {
    res.status(201).json(await interests.express(currentUser(req), req.body));
  });
  r.get('/interests', requireUser, validate({ query: InterestListQuery }), async (req, res) => {
    res.json(await listInterests(currentUser(req), valid(req, 'query')));
  });
  r.post('/interests/:id/answer', requireUser, validate({ params: idParams, body: AnswerInput }), async (req, res) => {
    res.json(await interests.answer(currentUser(req), String(req.params.id), req.body.message));
  });
  r.post('/interests/:id/decline', requireUser, validate({ params: idParams, body: DeclineInput }), async (req, res) => {
    res.json(await interests.decline(currentUser(req), String(req.params.id), req.body));
  });

  // A supplier's interest in a demand, answered or declined by the demand's organisation.
  r.post('/demand-interests', requireUser, validate({ body: DemandInterestInput }), async (req, res) => {
    res.status(201).json(await demandInterests.express(currentUser(req), req.body));
  });
  r.get('/demand-interests', requireUser, validate({ query: DemandInterestListQuery }), async (req, res) => {
    res.json(await listDemandInterests(currentUser(req), valid(req, 'query')));
  });
  r.post('/demand-interests/:id/answer', requireUser, validate({ params: idParams, body: AnswerInput }), async (req, res) => {
    res.json(await demandInterests.answer(currentUser(req), String(req.params.id), req.body.message));
  });
  r.post('/demand-interests/:id/decline', requireUser, validate({ params: idParams, body: DeclineInput }), async (req, res) => {
    res.json(await demandInterests.decline(currentUser(req), String(req.params.id), req.body));
  });

  r.get('/feedback/achievements/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await listingFeedback(currentUser(req), 'achievement', String(req.params.id)));
  });
  r.get('/feedback/demands/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    const user = currentUser(req);
    if (!user.orgId) throw forbidden();
    res.json(await listingFeedback(user, 'demand', String(req.params.id)));
  });

  return r;
}
