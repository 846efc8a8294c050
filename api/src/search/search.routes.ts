import { Router } from 'express';
import type { SearchEngine } from '@techbridge/search';
import { validate, valid } from '../http/validate';
import { keyScope } from '../apikeys/apikeys.auth';
import type { SessionUser } from '../auth/auth.types';
import { AchievementSearchQuery, DemandSearchQuery } from './search.schemas';
import { searchAchievements, searchDemands } from './search.service';

/** Public search over published achievements and open demands. */
export function searchRoutes(engine: SearchEngine): Router {
  const r = Router();

  r.get('/search/achievements', keyScope('listings:read'), validate({ query: AchievementSearchQuery }), async (req, res) => {
    res.json(await searchAchievements(engine, valid(req, 'query')));
  });

  r.get('/search/demands', keyScope('listings:read'), validate({ query: DemandSearchQuery }), async (req, res) => {
    res.json(await searchDemands(engine, req.user as SessionUser | undefined, valid(req, 'query')));
  });

  return r;
}
