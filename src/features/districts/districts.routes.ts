import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { districtHandlers } from './districts.handlers.js';

export function districtRoutes(deps: Deps) {
  const h = districtHandlers(deps);
  const router = Router();
  router.get('/dzielnice', h.list);
  router.get('/dzielnice/:slug', h.show);
  return router;
}
