import { Router, type RequestHandler } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { forbidden } from '../errors';
import type { IndicatorsService } from './indicators.service';
import { IndicatorsQuery, OrgIdParams, StatementQuery } from './indicators.schemas';
import { statementCsv } from './commission.csv';

/** 401 unless signed in, 403 unless a platform admin. */
const requirePlatformAdmin: RequestHandler = (req, _res, next) => {
  const user = currentUser(req);
  if (!user.roles.includes('platform-admin')) return next(forbidden('Only platform admins may read these indicators'));
  next();
};

/**
 * Zone indicators (platform admins), the public summary (anyone), agency performance (platform
 * admins) and an agency's commission statement (platform admins and the agency's own admins).
 */
export function indicatorRoutes(indicators: IndicatorsService): Router {
  const r = Router();

  r.get('/indicators', requireUser, requirePlatformAdmin, validate({ query: IndicatorsQuery }), async (req, res) => {
    res.json(await indicators.indicators(valid<IndicatorsQuery>(req, 'query')));
  });

  r.get('/indicators/public', validate({ query: IndicatorsQuery }), async (req, res) => {
    res.json(await indicators.publicSummary(valid<IndicatorsQuery>(req, 'query')));
  });

  r.get('/indicators/agencies', requireUser, requirePlatformAdmin, validate({ query: IndicatorsQuery }), async (req, res) => {
    res.json(await indicators.agencies(valid<IndicatorsQuery>(req, 'query')));
  });

  r.get('/indicators/agencies/:orgId/commission', requireUser, validate({ params: OrgIdParams, query: StatementQuery }), async (req, res) => {
    res.json(await indicators.statement(currentUser(req), String(req.params.orgId), valid<StatementQuery>(req, 'query')));
  });

  r.get('/indicators/agencies/:orgId/commission.csv', requireUser, validate({ params: OrgIdParams, query: StatementQuery }), async (req, res) => {
    const s = await indicators.statement(currentUser(req), String(req.params.orgId), valid<StatementQuery>(req, 'query'));
    res
      .set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="commission-${s.agency.id}-${s.from}-${s.to}.csv"` })
      .send(statementCsv(s));
  });

  return r;
}
