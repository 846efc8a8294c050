import { Router } from 'express';
import { z } from 'zod';
import type { SearchEngine } from '@techbridge/search';
import { currentUser, requireUser } from '../http/auth';
import { validate, valid } from '../http/validate';
import { idParams, objectId } from '../common/schemas';
import { BrokerMatchQuery, DockingInput, ManualMatchInput, PortfolioInput } from '../matching/matching.schemas';
import {
  addToPortfolio,
  brokerMatches,
  createManualMatch,
  dockingReportCsv,
  getDockingRun,
  getPortfolio,
  listDockingRuns,
  removeFromPortfolio,
  runDocking,
  setBrokerMark,
} from './brokers.service';

const orgParams = z.strictObject({ orgId: objectId });

/** The broker workspace: portfolio, matches, manual matches, batch docking. */
export function brokerRoutes(deps: { search: SearchEngine }): Router {
  const r = Router();
  r.use('/brokers', requireUser);

  r.get('/brokers/portfolio', async (req, res) => {
    res.json(await getPortfolio(currentUser(req)));
  });
  r.post('/brokers/portfolio', validate({ body: PortfolioInput }), async (req, res) => {
    res.json(await addToPortfolio(currentUser(req), req.body.orgId));
  });
  r.delete('/brokers/portfolio/:orgId', validate({ params: orgParams }), async (req, res) => {
    res.json(await removeFromPortfolio(currentUser(req), String(req.params.orgId)));
  });

  r.get('/brokers/matches', validate({ query: BrokerMatchQuery }), async (req, res) => {
    res.json(await brokerMatches(currentUser(req), valid(req, 'query')));
  });
  r.post('/brokers/matches', validate({ body: ManualMatchInput }), async (req, res) => {
    res.status(201).json(await createManualMatch(deps.search, currentUser(req), req.body));
  });
  for (const action of ['pin', 'unpin', 'dismiss'] as const) {
    r.post(`/brokers/matches/:id/${action}`, validate({ params: idParams }), async (req, res) => {
      res.json(await setBrokerMark(currentUser(req), String(req.params.id), action));
    });
  }

  r.post('/brokers/docking', validate({ body: DockingInput }), async (req, res) => {
    res.status(201).json(await runDocking(deps.search, currentUser(req), req.body));
  });
  r.get('/brokers/docking', async (req, res) => {
    res.json(await listDockingRuns(currentUser(req)));
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
