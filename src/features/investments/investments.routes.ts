import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { investmentHandlers } from './investments.handlers.js';

export function investmentRoutes(deps: Deps) {
  const h = investmentHandlers(deps);
  const router = Router();
  router.get('/inwestycje', h.list);
  router.get('/inwestycje.geojson', h.geojson);
  router.get('/inwestycje/:slug', h.show);
  return router;
}
