import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { surveysHandlers } from './surveys.handlers.js';

export function surveysRoutes(deps: Deps) {
  const h = surveysHandlers(deps);
  const router = Router();
  router.get('/ankiety', h.list);
  router.get('/ankiety/:id', h.show);
  router.post('/ankiety/:id', h.submit);
  router.post('/ankiety/:id/e-mail', h.requestLink);
  router.get('/ankiety/:id/e-mail/:token', h.fromEmail);
  router.get('/ankiety/:id/dziekujemy', h.thanks);
  router.get('/ankiety/:id/wyniki', h.results);
  return router;
}
