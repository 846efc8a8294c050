import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { AppError, badRequest } from '../errors';
import { IMPORT_MAX_BYTES, importTemplate } from './achievements.import';
import { validate, valid } from '../http/validate';
import { keyScope } from '../apikeys/apikeys.auth';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import type { SessionUser } from '../auth/auth.types';
import type { ListingEvents } from '../listings/listing.events';
import { idempotencyKeyOf } from '../listings/creation-key';
import {
  AchievementInput,
  AchievementPatch,
  ImportQuery,
  MyListingsQuery,
  NdaAcceptInput,
  TransitionInput,
} from './achievements.schemas';
import {
  acceptNda,
  createAchievement,
  deleteAchievement,
  getAchievement,
  importAchievements,
  listMyAchievements,
  transitionAchievement,
  updateAchievement,
} from './achievements.service';

const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
}).single('file');

/** One CSV file in the `file` field; size and shape problems are 4xx, never 500. */
const uploadCsv: RequestHandler = (req, res, next) => {
  multipart(req, res, (err: unknown) => {
    if (!err) {
      if (!req.file) return next(badRequest('validation_failed', 'file: upload one CSV file in the multipart field "file"', 'file'));
      return next();
    }
    if (err instanceof multer.MulterError) {
      if (err.code === 'LIMIT_FILE_SIZE')
        return next(new AppError(413, 'payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it`, { field: 'file' }));
      return next(badRequest('invalid_upload', `${err.message}${err.field ? ` (${err.field})` : ''}`, err.field || 'file'));
    }
    return next(badRequest('invalid_upload', `The upload could not be read: ${(err as Error).message}`, 'file'));
  });
};

/** Achievements (科技成果): create, edit, publish, withdraw, mine, read, NDA, CSV import. */
export function achievementRoutes(deps: { listingEvents: ListingEvents }): Router {
  const r = Router();

  r.get('/achievements/import/template', (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('techbridge-achievements-template.csv')
      .send(importTemplate());
  });

  r.post('/achievements/import', requireUser, validate({ query: ImportQuery }), uploadCsv, async (req, res) => {
    const { allOrNothing } = valid<ImportQuery>(req, 'query');
    res.json(await importAchievements(currentUser(req), req.file!.buffer, { allOrNothing }));
  });

  r.post('/achievements', keyScope('listings:write'), requireUser, validate({ body: AchievementInput }), async (req, res) => {
    const { listing, created } = await createAchievement(currentUser(req), req.body, idempotencyKeyOf(req.headers['idempotency-key']));
    res.status(created ? 201 : 200).json(listing);
  });

  r.get('/achievements/mine', keyScope('listings:read'), requireUser, validate({ query: MyListingsQuery }), async (req, res) => {
    res.json(await listMyAchievements(currentUser(req), valid(req, 'query')));
  });

  r.get('/achievements/:id', keyScope('listings:read'), validate({ params: idParams }), async (req, res) => {
    res.json(await getAchievement(req.user as SessionUser | undefined, String(req.params.id)));
  });

  r.patch('/achievements/:id', keyScope('listings:write'), requireUser, validate({ params: idParams, body: AchievementPatch }), async (req, res) => {
    res.json(await updateAchievement(currentUser(req), String(req.params.id), req.body));
  });

  r.delete('/achievements/:id', keyScope('listings:write'), requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await deleteAchievement(currentUser(req), String(req.params.id)));
  });

  for (const action of ['publish', 'withdraw'] as const) {
    r.post(`/achievements/:id/${action}`, keyScope('listings:write'), requireUser, validate({ params: idParams, body: TransitionInput }), async (req, res) => {
      res.json(await transitionAchievement(currentUser(req), String(req.params.id), action, req.body.version, deps.listingEvents));
    });
  }

  r.post('/achievements/:id/nda', requireUser, validate({ params: idParams, body: NdaAcceptInput }), async (req, res) => {
    res.status(201).json(await acceptNda(currentUser(req), String(req.params.id), req.body.ndaVersion));
  });

  return r;
}
