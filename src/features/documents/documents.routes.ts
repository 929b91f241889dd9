import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { documentHandlers } from './documents.handlers.js';

export function documentRoutes(deps: Deps) {
  const h = documentHandlers(deps);
  const router = Router();
  router.get('/dokumenty/:id/wersja-html', h.html);
  return router;
}
