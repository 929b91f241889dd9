import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { searchHandlers } from './search.handlers.js';

export function searchRoutes(deps: Deps) {
  const h = searchHandlers(deps);
  const router = Router();
  router.get('/szukaj', h.page);
  return router;
}
