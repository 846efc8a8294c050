import { Router } from 'express';
import { validate, valid } from '../http/validate';
import { keyScope } from '../apikeys/apikeys.auth';
import { FeedQuery } from './feed.schemas';
import { achievementFeed, demandFeed } from './feed.service';

/**
 * The incremental feed for partner platforms: published achievements and open demands changed
 * after a cursor, tombstones for those that left the market. Public data (anyone may read it, as
 * on the listing pages); a key needs `listings:read`.
 */
export function feedRoutes(opts: { settleMs: number }): Router {
  const r = Router();
  r.get('/feed/achievements', keyScope('listings:read'), validate({ query: FeedQuery }), async (req, res) => {
    res.json(await achievementFeed(valid<FeedQuery>(req, 'query'), opts.settleMs));
  });
  r.get('/feed/demands', keyScope('listings:read'), validate({ query: FeedQuery }), async (req, res) => {
    res.json(await demandFeed(valid<FeedQuery>(req, 'query'), opts.settleMs));
  });
  return r;
}
