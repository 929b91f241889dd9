import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { OUTBOX_URL, outboxHandlers } from './outbox.handlers.js';

export function outboxRoutes(deps: Deps) {
  const h = outboxHandlers(deps);
  const router = Router();
  router.get(OUTBOX_URL, requirePermission('outbox:view'), h.list);
  router.get(`${OUTBOX_URL}/:name`, requirePermission('outbox:view'), h.show);
  return router;
}
