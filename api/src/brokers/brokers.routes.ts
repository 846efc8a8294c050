import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { idParams, objectId, pageQuery } from '../common/schemas';
import type { MatchingServices } from '../matching/matching.module';
import { BrokerMatchQuery, DockingInput, ManualMatchInput, PortfolioInput, PortfolioQuery } from '../matching/matching.schemas';
import { brokerMatches, createManualMatch, dockingReportCsv, getDockingRun, listDockingRuns, runDocking, setBrokerMark } from './brokers.service';
import { answerAgency, getPortfolio, inviteToPortfolio, leavePortfolio, listOrgAgencies } from './portfolio.service';

const orgParams = z.strictObject({ orgId: objectId });
const agencyParams = z.strictObject({ id: objectId, agencyId: objectId });
const answerParams = agencyParams.extend({ action: z.enum(['accept', 'decline']) });

/**
 * The broker workspace (portfolio, matches, manual matches, batch docking) and, for an
 * organisation's admin, the agencies that asked for or have its consent.
 */
export function brokerRoutes(deps: { matching: MatchingServices }): Router {
  const { matcher } = deps.matching;
  const r = Router();
  r.use('/brokers', requireUser);

  r.get('/brokers/portfolio', validate({ query: PortfolioQuery }), async (req, res) => {
    res.json(await getPortfolio(currentUser(req), valid(req, 'query')));
  });
  r.post('/brokers/portfolio', validate({ body: PortfolioInput }), async (req, res) => {
    res.status(201).json(await inviteToPortfolio(currentUser(req), req.body.orgId));
  });
  r.delete('/brokers/portfolio/:orgId', validate({ params: orgParams }), async (req, res) => {
    res.json(await leavePortfolio(currentUser(req), String(req.params.orgId)));
  });

  r.get('/orgs/:id/agencies', requireUser, validate({ params: idParams, query: pageQuery }), async (req, res) => {
    res.json(await listOrgAgencies(currentUser(req), String(req.params.id), valid(req, 'query')));
  });
  r.post('/orgs/:id/agencies/:agencyId/:action', requireUser, validate({ params: answerParams }), async (req, res) => {
    const p = valid<{ id: string; agencyId: string; action: 'accept' | 'decline' }>(req, 'params');
    res.json(await answerAgency(currentUser(req), p.id, p.agencyId, p.action));
  });
  r.delete('/orgs/:id/agencies/:agencyId', requireUser, validate({ params: agencyParams }), async (req, res) => {
    const p = valid<{ id: string; agencyId: string }>(req, 'params');
    res.json(await answerAgency(currentUser(req), p.id, p.agencyId, 'revoke'));
  });

  r.get('/brokers/matches', validate({ query: BrokerMatchQuery }), async (req, res) => {
    res.json(await brokerMatches(currentUser(req), valid(req, 'query')));
  });
  r.post('/brokers/matches', validate({ body: ManualMatchInput }), async (req, res) => {
    const match = await createManualMatch(matcher, currentUser(req), req.body);
    // A broker-made match has no event of its own; the observers (the indicators) hear of it.
    deps.matching.effects.tell('match.stored', { ids: [match!.id] });
    res.status(201).json(match);
  });
  for (const action of ['pin', 'unpin', 'dismiss'] as const) {
    r.post(`/brokers/matches/:id/${action}`, validate({ params: idParams }), async (req, res) => {
      res.json(await setBrokerMark(currentUser(req), String(req.params.id), action));
    });
  }

  r.post('/brokers/docking', validate({ body: DockingInput }), async (req, res) => {
    res.status(201).json(await runDocking(matcher, currentUser(req), req.body));
  });
  r.get('/brokers/docking', validate({ query: pageQuery }), async (req, res) => {
    res.json(await listDockingRuns(currentUser(req), valid(req, 'query')));
  });
  r.get('/brokers/docking/:id', validate({ params: idParams }), async (req, res) => {
    res.json(await getDockingRun(currentUser(req), String(req.params.id)));
  });
  r.get('/brokers/docking/:id/report.csv', validate({ params: idParams }), async (req, res) => {
    const csv = await dockingReportCsv(currentUser(req), String(req.params.id));
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="docking-${String(req.params.id)}.csv"`);
    res.send(csv);
  });
  return r;
}
