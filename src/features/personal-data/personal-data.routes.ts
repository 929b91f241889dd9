import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { personalDataHandlers, personalDataUrls as u } from './personal-data.handlers.js';

/** Public routes: the access is the e-mailed link, held in the session for a while (no staff guard). */
export function personalDataRoutes(deps: Deps) {
  const h = personalDataHandlers(deps);
  const router = Router();
  router.get(u.start(), h.start);
  router.post(u.start(), h.requestLink);
  router.get(u.sent(), h.sent);
  router.get(u.open(), h.openPage);
  router.post(u.open(), h.open);
  router.get(u.data(), h.page);
  router.get(u.exportJson(), h.exportJson);
  router.get(u.exportCsv(), h.exportCsv);
  router.post(u.erase(), h.erase);
  router.get(u.erased(), h.erased);
  return router;
}
