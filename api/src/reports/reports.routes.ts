import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams, pageQuery } from '../common/schemas';
import type { ReportsService, ReportDownload } from './reports.service';
import { AnnualReportInput, ReportPdfQuery } from './reports.schemas';

const send = (res: import('express').Response, f: ReportDownload) =>
  void res.set({ 'content-type': f.contentType, 'content-disposition': `attachment; filename="${f.filename}"` }).send(f.data);

/** Annual reports (platform admins): request one (a background job), follow it, download its files. */
export function reportRoutes(reports: ReportsService): Router {
  const r = Router();

  r.post('/reports/annual', requireUser, validate({ body: AnnualReportInput }), async (req, res) => {
    res.status(202).json(await reports.requestAnnual(currentUser(req), req.body));
  });

  r.get('/reports', requireUser, validate({ query: pageQuery }), async (req, res) => {
    res.json(await reports.list(currentUser(req), valid(req, 'query')));
  });

  r.get('/reports/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await reports.get(currentUser(req), String(req.params.id)));
  });

  r.get('/reports/:id/report.pdf', requireUser, validate({ params: idParams, query: ReportPdfQuery }), async (req, res) => {
    const { lang } = valid<{ lang: 'zh' | 'en' }>(req, 'query');
    send(res, await reports.file(currentUser(req), String(req.params.id), lang === 'en' ? 'pdf-en' : 'pdf-zh'));
  });

  r.get('/reports/:id/report.csv', requireUser, validate({ params: idParams }), async (req, res) => {
    send(res, await reports.file(currentUser(req), String(req.params.id), 'csv'));
  });

  return r;
}
