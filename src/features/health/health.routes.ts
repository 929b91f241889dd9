// Liveness (process up) and readiness (database reachable, migrations applied) for load balancers.
import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { pendingMigrations } from '../../db/migrate.js';

export function healthRoutes(deps: Deps) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const pending = await pendingMigrations(deps.pool);
      if (pending.length > 0) return res.status(503).json({ status: 'migrations pending', pending });
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  return router;
}
