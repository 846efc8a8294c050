import { Router } from 'express';
import type { SearchEngine } from '@techbridge/search';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { idParams } from '../common/schemas';
import { forbidden } from '../errors';
import { isPlatformAdmin } from '../orgs/orgs.policy';
import { brokerScope } from '../brokers/portfolio.service';
import { declineMatch, getMatch, listMatches, matchAchievement, matchDemand } from './matching.service';
import { answerInterest, declineInterest, expressInterest, listInterests } from './interests.service';
import { listingFeedback } from './feedback.service';
import { Demand } from '../demands/demand.model';
import { Achievement } from '../achievements/achievement.model';
import { notFound } from '../errors';
import { AnswerInput, DeclineInput, InterestInput, InterestListQuery, MatchListQuery } from './matching.schemas';

/** Matches, interest and decline feedback. */
export function matchingRoutes(deps: { search: SearchEngine }): Router {
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
  r.post('/demands/:id/rematch', requireUser, validate({ params: idParams }), async (req, res) => {
    const user = currentUser(req);
    const d = await Demand.findById(String(req.params.id), { org: 1 }).lean();
    if (!d || (String(d.org) !== user.orgId && !isPlatformAdmin(user))) throw notFound('Demand');
    const stored = await matchDemand(deps.search, d._id);
    res.json({ matches: stored.length });
  });
  r.post('/achievements/:id/rematch', requireUser, validate({ params: idParams }), async (req, res) => {
    const user = currentUser(req);
    const a = await Achievement.findById(String(req.params.id), { org: 1 }).lean();
    if (!a || (String(a.org) !== user.orgId && !isPlatformAdmin(user))) throw notFound('Achievement');
    const stored = await matchAchievement(deps.search, a._id);
    res.json({ matches: stored.length });
  });

  r.post('/interests', requireUser, validate({ body: InterestInput }), async (req, res) => {
    res.status(201).json(await expressInterest(currentUser(req), req.body));
  });
  r.get('/interests', requireUser, validate({ query: InterestListQuery }), async (req, res) => {
    res.json(await listInterests(currentUser(req), valid(req, 'query')));
  });
  r.post('/interests/:id/answer', requireUser, validate({ params: idParams, body: AnswerInput }), async (req, res) => {
    res.json(await answerInterest(currentUser(req), String(req.params.id), req.body.message));
  });
  r.post('/interests/:id/decline', requireUser, validate({ params: idParams, body: DeclineInput }), async (req, res) => {
    res.json(await declineInterest(currentUser(req), String(req.params.id), req.body));
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
