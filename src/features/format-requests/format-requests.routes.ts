import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { formatRequestHandlers } from './format-requests.handlers.js';

export function formatRequestRoutes(deps: Deps) {
  const h = formatRequestHandlers(deps);
  const handle = requirePermission('formatRequests:handle');
  const router = Router();
  router.get('/dokumenty/:id/inny-format', h.form);
  router.post('/dokumenty/:id/inny-format', h.submit);
  router.get('/dokumenty/:id/inny-format/wyslano', h.sent);
  router.get('/panel/prosby-o-format', handle, h.panelList);
  router.post('/panel/prosby-o-format/:id/zalatwiona', handle, h.markHandled);
  return router;
}
