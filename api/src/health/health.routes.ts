import { Router } from 'express';
import { pingDatabase, type DbKind } from '../db';

export interface HealthDeps {
  version: string;
  dbKind: DbKind;
  searchStatus?: () => Promise<{ kind: string; backlog: number; reachable: boolean }>;
}

const startedAt = Date.now();

/** GET /api/health — liveness plus what the platform runs on. */
export function healthRoutes(deps: HealthDeps): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const reachable = await pingDatabase();
    const search = deps.searchStatus ? await deps.searchStatus() : { kind: 'none', backlog: 0, reachable: false };
    res.status(reachable ? 200 : 503).json({
      status: reachable ? 'ok' : 'degraded',
      version: deps.version,
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
      database: { kind: deps.dbKind, reachable },
      search,
    });
  });
  return r;
}
