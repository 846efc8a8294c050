import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { currentUser, requireUser } from '../http/auth';
import { idParams } from '../common/schemas';
import type { SessionUser } from '../auth/auth.types';
import {
  AchievementInput,
  AchievementPatch,
  MyListingsQuery,
  NdaAcceptInput,
  TransitionInput,
} from './achievements.schemas';
import {
  acceptNda,
  createAchievement,
  getAchievement,
  listMyAchievements,
  transitionAchievement,
  updateAchievement,
} from './achievements.service';

/** Achievements (科技成果): create, edit, publish, withdraw, mine, read, NDA. Import lives in achievements.import.routes.ts. */
export function achievementRoutes(): Router {
  const r = Router();

  r.post('/achievements', requireUser, validate({ body: AchievementInput }), async (req, res) => {
    res.status(201).json(await createAchievement(currentUser(req), req.body));
  });

  r.get('/achievements/mine', requireUser, validate({ query: MyListingsQuery }), async (req, res) => {
    res.json(await listMyAchievements(currentUser(req), valid(req, 'query')));
  });

  r.get('/achievements/:id', validate({ params: idParams }), async (req, res) => {
    res.json(await getAchievement(req.user as SessionUser | undefined, String(req.params.id)));
  });

  r.patch('/achievements/:id', requireUser, validate({ params: idParams, body: AchievementPatch }), async (req, res) => {
    res.json(await updateAchievement(currentUser(req), String(req.params.id), req.body));
  });

  for (const action of ['publish', 'withdraw'] as const) {
    r.post(`/achievements/:id/${action}`, requireUser, validate({ params: idParams, body: TransitionInput }), async (req, res) => {
      res.json(await transitionAchievement(currentUser(req), String(req.params.id), action, req.body.version));
    });
  }

  r.post('/achievements/:id/nda', requireUser, validate({ params: idParams, body: NdaAcceptInput }), async (req, res) => {
    res.status(201).json(await acceptNda(currentUser(req), String(req.params.id), req.body.ndaVersion));
  });

  return r;
}
