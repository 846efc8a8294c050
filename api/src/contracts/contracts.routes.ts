import { Router, type Request } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import type { ContractsService } from './contracts.service';
import { ParticularsInput, PdfQuery, RegistrationQuery, RegistrationsQuery, SignInput } from './contracts.schemas';
import type { RegistrationsQuery as RegistrationsQueryType } from './contracts.schemas';
import { registrationCsv } from './contract.registration';

const csv = (rows: Parameters<typeof registrationCsv>[0], name: string) => ({
  body: registrationCsv(rows),
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` },
});

const meta = (req: Request) => ({ ip: req.ip ?? '', userAgent: req.get('user-agent') ?? '' });

/**
 * A deal's contract (JSON and PDF), its particulars and signatures, and the technology-contract
 * registration data (技术合同登记) of one deal or, for platform admins, of every signed contract.
 */
export function contractRoutes(contracts: ContractsService): Router {
  const r = Router();

  r.get('/deals/:id/contract', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await contracts.get(currentUser(req), String(req.params.id)));
  });

  r.get('/deals/:id/contract.pdf', requireUser, validate({ params: idParams, query: PdfQuery }), async (req, res) => {
    const { lang } = valid<{ lang: 'zh' | 'en' }>(req, 'query');
    const { pdf, hash } = await contracts.pdf(currentUser(req), String(req.params.id), lang);
    res.set({ 'content-type': 'application/pdf', 'content-disposition': `inline; filename="contract-${hash.slice(0, 12)}-${lang}.pdf"` }).send(pdf);
  });

  r.put('/deals/:id/contract/particulars', requireUser, validate({ params: idParams, body: ParticularsInput }), async (req, res) => {
    res.json(await contracts.updateParticulars(currentUser(req), String(req.params.id), req.body));
  });

  r.post('/deals/:id/contract/sign', requireUser, validate({ params: idParams, body: SignInput }), async (req, res) => {
    res.status(201).json(await contracts.sign(currentUser(req), String(req.params.id), req.body.hash, meta(req)));
  });

  r.get('/deals/:id/contract/registration', requireUser, validate({ params: idParams, query: RegistrationQuery }), async (req, res) => {
    const row = await contracts.registration(currentUser(req), String(req.params.id));
    if (valid<{ format: string }>(req, 'query').format === 'json') return void res.json(row);
    const out = csv([row], `registration-${row.contractNo}`);
    res.set(out.headers).send(out.body);
  });

  r.get('/contracts/registrations', requireUser, validate({ query: RegistrationsQuery }), async (req, res) => {
    const q = valid<RegistrationsQueryType>(req, 'query');
    const rows = await contracts.registrations(currentUser(req), q);
    if (q.format === 'json') return void res.json({ items: rows, total: rows.length });
    const out = csv(rows, `registrations-${q.from ?? 'all'}-${q.to ?? 'now'}`);
    res.set(out.headers).send(out.body);
  });

  return r;
}
